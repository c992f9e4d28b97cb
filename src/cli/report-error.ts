import { CommanderError } from 'commander';
import pc from 'picocolors';
import { AppError } from '../errors.js';
import { InputProblems } from './input-problems.js';
import type { Io } from './io.js';
import { formatProblem } from './render.js';

/** Exit statuses: 0 done, 2 the input is wrong (nothing written), 70 a bug in orgwire. */
export const EXIT = { ok: 0, input: 2, internal: 70 } as const;

/** The one place errors become messages and exit statuses. */
export function reportError(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.exitCode === 0
    )
      return EXIT.ok;
    if (error.code === 'commander.help') return EXIT.ok;
    io.err(
      `${pc.dim('Run `orgwire --help` for the commands, `orgwire COMMAND --help` for their options.')}\n`,
    );
    return EXIT.input;
  }
  if (error instanceof InputProblems) {
    for (const problem of error.problems)
      if (problem.severity !== 'note') io.err(`${formatProblem(problem)}\n`);
    io.err(`${pc.red('error:')} ${error.summary} Nothing was written.\n`);
    return EXIT.input;
  }
  if (error instanceof AppError) {
    io.err(`${pc.red('error:')} ${error.message}\n`);
    if (error.hint) io.err(`  ${pc.dim(error.hint)}\n`);
    return EXIT.input;
  }
  io.err(
    `${pc.red('orgwire failed unexpectedly — this is a bug; please report it with the output below.')}\n${(error as Error)?.stack ?? String(error)}\n`,
  );
  return EXIT.internal;
}
