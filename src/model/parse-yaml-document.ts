import { isMap, isNode, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatIssue } from './format-issue.js';
import type { Problem, SourcePosition } from './problem.js';
import { deepNestingProblem } from './yaml-nesting.js';
import { nearestNode } from './yaml-position.js';

/** What to say of unknown keys, and the value an empty file stands for. */
export interface YamlDocumentOptions {
  /** The problem code of a value the schema refuses. */
  code: string;
  /** The message and hint for keys the schema does not know, at `path`. */
  unknownKeys: (keys: string[], path: (string | number)[]) => { message: string; hint: string };
  /** What an empty document is read as (undefined: refused by the schema like any value). */
  empty?: unknown;
}

/**
 * Reads one YAML document (orgwire.yaml, a scenario) and validates it with `schema`. Never
 * throws on bad input: YAML errors, too-deep nesting, bad aliases and every schema issue
 * are problems with the file, line and column where they are written (an unknown key where
 * the key is), and then there is no value.
 */
export function parseYamlDocument<T>(
  text: string,
  file: string,
  schema: z.ZodType<T>,
  options: YamlDocumentOptions,
): {
  value: T | undefined;
  problems: Problem[];
  /** Where the value at a path is written (the nearest node that is), once read. */
  positionOf?: (path: readonly (string | number)[]) => SourcePosition;
} {
  const tooDeep = deepNestingProblem(text, file);
  if (tooDeep) return { value: undefined, problems: [tooDeep] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      value: undefined,
      problems: doc.errors.map((error) => ({
        severity: 'error',
        code: 'yaml/syntax',
        ...at(error.pos[0]),
        message: error.message.split('\n')[0] ?? error.message,
        hint: 'Fix the YAML syntax here.',
      })),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias to an anchor never set, or aliases that expand past the limit.
    return {
      value: undefined,
      problems: [
        {
          severity: 'error',
          code: 'yaml/syntax',
          ...at(doc.contents?.range[0] ?? 0),
          message: (error as Error).message,
          hint: 'Remove or fix the aliases (*name) in this file.',
        },
      ],
    };
  }
  const result = schema.safeParse(value ?? options.empty, { reportInput: true });
  if (result.success)
    return {
      value: result.data,
      problems: [],
      positionOf: (path) =>
        at((doc.contents ? nearestNode(doc.contents as Node, path) : undefined)?.range?.[0] ?? 0),
    };
  return {
    value: undefined,
    problems: result.error.issues.map((issue) => {
      const path = issue.path as (string | number)[];
      let node = doc.contents ? nearestNode(doc.contents as Node, path) : undefined;
      if (issue.code === 'unrecognized_keys' && isMap(node)) {
        // An unknown key is reported where it is written, not where its mapping starts.
        const pair = node.items.find(
          (item) => isScalar(item.key) && item.key.value === issue.keys[0],
        );
        if (isNode(pair?.key)) node = pair.key;
      }
      const { message, hint } =
        issue.code === 'unrecognized_keys'
          ? options.unknownKeys(issue.keys, path)
          : formatIssue(issue, path.join('.') || 'the file');
      return {
        severity: 'error' as const,
        code: options.code,
        ...at(node?.range?.[0] ?? 0),
        message,
        hint,
      };
    }),
  };
}
