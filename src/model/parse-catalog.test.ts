import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogReadings, parseCatalog, rememberReadings } from './parse-catalog.js';

const user = (name: string, team = 'web') =>
  `apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ${name}
spec:
  memberOf: [${team}]
`;

describe('parseCatalog', () => {
  it('answers a file read before as it did the first time, and reads a changed one anew', () => {
    const files = [
      { path: 'a.yaml', text: `${user('ana')}---\n${user('ben')}` },
      { path: 'b.yaml', text: user('ana') },
    ];
    const first = parseCatalog(files);
    expect(first.entities.map((e) => e.name)).toEqual(['ana', 'ben']);
    expect(first.problems.map((p) => [p.code, p.file, p.line])).toEqual([
      ['entity/duplicate', 'b.yaml', 1],
    ]);
    // The same files again, in another order: the duplicate is now the other one.
    const again = parseCatalog([files[1], files[0]] as typeof files);
    expect(again.problems.map((p) => [p.code, p.file, p.line])).toEqual([
      ['entity/duplicate', 'a.yaml', 1],
    ]);
    expect(parseCatalog(files)).toEqual(first);
    const changed = parseCatalog([{ path: 'a.yaml', text: user('ana', 'ops') }]);
    expect(changed.entities).toMatchObject([{ name: 'ana', memberOf: ['group:default/ops'] }]);
  });

  it('gives the same answer read twice, whatever the files say', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom('ana', 'ben', 'cy'), fc.string({ maxLength: 12 })), {
          maxLength: 4,
        }),
        (names) => {
          const files = names.map((name, i) => ({
            path: `f${i % 2}.yaml`,
            text: /^[a-z]+$/.test(name) ? user(name) : `${name}: [`,
          }));
          const once = JSON.stringify(parseCatalog(files));
          expect(JSON.stringify(parseCatalog(files))).toBe(once);
        },
      ),
    );
  });

  it('takes readings kept as JSON (by another run) for its own: the same catalog as parsing it', () => {
    const dir = 'examples/demo/catalog';
    // A path no other test reads: the first parse below is a parse, not a remembered one.
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => ({ path: `kept/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
    const parsed = parseCatalog(files);
    expect(parsed.entities.length).toBeGreaterThan(50);
    const kept = JSON.parse(JSON.stringify(catalogReadings(files)));
    rememberReadings(files, kept);
    expect(parseCatalog(files)).toStrictEqual(parsed);
    // And what is remembered is what is answered: nothing is parsed again.
    rememberReadings(files.slice(0, 1), [{ documents: [], problems: [] }]);
    expect(parseCatalog(files.slice(0, 1)).entities).toEqual([]);
  });

  it('reads every generated catalog the same from its kept readings as from its text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom('ana', 'ben', 'cy'), fc.string({ maxLength: 12 })), {
          maxLength: 4,
        }),
        fc.nat(),
        (names, run) => {
          const files = names.map((name, i) => ({
            path: `run-${run}/f${i % 2}.yaml`,
            text: /^[a-z]+$/.test(name) ? user(name) : `${name}: [`,
          }));
          const parsed = parseCatalog(files);
          rememberReadings(files, JSON.parse(JSON.stringify(catalogReadings(files))));
          expect(parseCatalog(files)).toStrictEqual(parsed);
        },
      ),
    );
  });
});
