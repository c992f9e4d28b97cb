import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import type { TokenRecord } from '../model/index.js';
import {
  createAuthorizer,
  hashToken,
  newToken,
  TOKEN_USE_INTERVAL_MS,
  tokenWeakness,
} from './auth.js';

const STRONG = '3f9a1c7e5b2d8046f1e3a5c7b9d0e2f4';

describe('tokenWeakness', () => {
  it.each([
    ['a', 'has 1 character'],
    ['from-the-environment', 'has 20 characters'],
    ['a'.repeat(64), 'repeats'],
    ['ab'.repeat(32), 'repeats'],
  ])('calls %j weak', (token, why) => {
    expect(tokenWeakness(token)).toContain(why);
  });

  it('takes what `openssl rand -hex 16` (and more) or `orgwire token create` make', () => {
    expect(tokenWeakness(STRONG)).toBeUndefined();
    expect(tokenWeakness(newToken())).toBeUndefined();
    expect(tokenWeakness('Zq8-Lr2!mW5pX0vB7nK3yT6hJ1gF4dS9')).toBeUndefined();
  });
});

describe('createAuthorizer', () => {
  it('refuses a weak ORGWIRE_TOKEN with how to make a strong one', () => {
    let error: unknown;
    try {
      createAuthorizer({ tokens: async () => [], envToken: 'a' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain('ORGWIRE_TOKEN is too weak');
    expect((error as AppError).hint).toContain('openssl rand -hex 32');
    expect((error as AppError).hint).toContain('orgwire token create');
  });

  it('accepts a strong ORGWIRE_TOKEN and names it', async () => {
    const auth = createAuthorizer({ tokens: async () => [], envToken: STRONG });
    expect(await auth.check(`Bearer ${STRONG}`)).toEqual({ ok: true, name: 'ORGWIRE_TOKEN' });
    expect(await auth.check(`Bearer ${STRONG}x`)).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses a deleted token on the very next request', async () => {
    const token = newToken();
    let stored: TokenRecord[] = [
      {
        id: 1,
        name: 'ci',
        hash: hashToken(token),
        createdAt: '2026-10-01T00:00:00Z',
        lastUsedAt: null,
      },
    ];
    const auth = createAuthorizer({ tokens: async () => stored });
    expect(await auth.check(`Bearer ${token}`)).toEqual({ ok: true, name: 'ci' });
    stored = [];
    expect(await auth.check(`Bearer ${token}`)).toMatchObject({ ok: false, status: 403 });
  });

  it('finds a token created after it started', async () => {
    const token = newToken();
    const stored: TokenRecord[] = [];
    const auth = createAuthorizer({ tokens: async () => stored });
    expect(await auth.check(`Bearer ${token}`)).toMatchObject({ ok: false, status: 403 });
    stored.push({
      id: 2,
      name: 'late',
      hash: hashToken(token),
      createdAt: '2026-10-01T00:00:00Z',
      lastUsedAt: null,
    });
    expect(await auth.check(`Bearer ${token}`)).toEqual({ ok: true, name: 'late' });
  });

  it('records a good token as used at most once a minute, and a wrong one never', async () => {
    const token = newToken();
    const stored: TokenRecord[] = [
      {
        id: 1,
        name: 'ci',
        hash: hashToken(token),
        createdAt: '2026-10-01T00:00:00.000Z',
        lastUsedAt: null,
      },
    ];
    const touched: [string, string][] = [];
    let clock = Date.parse('2026-10-02T09:00:00.000Z');
    const auth = createAuthorizer({
      tokens: async () => stored,
      touch: async (hash, at) => {
        touched.push([hash, at]);
      },
      envToken: STRONG,
      now: () => new Date(clock),
    });
    const expectTouched = (...ats: string[]) =>
      expect.poll(() => touched).toEqual(ats.map((at) => [hashToken(token), at]));

    expect(await auth.check(`Bearer ${token}`)).toEqual({ ok: true, name: 'ci' });
    await expectTouched('2026-10-02T09:00:00.000Z');
    clock += TOKEN_USE_INTERVAL_MS - 1;
    expect(await auth.check(`Bearer ${token}`)).toEqual({ ok: true, name: 'ci' });
    clock += 1;
    expect(await auth.check(`Bearer ${token}`)).toEqual({ ok: true, name: 'ci' });
    await expectTouched('2026-10-02T09:00:00.000Z', '2026-10-02T09:01:00.000Z');

    // Neither a wrong token, nor no token, nor ORGWIRE_TOKEN (not stored) is recorded.
    clock += 10 * TOKEN_USE_INTERVAL_MS;
    expect(await auth.check(`Bearer ${token}x`)).toMatchObject({ ok: false, status: 403 });
    expect(await auth.check(undefined)).toMatchObject({ ok: false, status: 401 });
    expect(await auth.check(`Bearer ${STRONG}`)).toEqual({ ok: true, name: 'ORGWIRE_TOKEN' });
    await new Promise((done) => setTimeout(done, 10));
    expect(touched).toHaveLength(2);
  });

  it('lets a request through when recording the use fails, and tries again a minute later', async () => {
    const token = newToken();
    const stored: TokenRecord[] = [
      {
        id: 1,
        name: 'ci',
        hash: hashToken(token),
        createdAt: '2026-10-01T00:00:00.000Z',
        lastUsedAt: null,
      },
    ];
    let tries = 0;
    let clock = 0;
    const auth = createAuthorizer({
      tokens: async () => stored,
      touch: async () => {
        tries++;
        throw new Error('database is locked');
      },
      now: () => new Date(clock),
    });
    expect(await auth.check(`Bearer ${token}`)).toEqual({ ok: true, name: 'ci' });
    expect(await auth.check(`Bearer ${token}`)).toEqual({ ok: true, name: 'ci' });
    await expect.poll(() => tries).toBe(1);
    clock += TOKEN_USE_INTERVAL_MS;
    expect(await auth.check(`Bearer ${token}`)).toEqual({ ok: true, name: 'ci' });
    await expect.poll(() => tries).toBe(2);
  });
});
