import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { displayPath } from '../ingest/display-path.js';
import { findRepositories, readRepositoryList } from '../ingest/find-repositories.js';
import type { Io } from './io.js';

/** The flags that name repositories to read, as commander gives them. */
export interface RepositoryFlags {
  repo?: string[];
  repoRoot?: string[];
  reposFrom?: string[];
  jobs?: number;
}

/** A repeatable flag's values, in the order given. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

const jobs = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError(`--jobs takes a whole number of 1 or more, not "${value}".`);
  }
  return n;
};

/** Adds `--repo`, `--repo-root`, `--repos-from` and `--jobs` to a command that reads history. */
export function addRepositoryOptions(command: Command): Command {
  return command
    .option('--repo <dir>', 'a git repository to read (repeat for several)', collect)
    .option('--repo-root <dir>', 'every git repository below this folder (repeatable)', collect)
    .option(
      '--repos-from <file>',
      'a file naming repositories, one folder per line (repeatable)',
      collect,
    )
    .addOption(
      new Option('--jobs <n>', 'repositories read at the same time')
        .argParser(jobs)
        .default(availableParallelism(), 'the cores'),
    );
}

/**
 * The repositories the flags name, in the order given — `--repo` as written, the others as
 * absolute folders — each once.
 */
export async function repositoriesOf(io: Io, flags: RepositoryFlags): Promise<string[]> {
  const named = [...(flags.repo ?? [])];
  for (const root of flags.repoRoot ?? []) {
    named.push(...(await findRepositories(resolve(io.cwd, root), displayPath(io.cwd, root))));
  }
  for (const list of flags.reposFrom ?? []) {
    named.push(...(await readRepositoryList(resolve(io.cwd, list), displayPath(io.cwd, list))));
  }
  const seen = new Set<string>();
  return named.filter((dir) => {
    const absolute = resolve(io.cwd, dir);
    if (seen.has(absolute)) return false;
    seen.add(absolute);
    return true;
  });
}
