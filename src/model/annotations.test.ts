import { describe, expect, it } from 'vitest';
import { parsePaths } from './annotations.js';

describe('parsePaths', () => {
  it('reads comma-separated globs, with or without a repository', () => {
    expect(parsePaths('services/cart/**, shop:/web/ , docs/*.md')).toEqual({
      ok: true,
      value: [{ glob: 'services/cart/**' }, { repo: 'shop', glob: 'web' }, { glob: 'docs/*.md' }],
    });
  });

  it.each(['!services/generated/**', 'services/{a,b}/**', 'services/@(a|b)/**', 'services/+(a)/x'])(
    'refuses %s, which the glob engine would read literally and never match',
    (value) => {
      const parsed = parsePaths(value);
      expect(parsed.ok).toBe(false);
      expect(parsed).toMatchObject({
        message: expect.stringContaining('glob syntax orgwire does not read'),
      });
    },
  );
});
