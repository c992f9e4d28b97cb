/** Where something was written: a file and a 1-based line and column. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/**
 * One thing wrong with the input. `error` stops the run (exit 2, nothing written),
 * `warning` is printed and the run goes on, `note` tells what was skipped and why.
 */
export interface Problem extends SourcePosition {
  severity: 'error' | 'warning' | 'note';
  /** A stable identifier for scripts, e.g. `ref/unknown`. */
  code: string;
  /** The entity concerned, as `kind:namespace/name`, when there is one. */
  entity?: string;
  message: string;
  hint: string;
}

/** Problems in reading order: file, line, column. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
