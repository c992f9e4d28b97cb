import type { AddressInfo } from 'node:net';
import { type Http2Bindings, type HttpBindings, serve } from '@hono/node-server';
import type { Connection } from './forward.js';
import type { FetchHandler } from './switchboard.js';

export interface Listening {
  /** `http://HOST:PORT/`, with the port actually bound (for `--port 0`). */
  url: string;
  close(): Promise<void>;
}

/** Serves the app on host:port; resolves once the socket is listening. */
export function listen(app: FetchHandler, port: number, host: string): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        // The app is told only the client's address: a plain value, which a worker can take.
        fetch: (request, env: HttpBindings | Http2Bindings) =>
          app.fetch(request, {
            remoteAddress: env.incoming.socket.remoteAddress,
          } satisfies Connection),
        port,
        hostname: host,
      },
      (info: AddressInfo) => {
        const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${shown}:${info.port}/`,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              // Keep-alive connections from browsers would hold the close open.
              if ('closeAllConnections' in server) server.closeAllConnections();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
