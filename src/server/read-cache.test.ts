import { describe, expect, it } from 'vitest';
import { createReadCache } from './read-cache.js';

const body = (bytes: number) => Buffer.alloc(bytes, 'x');

describe('createReadCache', () => {
  it('builds a body once and serves it again from memory', () => {
    const cache = createReadCache(10_000);
    let builds = 0;
    const build = () => {
      builds++;
      return body(100);
    };
    expect(cache.get('overview', 1, build)?.length).toBe(100);
    expect(cache.get('overview', 1, build)?.length).toBe(100);
    expect(builds).toBe(1);
  });

  it('holds at most its size in bytes, dropping the least recently used first', () => {
    const cache = createReadCache(1_000);
    cache.get('a', 1, () => body(250));
    cache.get('b', 1, () => body(250));
    cache.get('a', 1, () => body(250));
    cache.get('c', 1, () => body(250));
    expect(cache.bytes).toBeLessThanOrEqual(1_000);
    expect(cache.has('a')).toBe(true);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('c')).toBe(true);
    for (let n = 0; n < 1_000; n++) cache.get(`limit:${n}`, 1, () => body(300));
    expect(cache.bytes).toBeLessThanOrEqual(1_000);
  });

  it('serves a body larger than the whole cache without keeping it', () => {
    const cache = createReadCache(1_000);
    expect(cache.get('huge', 1, () => body(5_000))?.length).toBe(5_000);
    expect(cache.bytes).toBe(0);
  });

  it('builds an entry again when the radiator has changed since (a write), and only that one', () => {
    const cache = createReadCache(10_000);
    cache.get('overview', 1, () => body(10));
    cache.get('coordination', 0, () => body(30));
    expect(cache.get('overview', 2, () => body(20))?.length).toBe(20);
    expect(cache.get('coordination', 0, () => body(99))?.length).toBe(30);
    expect(cache.size).toBe(2);
  });

  it('caches nothing for a missing entity', () => {
    const cache = createReadCache(10_000);
    expect(cache.get('team:nobody', 1, () => undefined)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
