import type { Catalog, CodeownersHealth, PathOwnership, UnresolvedOwner } from '../model/index.js';
import { codeownersCoverage } from './codeowners-coverage.js';
import { type GitSource, openRepository } from './git.js';
import type { CodeownersProblem, CodeownersRule } from './ownership/codeowners.js';
import type { OwnershipReading } from './ownership/ownership-reading.js';
import { createPathResolver } from './path-ownership.js';
import { type RepositoryOwnershipFiles, readOwnershipFiles } from './read-ownership-files.js';
import { listHeadFiles, repositoryLabel, repositoryNames } from './repository.js';

/** One repository, ready to say who owns each of its paths. */
export interface RepositoryOwnership {
  git: GitSource;
  /** The folder name, used to label its folders and CODEOWNERS rules. */
  label: string;
  names: string[];
  /** The GitHub CODEOWNERS file used, relative to the repository root. */
  codeownersFile?: string;
  codeownersRules: CodeownersRule[];
  codeownersProblems: CodeownersProblem[];
  /** OWNERS, MAINTAINERS and GitLab CODEOWNERS, as far as the repository keeps them. */
  readings: OwnershipReading[];
  /** Every path at HEAD, listed once. */
  headFiles: readonly string[];
  unresolvedOwners: UnresolvedOwner[];
  resolve(path: string): PathOwnership;
  /** Unknown owners, and the rules that decide none of `files` (the paths at HEAD). */
  codeownersHealth(files: readonly string[]): CodeownersHealth;
}

/**
 * Opens a repository and reads what decides ownership in it (see `readOwnershipFiles`),
 * or takes what was read already: the teams those files declare must be in `catalog`.
 */
export async function openOwnership(
  dir: string,
  catalog: Catalog,
  shownAs: string = dir,
  read?: RepositoryOwnershipFiles,
): Promise<RepositoryOwnership> {
  const git = await openRepository(dir);
  const label = repositoryLabel(dir);
  const names = await repositoryNames(git);
  const { codeowners, readings, headFiles } =
    read ?? (await readOwnershipFiles(git, await listHeadFiles(git), label, shownAs));
  const { resolve: resolvePath, unresolvedOwners } = createPathResolver(
    catalog,
    { label, names },
    codeowners,
    readings,
  );
  return {
    git,
    label,
    names,
    ...(codeowners.file === undefined ? {} : { codeownersFile: codeowners.file }),
    codeownersRules: codeowners.rules,
    codeownersProblems: codeowners.problems,
    readings,
    headFiles,
    unresolvedOwners,
    resolve: resolvePath,
    codeownersHealth: (files) => ({
      unresolvedOwners,
      ...codeownersCoverage(codeowners.rules, files),
    }),
  };
}
