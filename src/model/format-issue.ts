import type { z } from 'zod';

/** A zod issue as a sentence and a hint, for a field at `field` (e.g. `spec.owner`). */
export function formatIssue(
  issue: z.core.$ZodIssue,
  field: string,
): { message: string; hint: string } {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) {
        return {
          message: `${field} is required`,
          hint: `Add ${field} (${article(issue.expected)}).`,
        };
      }
      return {
        message: `${field} must be ${article(issue.expected)}, not ${describe(input)}`,
        hint:
          issue.expected === 'string' && (typeof input === 'number' || typeof input === 'boolean')
            ? `Quote the value: '${String(input)}'.`
            : `Write ${field} as ${article(issue.expected)}.`,
      };
    case 'too_small':
      if (issue.origin === 'string') {
        return { message: `${field} must not be empty`, hint: `Give ${field} a value.` };
      }
      return { message: `${field} must be at least ${issue.minimum}`, hint: `Raise ${field}.` };
    case 'too_big':
      return { message: `${field} must be at most ${issue.maximum}`, hint: `Lower ${field}.` };
    case 'invalid_value':
      if (input === undefined) {
        const values = issue.values.map(String);
        return {
          message: `${field} is required: one of ${values.join(', ')}`,
          hint: `Add ${field}: ${values.slice(0, -1).join(', ')}${values.length > 1 ? ' or ' : ''}${values.at(-1)}.`,
        };
      }
      return {
        message: `${field} is ${describe(input)}, which is not one of: ${issue.values.join(', ')}`,
        hint: `Use one of: ${issue.values.join(', ')}.`,
      };
    case 'invalid_union':
      return {
        message: `${field} has the wrong shape (${describe(input)})`,
        hint: `See the catalog format for the forms ${field} takes.`,
      };
    default:
      return { message: `${field} ${issue.message}`, hint: `Check ${field}.` };
  }
}

function article(expected: string): string {
  const name =
    expected === 'array'
      ? 'list'
      : expected === 'object' || expected === 'record'
        ? 'mapping'
        : expected;
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

function describe(value: unknown): string {
  if (value === null) return 'empty';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value}"`;
  return `${typeof value} ${String(value)}`;
}
