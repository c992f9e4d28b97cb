import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { TokenRecord } from '../model/index.js';

/** The hex SHA-256 of a token: the only form in which tokens are stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new random token: `ow_` and 32 bytes of base64url (256 bits). */
export function newToken(): string {
  return `ow_${randomBytes(32).toString('base64url')}`;
}

export type AuthResult =
  | { ok: true; name: string }
  | { ok: false; status: 401 | 403; message: string };

/**
 * Checks `Authorization: Bearer <token>` against the stored tokens (by hash) and the
 * `ORGWIRE_TOKEN` of the server's environment. No header is 401; a token that matches
 * nothing is 403. Tokens created while the server runs are found on the next miss.
 */
export function createAuthorizer(options: {
  tokens: () => Promise<readonly TokenRecord[]>;
  envToken?: string | undefined;
}) {
  let known = new Map<string, string>();
  let loadedAt = 0;
  const envHash = options.envToken ? Buffer.from(hashToken(options.envToken), 'hex') : null;
  const reload = async () => {
    loadedAt = Date.now();
    known = new Map((await options.tokens()).map((t) => [t.hash, t.name]));
  };

  return {
    reload,
    async check(header: string | undefined): Promise<AuthResult> {
      const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) {
        return {
          ok: false,
          status: 401,
          message:
            'This needs a token: send `Authorization: Bearer <token>`. Create one with `orgwire token create`.',
        };
      }
      const hash = hashToken(match[1] as string);
      if (envHash && timingSafeEqual(Buffer.from(hash, 'hex'), envHash))
        return { ok: true, name: 'ORGWIRE_TOKEN' };
      let name = known.get(hash);
      // At most one store read a second, however many wrong tokens arrive.
      if (name === undefined && Date.now() - loadedAt > 1000) {
        await reload();
        name = known.get(hash);
      }
      if (name !== undefined) return { ok: true, name };
      return { ok: false, status: 403, message: 'That token is not valid here.' };
    },
  };
}

export type Authorizer = ReturnType<typeof createAuthorizer>;
