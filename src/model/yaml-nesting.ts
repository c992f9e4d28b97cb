import { type CST, Parser } from 'yaml';
import type { Problem } from './problem.js';

/** How deeply a catalog file or orgwire.yaml may nest collections; real ones use fewer than ten. */
export const MAX_YAML_DEPTH = 64;

/** Where a YAML text first nests deeper than allowed: an offset into the text. */
export interface TooDeep {
  offset: number;
  depth: number;
}

type Token = CST.Token | CST.BlockMap['items'][number]['key'] | undefined;

/**
 * Finds YAML nested deeper than `max` before it is composed into documents: the yaml
 * package's composer and `toJS` recurse once per level, so `[[[[…` or `a: {a: {a: …}}` a
 * few thousand levels deep overflows the stack (and near the limit V8 may abort the
 * process). The package's CST parser keeps its own stack, and the CST is walked here with
 * an explicit one, so this never recurses, however deep the text.
 */
export function findDeepNesting(
  text: string | Iterable<CST.Token>,
  max = MAX_YAML_DEPTH,
): TooDeep | undefined {
  for (const document of typeof text === 'string' ? new Parser().parse(text) : text) {
    const stack: [Token, number][] = [[document, 0]];
    while (stack.length > 0) {
      const [token, outer] = stack.pop() as [Token, number];
      if (!token || typeof token !== 'object') continue;
      const collection =
        token.type === 'block-map' ||
        token.type === 'block-seq' ||
        token.type === 'flow-collection';
      const depth = collection ? outer + 1 : outer;
      if (depth > max) return { offset: token.offset, depth };
      if ('value' in token && token.value && typeof token.value === 'object')
        stack.push([token.value, depth]);
      if ('items' in token && Array.isArray(token.items)) {
        for (const item of token.items) {
          stack.push([item.key ?? undefined, depth]);
          stack.push([item.value ?? undefined, depth]);
        }
      }
    }
  }
  return undefined;
}

/**
 * A file nested deeper than {@link MAX_YAML_DEPTH} as an input error at the place it goes
 * too deep, or undefined: parse it only when this says nothing.
 */
export function deepNestingProblem(
  text: string,
  file: string,
  tokens?: Iterable<CST.Token>,
): Problem | undefined {
  const found = findDeepNesting(tokens ?? text);
  if (!found) return undefined;
  const before = text.slice(0, found.offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return {
    severity: 'error',
    code: 'yaml/too-deep',
    file,
    line: before.split('\n').length,
    column: found.offset - lineStart + 1,
    message: `the YAML nests lists and mappings more than ${MAX_YAML_DEPTH} levels deep here; orgwire does not read it`,
    hint: 'Look for brackets that are never closed, or a file that is not a catalog or config (a generated one?).',
  };
}
