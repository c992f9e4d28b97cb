import { isMap, isNode, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import { z } from 'zod';
import { formatIssue } from './format-issue.js';
import type { Problem } from './problem.js';
import { RULE_IDS } from './rules.js';
import { nearestNode } from './yaml-position.js';

/** `orgwire.yaml`: settings that belong to an organisation rather than to one run. */
export const configSchema = z
  .object({
    /** The catalog folder, relative to the config file. */
    catalog: z.string().min(1).optional(),
    identities: z
      .object({
        bots: z
          .object({
            /** Count bots as authors instead of leaving them out. */
            include: z.boolean().optional(),
            /** More bot identities: names, e-mails or `/regular expressions/`. */
            extra: z.array(z.string().min(1)).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    /** Severity per alignment rule: error, warning or off. */
    rules: z.partialRecord(z.enum(RULE_IDS), z.enum(['error', 'warning', 'off'])).optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

/** Reads `orgwire.yaml`, reporting every problem with its position. */
export function parseConfig(text: string, file: string): { config: Config; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      config: {},
      problems: doc.errors.map((error) => ({
        severity: 'error',
        code: 'yaml/syntax',
        ...at(error.pos[0]),
        message: error.message.split('\n')[0] ?? error.message,
        hint: 'Fix the YAML syntax here.',
      })),
    };
  }
  const result = configSchema.safeParse(doc.toJS() ?? {}, { reportInput: true });
  if (result.success) return { config: result.data, problems: [] };
  return {
    config: {},
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
      const field = path.join('.') || 'the file';
      const { message, hint } =
        issue.code === 'unrecognized_keys'
          ? path[0] === 'rules'
            ? {
                message: `rules: unknown rule ${issue.keys.join(', ')}`,
                hint: `The rules are ${RULE_IDS.join(', ')}.`,
              }
            : {
                message: `${field === 'the file' ? '' : `${field}: `}unknown setting ${issue.keys.join(', ')}`,
                hint: 'Settings are catalog, identities.bots (include, extra) and rules; check the spelling.',
              }
          : formatIssue(issue, field);
      return {
        severity: 'error' as const,
        code: 'config/invalid',
        ...at(node?.range?.[0] ?? 0),
        message,
        hint,
      };
    }),
  };
}
