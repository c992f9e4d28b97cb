import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import type { TokenRecord } from '../model/index.js';
import { createAuthorizer, hashToken, newToken, tokenWeakness } from './auth.js';

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
      { id: 1, name: 'ci', hash: hashToken(token), createdAt: '2026-10-01T00:00:00Z' },
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
    stored.push({ id: 2, name: 'late', hash: hashToken(token), createdAt: '2026-10-01' });
    expect(await auth.check(`Bearer ${token}`)).toEqual({ ok: true, name: 'late' });
  });
});
