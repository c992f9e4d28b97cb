import { MessageChannel } from 'node:worker_threads';
import fc from 'fast-check';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { answerRequests, type Connection, forwardRequests, portChannel } from './forward.js';
import type { FetchHandler } from './switchboard.js';

// The two ends run in one thread here, over a real MessageChannel: every message is copied
// by the structured clone algorithm, as a child process's advanced IPC serialization copies it.
const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

function across(app: FetchHandler) {
  const channel = new MessageChannel();
  channels.push(channel);
  answerRequests(portChannel(channel.port2), app);
  return forwardRequests(portChannel(channel.port1));
}

describe('forwarding requests to another thread', () => {
  it('gives the method, path, query, headers, body and client address, and brings back the answer', async () => {
    const app = new Hono<{ Bindings: Connection }>();
    app.post('/echo/:name', async (c) =>
      c.json(
        {
          name: c.req.param('name'),
          q: c.req.query('q'),
          type: c.req.header('content-type'),
          body: await c.req.json(),
          from: c.env.remoteAddress,
        },
        201,
        { 'x-made-by': 'the worker' },
      ),
    );
    const forwarded = across(app);
    const response = await forwarded.fetch(
      new Request('http://radiator.test/echo/é?q=a%20b', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ team: 'payments' }),
      }),
      { remoteAddress: '10.0.0.7' },
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('x-made-by')).toBe('the worker');
    expect(await response.json()).toEqual({
      name: 'é',
      q: 'a b',
      type: 'application/json',
      body: { team: 'payments' },
      from: '10.0.0.7',
    });
  });

  it('brings back an answer without a body (304, 204, HEAD) as one', async () => {
    const app = new Hono();
    app.get('/same', (c) => c.body(null, 304, { etag: '"v1"' }));
    app.delete('/gone', (c) => c.body(null, 204));
    const forwarded = across(app);
    const same = await forwarded.fetch(new Request('http://radiator.test/same'));
    expect(same.status).toBe(304);
    expect(same.headers.get('etag')).toBe('"v1"');
    expect(same.body).toBeNull();
    const gone = await forwarded.fetch(
      new Request('http://radiator.test/gone', { method: 'DELETE' }),
    );
    expect(gone.status).toBe(204);
  });

  it('answers each of many requests in flight at once with its own answer, whatever the order they finish in', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.string(), fc.nat(5)), { minLength: 1, maxLength: 30 }),
        async (asks) => {
          const app = new Hono();
          app.post('/', async (c) => {
            const { text, wait } = await c.req.json<{ text: string; wait: number }>();
            await new Promise((r) => setTimeout(r, wait));
            return c.text(text);
          });
          const forwarded = across(app);
          const answers = await Promise.all(
            asks.map(async ([text, wait]) => {
              const r = await forwarded.fetch(
                new Request('http://radiator.test/', {
                  method: 'POST',
                  body: JSON.stringify({ text, wait }),
                }),
              );
              return r.text();
            }),
          );
          expect(answers).toEqual(asks.map(([text]) => text));
        },
      ),
      { numRuns: 20 },
    );
  });

  it('fails a request the other side cannot answer, and every request once the other side is gone', async () => {
    const forwarded = across({
      fetch: () => {
        throw new Error('the radiator broke');
      },
    });
    await expect(forwarded.fetch(new Request('http://radiator.test/'))).rejects.toThrow(
      'the radiator broke',
    );

    const silent = new MessageChannel();
    channels.push(silent);
    const unanswered = forwardRequests(portChannel(silent.port1));
    const waiting = unanswered.fetch(new Request('http://radiator.test/'));
    unanswered.close('The radiator being served has stopped.');
    await expect(waiting).rejects.toThrow('has stopped');
    await expect(unanswered.fetch(new Request('http://radiator.test/'))).rejects.toThrow(
      'has stopped',
    );
  });
});
