import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitFolders } from './split-folders.js';

describe('splitFolders', () => {
  const changes: [string, number][] = [
    ['drivers/net/e1000/a.c', 30],
    ['drivers/net/b.c', 10],
    ['drivers/bus/pci/c.c', 20],
    ['lib/eal/d.c', 15],
    ['lib/e.c', 25],
  ];

  it('splits the folders that hold more than a fifth of the changes, down the tree', () => {
    const folderOf = splitFolders(changes, 100);
    // drivers 60 > 20: split; drivers/net 40 > 20: split; drivers/bus 20 is not above 20.
    expect(folderOf('drivers/net/e1000/a.c')).toBe('drivers/net/e1000');
    expect(folderOf('drivers/net/b.c')).toBe('drivers/net');
    expect(folderOf('drivers/bus/pci/c.c')).toBe('drivers/bus');
    // lib 40: split; its own files stay together as `lib`.
    expect(folderOf('lib/eal/d.c')).toBe('lib/eal');
    expect(folderOf('lib/e.c')).toBe('lib');
    expect(folderOf('README')).toBe('/');
    // A path with no change in the window follows the same split.
    expect(folderOf('drivers/crypto/x/y.c')).toBe('drivers/crypto');
    expect(folderOf('doc/guide.md')).toBe('doc');
  });

  it('counts the share against every change, those other files decide included', () => {
    expect(splitFolders(changes, 1000)('drivers/net/b.c')).toBe('drivers');
  });

  it('cuts at a fixed depth when asked', () => {
    const folderOf = splitFolders(changes, 100, { depth: 2 });
    expect(folderOf('drivers/net/e1000/a.c')).toBe('drivers/net');
    expect(folderOf('lib/e.c')).toBe('lib');
    expect(folderOf('a')).toBe('/');
    expect(splitFolders([], 0, { depth: 1 })('drivers/net/b.c')).toBe('drivers');
  });

  const path = fc
    .array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 6 })
    .map((names) => names.join('/'));
  const history = fc.array(fc.tuple(path, fc.integer({ min: 1, max: 20 })), { maxLength: 30 });

  it('gives each path a folder above it, and leaves no component folder too big to split', () => {
    fc.assert(
      fc.property(history, fc.double({ min: 0.05, max: 1, noNaN: true }), (changes, share) => {
        const total = changes.reduce((n, [, c]) => n + c, 0);
        const folderOf = splitFolders(changes, total, { share });
        for (const [p] of changes) {
          const folder = folderOf(p);
          if (!p.includes('/')) expect(folder).toBe('/');
          else expect(p.startsWith(`${folder}/`)).toBe(true);
          // A folder is only ever cut short of the path when it is small enough.
          const held = changes
            .filter(([q]) => q.startsWith(`${folder}/`))
            .reduce((n, [, c]) => n + c, 0);
          const deeper = p.slice(folder.length + 1).includes('/');
          if (folder !== '/' && deeper) expect(held).toBeLessThanOrEqual(share * total);
        }
      }),
    );
  });
});
