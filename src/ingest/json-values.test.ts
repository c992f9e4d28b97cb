import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonValues } from './json-values.js';

const values = (text: string) => {
  const read = readJsonValues(text);
  if (!read.ok) throw new Error(read.message);
  return read.values;
};

describe('readJsonValues', () => {
  it('reads one value, with the lines its elements start on', () => {
    const text = '[\n  [1,\n 2],\n\n  "x, ]",\n  {"a": [3]}\n]\n';
    // The array inside the third element is at depth 2: not listed.
    expect(values(text)).toEqual([
      {
        value: [[1, 2], 'x, ]', { a: [3] }],
        line: 1,
        elementLines: [
          [2, 5, 6],
          [2, 3],
        ],
      },
    ]);
  });

  it('reads the pages gh api --paginate writes one after another, and JSON Lines', () => {
    const pages = '[{"n":1},\n{"n":2}][\n{"n":3}]\n';
    expect(values(pages).map((v) => [v.value, v.line, v.elementLines[0]])).toEqual([
      [[{ n: 1 }, { n: 2 }], 1, [1, 2]],
      [[{ n: 3 }], 2, [3]],
    ]);
    const lines = '{"n": 1}\n{"n": 2}\n\n"three"\n4 true null\n';
    expect(values(lines).map((v) => [v.value, v.line])).toEqual([
      [{ n: 1 }, 1],
      [{ n: 2 }, 2],
      ['three', 4],
      [4, 5],
      [true, 5],
      [null, 5],
    ]);
  });

  it('names the line of the first value that is not JSON', () => {
    const read = readJsonValues('[{"n": 1}]\n[\n  {"n": 2,}\n]\n');
    expect(read).toMatchObject({ ok: false, line: 3 });
    expect(readJsonValues('[{"n": 1}')).toMatchObject({ ok: false });
    expect(readJsonValues('{"n": 1} nonsense')).toMatchObject({ ok: false, line: 1 });
  });

  it('gives back any values written one after another, indented or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(0, 2),
        fc.constantFrom('\n', ' \n\n', '\r\n'),
        (list, indent, separator) => {
          const text = list.map((v) => JSON.stringify(v, null, indent)).join(separator);
          // Through JSON and back, as one list: -0 comes back as 0 either way.
          expect(values(text).map((v) => v.value)).toEqual(JSON.parse(JSON.stringify(list)));
        },
      ),
    );
  });
});
