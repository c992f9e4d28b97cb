import pc from 'picocolors';
import { humanizeEntityRef } from '../model/entity-ref.js';
import type { Problem } from '../model/index.js';

/** Lays rows out in aligned columns, two spaces apart; the last column is not padded. */
export function columns(rows: readonly (readonly string[])[], indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell));
    });
  }
  return rows
    .map((row) =>
      (
        indent +
        row
          .map((cell, i) =>
            i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visibleLength(cell)),
          )
          .join('  ')
      ).trimEnd(),
    )
    .join('\n');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
const ANSI = /\x1b\[[0-9;]*m/g;
const visibleLength = (text: string): number => text.replace(ANSI, '').length;

const SEVERITY = {
  error: (s: string) => pc.red(pc.bold(s)),
  warning: (s: string) => pc.yellow(s),
  note: (s: string) => pc.dim(s),
} as const;

/** `file:line:column  severity  entity  message`, then the hint on its own line. */
export function formatProblem(problem: Problem): string {
  const where = pc.bold(`${problem.file}:${problem.line}:${problem.column}`);
  const entity = problem.entity ? ` ${pc.cyan(humanizeEntityRef(problem.entity))}:` : '';
  return `${where}  ${SEVERITY[problem.severity](problem.severity)}${entity} ${problem.message}\n    ${pc.dim(`hint: ${problem.hint}`)}`;
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** The problems of a run, counted: `2 errors, 1 warning`. */
export function problemCounts(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  const notes = problems.filter((p) => p.severity === 'note').length;
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (notes > 0) parts.push(plural(notes, 'note'));
  return parts.join(', ');
}

export const short = humanizeEntityRef;

export function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`;
}

/**
 * A component as people name it: the catalog name, a CODEOWNERS pattern, or a folder
 * (`scripts/`, `/` for root files); with the repository when there are several.
 */
export function componentLabel(ref: string, withRepo = false): string {
  const pseudo = /^(codeowners|owners|maintainers|folder):([^:]*):(.*)$/.exec(ref);
  if (!pseudo) return short(ref);
  const [, kind, repo, rest] = pseudo as unknown as [string, string, string, string];
  const name =
    kind === 'folder'
      ? rest === '/'
        ? '(root files)'
        : `${rest}/`
      : kind === 'owners'
        ? ownersFolderLabel(rest)
        : rest;
  return withRepo ? `${repo}: ${name}` : name;
}

/** An OWNERS component as people name it: `pkg/api/`, `docs/ [\.md$]`, `(root OWNERS)`. */
function ownersFolderLabel(rest: string): string {
  const [, folder = rest, filter] = /^(.*?) ?(\[.*\])?$/.exec(rest) ?? [];
  const shown = folder === '' ? '(root OWNERS)' : `${folder}/`;
  return filter ? `${shown} ${filter}` : shown;
}

/** Wraps prose at `width` columns, every line starting with `indent`. */
export function wrap(text: string, indent = '', width = 80): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}

/** Cuts text to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * Cuts a path-like name to `max` characters in the middle, keeping its start and its
 * end, where paths differ: `experimental/…/instrumentation-fetch/`.
 */
export function truncateMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const tail = Math.ceil((max - 1) * 0.6);
  return `${text.slice(0, max - 1 - tail)}…${text.slice(text.length - tail)}`;
}

/** A share in [0, 1] as a whole percentage, `–` when unknown. */
export function ratio(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)}%`;
}
