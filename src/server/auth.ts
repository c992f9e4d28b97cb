import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.js';
import type { TokenRecord } from '../model/index.js';

/** The hex SHA-256 of a token: the only form in which tokens are stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new random token: `ow_` and 32 bytes of base64url (256 bits). */
export function newToken(): string {
  return `ow_${randomBytes(32).toString('base64url')}`;
}

/** The fewest characters a token given by hand (ORGWIRE_TOKEN) may have. */
export const MIN_TOKEN_LENGTH = 32;
/** The fewest bits of randomness such a token is estimated to hold. */
export const MIN_TOKEN_BITS = 128;

/**
 * Why a token given by hand is too weak to guard the radiator, or undefined when it is
 * strong enough: at least 32 characters, at least 8 different ones, and an estimated
 * length × log2(alphabet) ≥ 128 bits, where the alphabet is the sum of the classes used
 * (10 digits, 26 lower-case, 26 upper-case letters, 33 other printable characters). The
 * estimate is an upper bound: it cannot tell a random string from a sentence, so it
 * refuses what is surely weak (`a`, `secret`, `aaaa…`), not all that is.
 */
export function tokenWeakness(token: string): string | undefined {
  const length = [...token].length;
  if (length < MIN_TOKEN_LENGTH)
    return `it has ${length} character${length === 1 ? '' : 's'}; a token needs at least ${MIN_TOKEN_LENGTH}`;
  if (new Set(token).size < 8) return 'it repeats a few characters';
  const alphabet =
    (/\d/.test(token) ? 10 : 0) +
    (/[a-z]/.test(token) ? 26 : 0) +
    (/[A-Z]/.test(token) ? 26 : 0) +
    (/[^a-zA-Z\d]/.test(token) ? 33 : 0);
  const bits = Math.floor(length * Math.log2(alphabet));
  if (bits < MIN_TOKEN_BITS)
    return `it holds at most ${bits} bits of randomness; a token needs ${MIN_TOKEN_BITS}`;
  return undefined;
}

export type AuthResult =
  | { ok: true; name: string }
  | { ok: false; status: 401 | 403; message: string };

/** How often a server records that one token was used, at most: once a minute. */
export const TOKEN_USE_INTERVAL_MS = 60_000;

/**
 * Checks `Authorization: Bearer <token>` against the stored tokens (by hash) and the
 * `ORGWIRE_TOKEN` of the server's environment. No header is 401; a token that matches
 * nothing is 403. The store is asked on every check, so a token created or revoked while
 * the server runs counts from the next request on. Throws an AppError for a weak
 * `envToken`.
 *
 * A stored token that lets a request through is recorded as used (`touch`, with the time
 * of `now`), at most once per {@link TOKEN_USE_INTERVAL_MS} per token: the last write of
 * each is kept here, not asked of the store. The write is not waited for, and a failed one
 * is ignored: the request goes on either way, and the next try is a minute later.
 * `ORGWIRE_TOKEN` is not stored, so its use is not recorded.
 */
export function createAuthorizer(options: {
  tokens: () => Promise<readonly TokenRecord[]>;
  /** Records that the token of that hash let a request through at `at` (ISO 8601 UTC). */
  touch?: (hash: string, at: string) => Promise<unknown>;
  envToken?: string | undefined;
  /** The clock (default: the system's). */
  now?: () => Date;
}) {
  if (options.envToken !== undefined) {
    const weakness = tokenWeakness(options.envToken);
    if (weakness !== undefined)
      throw new AppError(
        'invalid-input',
        `ORGWIRE_TOKEN is too weak: ${weakness}.`,
        'Set it to at least 32 random characters, such as `openssl rand -hex 32` prints, or unset it and use a stored token: `orgwire token create`.',
      );
  }
  const envHash = options.envToken ? Buffer.from(hashToken(options.envToken), 'hex') : null;
  const now = options.now ?? (() => new Date());
  /** Each stored token's hash → when its use was last written (ms since the epoch). */
  const lastWritten = new Map<string, number>();

  const recordUse = (hash: string): void => {
    const { touch } = options;
    if (touch === undefined) return;
    const at = now();
    const last = lastWritten.get(hash);
    if (last !== undefined && at.getTime() - last < TOKEN_USE_INTERVAL_MS) return;
    lastWritten.set(hash, at.getTime());
    // Not awaited: on SQLite the write may wait for another writer's lock (an ingest), and
    // a request is not to wait for bookkeeping. Inside then(), a throw is a rejection too.
    Promise.resolve()
      .then(() => touch(hash, at.toISOString()))
      .catch(() => {});
  };

  return {
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
      // Hashes are compared, not tokens: a lookup's timing tells nothing of the token.
      const found = (await options.tokens()).find((t) => t.hash === hash);
      if (found === undefined)
        return { ok: false, status: 403, message: 'That token is not valid here.' };
      recordUse(found.hash);
      return { ok: true, name: found.name };
    },
  };
}

export type Authorizer = ReturnType<typeof createAuthorizer>;
