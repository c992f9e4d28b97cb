import fc from 'fast-check';
import { stringify } from 'yaml';

/** Strings a parser may choke on: empty, blank, control characters, quotes, YAML and CSV syntax. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom(
    '',
    ' ',
    '\0',
    '\n',
    '\r\n',
    '"',
    "'",
    ',',
    '#',
    ':',
    '- ',
    '~',
    'null',
    'true',
    'NaN',
    '.inf',
    '-.inf',
    '0x1F',
    '1e309',
    '-0',
    '9999-12-31',
    '0000-00-00',
    '2026-02-30',
    '2026-01-01T00:00:00Z',
    'group:default/x',
    'user:',
    ':/',
    'a/b/c',
    '*',
    '**/',
    '{a,b}',
    '[',
    '\ufeff',
    '\u202e',
    'x'.repeat(300),
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
  ),
);

/** Any value a YAML document can hold, nested a few levels. */
export const yamlValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nastyString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Every path to a value inside `value`, the root included. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...pathsOf(v, [...prefix, i]));
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

/** `value` with the thing at `path` replaced (or deleted, when `by` is the symbol). */
function setAt(value: unknown, path: readonly (string | number)[], by: unknown): unknown {
  if (path.length === 0) return by === DELETE ? null : by;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  if (rest.length === 0 && by === DELETE) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head];
  } else {
    copy[head] = setAt(copy[head], rest, by);
  }
  return copy;
}
const DELETE = Symbol('delete');

/**
 * Structure-aware mutations of a valid document: one to three of its fields (at any depth)
 * replaced by any YAML value, deleted, or given an extra key.
 */
export function mutated(template: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(template);
  const mutation = fc.tuple(
    fc.constantFrom(...paths),
    fc.oneof({ weight: 4, arbitrary: yamlValue }, { weight: 1, arbitrary: fc.constant(DELETE) }),
  );
  return fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) =>
    mutations.reduce<unknown>((doc, [path, by]) => {
      try {
        return setAt(doc, path, by);
      } catch {
        return doc; // the path no longer exists after an earlier mutation
      }
    }, template),
  );
}

/** YAML snippets that change how a document is read: tags, anchors, directives, flow syntax. */
const YAML_TOKENS = [
  '!!binary aGk=',
  '!!timestamp 2001-12-14',
  '!!set {a, b}',
  '!!omap [a: 1]',
  '!!pairs [a: 1]',
  '!!float',
  '!!int 3',
  '!!str',
  '!!map',
  '!!seq',
  '!custom',
  '&a',
  '*a',
  '<<: {a: 1}',
  '<<: *a',
  '%YAML 1.1\n---\n',
  '---\n',
  '...\n',
  '? ',
  '|',
  '>-',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '\t',
  '\ufeff',
  '\0',
  '#',
  '- ',
  ': ',
  '\n  ',
  'y',
  'no',
  '0o17',
  '2001-12-14t21:59:43.10-05:00',
];

/**
 * Text-level mutations: the text with one to five edits, each inserting a YAML token or any
 * string, or deleting or duplicating a slice, at a random place.
 */
export function mutatedText(text: string, tokens: readonly string[] = YAML_TOKENS) {
  const edit = fc.tuple(
    fc.nat(),
    fc.nat({ max: 40 }),
    fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 8 })),
    fc.constantFrom('insert', 'delete', 'duplicate', 'replace'),
  );
  return fc.array(edit, { minLength: 1, maxLength: 5 }).map((edits) =>
    edits.reduce((t, [at, length, token, how]) => {
      const i = t.length === 0 ? 0 : at % (t.length + 1);
      const slice = t.slice(i, i + length);
      if (how === 'insert') return t.slice(0, i) + token + t.slice(i);
      if (how === 'delete') return t.slice(0, i) + t.slice(i + length);
      if (how === 'duplicate') return t.slice(0, i) + slice + slice + t.slice(i);
      return t.slice(0, i) + token + t.slice(i + length);
    }, text),
  );
}

/** A document as YAML text, as a person would write it. */
export const toYaml = (value: unknown): string =>
  stringify(value, { aliasDuplicateObjects: false });
