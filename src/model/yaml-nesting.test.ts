import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseConfig } from './config.js';
import { loadCatalog } from './load-catalog.js';
import { findDeepNesting, MAX_YAML_DEPTH } from './yaml-nesting.js';

/** The depth of a parsed YAML value, counted without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    deepest = Math.max(deepest, d + 1);
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

describe('findDeepNesting', () => {
  it.each([
    ['flow sequences', (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`],
    ['flow mappings', (n: number) => `${'a: {'.repeat(n)}${'}'.repeat(n)}`],
    [
      'block mappings',
      (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}a:`).join('\n'),
    ],
    [
      'block sequences',
      (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(2 * i)}- `).join('\n'),
    ],
    ['dashes on one line', (n: number) => `${'- '.repeat(n)}x`],
  ])('finds %s nested past the limit, however deep, without recursing', (_, nest) => {
    expect(findDeepNesting(nest(MAX_YAML_DEPTH - 2))).toBeUndefined();
    for (const n of [MAX_YAML_DEPTH + 1, 3_000]) expect(findDeepNesting(nest(n))).toBeDefined();
  });

  it('finds flow nesting 100,000 levels deep without overflowing the stack', () => {
    expect(findDeepNesting(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)?.depth).toBe(
      MAX_YAML_DEPTH + 1,
    );
  });

  it('leaves brackets in quotes, comments and block scalars alone', () => {
    const text = `a: '${'['.repeat(100)}'\nb: "${'{'.repeat(100)}"\n# ${'['.repeat(100)}\nc: |\n  ${'['.repeat(100)}\n  more\nd: [1]\n`;
    expect(findDeepNesting(text)).toBeUndefined();
  });

  it('counts exactly the nesting of what the YAML parser reads', () => {
    const nested = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'medium' },
        fc.string({ maxLength: 5 }),
        fc.integer(),
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 5 }), tie('v'), { maxKeys: 3 }),
      ),
    })).v;
    fc.assert(
      fc.property(nested, fc.boolean(), (value, flow) => {
        const depth = depthOf(value);
        fc.pre(depth > 0);
        const text = flow ? JSON.stringify(value) : stringify(value);
        return (
          findDeepNesting(text, depth - 1) !== undefined &&
          findDeepNesting(text, depth) === undefined
        );
      }),
      { numRuns: Number(process.env.NESTING_RUNS ?? 300) },
    );
  });
});

describe('deeply nested catalog files and orgwire.yaml', () => {
  const deep = `# generated\nkind: Group\nspec: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`;
  const expected = {
    severity: 'error',
    code: 'yaml/too-deep',
    line: 3,
    column: 7 + MAX_YAML_DEPTH - 1,
    message: `the YAML nests lists and mappings more than ${MAX_YAML_DEPTH} levels deep here; orgwire does not read it`,
  };

  it('are one input error with the place they go too deep, not a stack overflow', () => {
    const { problems } = loadCatalog([{ path: 'catalog/deep.yaml', text: deep }]);
    expect(problems).toEqual([expect.objectContaining({ ...expected, file: 'catalog/deep.yaml' })]);
    expect(parseConfig(deep, 'orgwire.yaml').problems).toEqual([
      expect.objectContaining({ ...expected, file: 'orgwire.yaml' }),
    ]);
  });

  it('still reads the other files of the catalog', () => {
    const group =
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: web}\nspec: {type: team, children: []}\n';
    const { catalog } = loadCatalog([
      { path: 'a.yaml', text: deep },
      { path: 'b.yaml', text: group },
    ]);
    expect(catalog.groups.map((g) => g.name)).toEqual(['web']);
  });
});
