import type { ChildProcess, Serializable } from 'node:child_process';
import type { MessagePort, Worker } from 'node:worker_threads';
import type { FetchHandler } from './switchboard.js';

/** What the connection says of the client; the app's `env` (a plain value, so it can cross threads). */
export interface Connection {
  remoteAddress?: string | undefined;
}

/**
 * One end of a channel to another thread or process, as `forwardRequests` and
 * `answerRequests` use it: a `MessagePort` (`portChannel`) or a child process's IPC
 * (`processChannel`). Other messages may share it: these ignore what is not theirs.
 */
export interface Channel {
  /** Sends a message; `transfer` may move its buffers instead of copying them. */
  post(message: unknown, transfer?: ArrayBuffer[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/** A `MessagePort` (or a worker, or its `parentPort`) as a channel. */
export function portChannel(
  port: Pick<MessagePort | Worker, 'postMessage' | 'on' | 'off'>,
): Channel {
  return {
    post: (message, transfer = []) => port.postMessage(message, transfer),
    on: (event, listener) => port.on(event, listener),
    off: (event, listener) => port.off(event, listener),
  };
}

/**
 * A child process's IPC (or, in the child, `process`) as a channel. It must be made with
 * `serialization: 'advanced'`, which carries buffers (copied).
 */
export function processChannel(end: ChildProcess | NodeJS.Process): Channel {
  return {
    post: (message) => {
      end.send?.(message as Serializable);
    },
    on: (event, listener) => end.on(event, listener),
    off: (event, listener) => end.off(event, listener),
  };
}

interface Asked {
  http: 'request';
  id: number;
  method: string;
  url: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
  connection: Connection;
}

type Answered = { http: 'response'; id: number } & (
  | { status: number; headers: [string, string][]; body: ArrayBuffer | null }
  | { failed: string }
);

/** A handler on the other side of `port` that has stopped answering. */
export interface Forwarder extends FetchHandler {
  /** Fails every request still waiting (the other thread is gone) and takes no more. */
  close(reason: string): void;
}

/**
 * A handler that answers each request by asking `answerRequests` on the other end of the
 * channel — the radiator built and served in another process, so that the one taking
 * connections never waits on an analysis.
 */
export function forwardRequests(channel: Channel): Forwarder {
  const waiting = new Map<number, { resolve: (r: Response) => void; reject: (e: Error) => void }>();
  let next = 0;
  let closed: string | undefined;
  const onMessage = (message: unknown) => {
    const answer = message as Answered | undefined;
    if (answer?.http !== 'response') return;
    const asked = waiting.get(answer.id);
    if (!asked) return;
    waiting.delete(answer.id);
    if ('failed' in answer) asked.reject(new Error(answer.failed));
    else
      asked.resolve(
        new Response(answer.body, { status: answer.status, headers: new Headers(answer.headers) }),
      );
  };
  channel.on('message', onMessage);
  return {
    async fetch(request, env) {
      if (closed !== undefined) throw new Error(closed);
      const id = next++;
      const body =
        request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
      const asked: Asked = {
        http: 'request',
        id,
        method: request.method,
        url: request.url,
        headers: [...request.headers],
        body,
        connection: { remoteAddress: (env as Connection | undefined)?.remoteAddress },
      };
      return new Promise<Response>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        channel.post(asked, body ? [body] : []);
      });
    },
    close(reason) {
      closed = reason;
      channel.off('message', onMessage);
      for (const asked of waiting.values()) asked.reject(new Error(reason));
      waiting.clear();
    },
  };
}

/** Answers the requests `forwardRequests` sends over the channel with `handler`. */
export function answerRequests(channel: Channel, handler: FetchHandler): void {
  channel.on('message', async (message: unknown) => {
    const asked = message as Asked | undefined;
    if (asked?.http !== 'request') return;
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
      answer = {
        http: 'response',
        id: asked.id,
        status: response.status,
        headers: [...response.headers],
        body,
      };
    } catch (error) {
      answer = {
        http: 'response',
        id: asked.id,
        failed: error instanceof Error ? error.message : String(error),
      };
    }
    channel.post(answer, body ? [body] : []);
  });
}
