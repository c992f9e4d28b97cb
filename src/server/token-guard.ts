import type { Context, MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import { rateLimiter } from 'hono-rate-limiter';
import { LRUCache } from 'lru-cache';
import type { ApiErrorCode } from './api-types.js';
import { type Authorizer, hashToken } from './auth.js';

type Env = { Variables: { who: string; tokenRefused: boolean } };

export interface TokenGuardOptions {
  auth: Authorizer;
  /** Wrong tokens each client address may send a minute before it gets 429. */
  failuresPerMinute: number;
  /** The client's address: what the limit counts by. */
  address: (c: Context) => string;
  fail: (c: Context, status: number, code: ApiErrorCode, message: string) => Response;
}

/**
 * Lets through requests with a valid token (setting `who` to its name) and refuses the
 * rest: 401 without one, 403 with a wrong one — and 429 once an address has sent
 * `failuresPerMinute` wrong tokens in a minute. Only wrong tokens count, and a token that
 * has already worked from an address is never limited there, so guessing from an address
 * does not lock out the people working from it (a reverse proxy, a shared NAT, this
 * machine). Once limited, a token new to the address is not even checked until the
 * minute is over: that is what bounds guessing.
 */
export function tokenGuard(options: TokenGuardOptions): MiddlewareHandler<Env> {
  const { auth, address, fail } = options;
  // (address, token hash) pairs that have passed; bounded, the oldest forgotten first.
  const trusted = new LRUCache<string, true>({ max: 10_000 });
  const presented = (c: Context) => {
    const header = c.req.header('authorization');
    return header === undefined ? undefined : `${address(c)} ${hashToken(header.trim())}`;
  };

  const limit = rateLimiter<Env>({
    windowMs: 60_000,
    limit: options.failuresPerMinute,
    standardHeaders: 'draft-6',
    keyGenerator: address,
    // No token guesses nothing; a token that worked here before is no guess.
    skip: (c) => {
      const key = presented(c);
      return key === undefined || trusted.has(key);
    },
    skipSuccessfulRequests: true,
    requestWasSuccessful: (c) => c.get('tokenRefused') !== true,
    handler: (c) =>
      fail(
        c,
        429,
        'rate-limited',
        'Too many wrong tokens from this address; wait a minute, then send a valid token.',
      ),
  });

  const check: MiddlewareHandler<Env> = async (c, next) => {
    // Already checked on this request (reads and writes both need a token).
    if (c.get('who') !== undefined) return next();
    const result = await auth.check(c.req.header('authorization'));
    if (!result.ok) {
      c.set('tokenRefused', true);
      return fail(
        c,
        result.status,
        result.status === 401 ? 'unauthorized' : 'forbidden',
        result.message,
      );
    }
    c.set('who', result.name);
    const key = presented(c);
    if (key !== undefined) trusted.set(key, true);
    return next();
  };

  return every(limit, check);
}
