import type { MessagePort, Worker } from 'node:worker_threads';
import type { FetchHandler } from './switchboard.js';

/** What the connection says of the client; the app's `env` (a plain value, so it can cross threads). */
export interface Connection {
  remoteAddress?: string | undefined;
}

/** One end of a channel between threads: a worker, its `parentPort`, or a `MessagePort`. */
type Port = Pick<MessagePort | Worker, 'postMessage' | 'on' | 'off'>;

interface Asked {
  id: number;
  method: string;
  url: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
  connection: Connection;
}

type Answered =
  | { id: number; status: number; headers: [string, string][]; body: ArrayBuffer | null }
  | { id: number; failed: string };

/** A handler on the other side of `port` that has stopped answering. */
export interface Forwarder extends FetchHandler {
  /** Fails every request still waiting (the other thread is gone) and takes no more. */
  close(reason: string): void;
}

/**
 * A handler that answers each request by asking `answerRequests` on the other end of `port`
 * — the radiator built and served in a worker, so that the thread taking connections never
 * waits on an analysis. Bodies move between the threads without a copy.
 */
export function forwardRequests(port: Port): Forwarder {
  const waiting = new Map<number, { resolve: (r: Response) => void; reject: (e: Error) => void }>();
  let next = 0;
  let closed: string | undefined;
  const onMessage = (answer: Answered) => {
    const asked = waiting.get(answer.id);
    if (!asked) return;
    waiting.delete(answer.id);
    if ('failed' in answer) asked.reject(new Error(answer.failed));
    else
      asked.resolve(
        new Response(answer.body, { status: answer.status, headers: new Headers(answer.headers) }),
      );
  };
  port.on('message', onMessage);
  return {
    async fetch(request, env) {
      if (closed !== undefined) throw new Error(closed);
      const id = next++;
      const body =
        request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
      const asked: Asked = {
        id,
        method: request.method,
        url: request.url,
        headers: [...request.headers],
        body,
        connection: { remoteAddress: (env as Connection | undefined)?.remoteAddress },
      };
      return new Promise<Response>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        port.postMessage(asked, body ? [body] : []);
      });
    },
    close(reason) {
      closed = reason;
      port.off('message', onMessage);
      for (const asked of waiting.values()) asked.reject(new Error(reason));
      waiting.clear();
    },
  };
}

/** Answers the requests `forwardRequests` sends over `port` with `handler`. */
export function answerRequests(port: Port, handler: FetchHandler): void {
  port.on('message', async (asked: Asked) => {
    let answer: Answered;
    let body: ArrayBuffer | null = null;
    try {
      const response = await handler.fetch(
        new Request(asked.url, {
          method: asked.method,
          headers: asked.headers,
          ...(asked.body ? { body: asked.body } : {}),
        }),
        asked.connection,
      );
      body = response.body === null ? null : await response.arrayBuffer();
      answer = { id: asked.id, status: response.status, headers: [...response.headers], body };
    } catch (error) {
      answer = { id: asked.id, failed: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(answer, body ? [body] : []);
  });
}
