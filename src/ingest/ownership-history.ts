import { posix } from 'node:path';
import { blobIds, type GitSource, listTree, readBlobs } from './git.js';
import { type RepositoryOwnershipFiles, readOwnershipFiles } from './read-ownership-files.js';
import { versionsInForce } from './versions-in-force.js';

/** The ownership files a repository kept at one commit of its history. */
export interface OwnershipVersion {
  commit: string;
  /** The commit's committer time (seconds): the version is in force from then. */
  time: number;
  files: RepositoryOwnershipFiles;
}

/** The ownership files' past: the versions before today's, and when today's took effect. */
export interface OwnershipHistory {
  /** Oldest first; each in force from its `time` until the next one's (or `currentSince`). */
  past: OwnershipVersion[];
  /** The committer time (seconds) of the last change: today's files are in force since. */
  currentSince: number;
}

/** Every ownership file orgwire reads, as git pathspecs (OWNERS in any folder). */
const OWNERSHIP_PATHSPECS = [
  ':(glob)**/OWNERS',
  'OWNERS_ALIASES',
  'MAINTAINERS',
  'CODEOWNERS',
  '.github/CODEOWNERS',
  'docs/CODEOWNERS',
  '.gitlab/CODEOWNERS',
  '.gitlab-ci.yml',
];

const isOwnershipPath = (path: string) =>
  posix.basename(path) === 'OWNERS' || OWNERSHIP_PATHSPECS.includes(path);

/**
 * The ownership files of a repository as they were (OWNERS and OWNERS_ALIASES, MAINTAINERS,
 * GitHub's and GitLab's CODEOWNERS): the versions in force at each of `times` (seconds;
 * `'weekly'`: one per week in which they changed, see `versionsInForce`), each read from git
 * as `readOwnershipFiles` reads HEAD's (each file's blob read once however many versions
 * hold it). The newest version — the files as they are now — is left out: HEAD's are read
 * already. Undefined when the files never changed or the repository keeps none. OWNERS files
 * in folders are looked for only when HEAD keeps one (`headFiles`, the paths at HEAD): the
 * glob walk costs 2 s on DPDK's 45,000 commits, the fixed paths 0.5 s.
 */
export async function readOwnershipHistory(
  git: GitSource,
  label: string,
  shownAs: string,
  times: readonly number[] | 'weekly',
  headFiles: readonly string[],
): Promise<OwnershipHistory | undefined> {
  const pathspecs = headFiles.some((p) => posix.basename(p) === 'OWNERS')
    ? OWNERSHIP_PATHSPECS
    : OWNERSHIP_PATHSPECS.slice(1);
  // One walk of the history: the changes, and whether any touched an OWNERS file.
  let nested = false;
  const log = (
    await git.run(['log', '--format=>%H %ct', '--name-only', '--no-renames', '--', ...pathspecs])
  )
    .toString('utf8')
    .split('\n')
    .flatMap((line) => {
      if (!line.startsWith('>')) {
        if (posix.basename(line) === 'OWNERS') nested = true;
        return [];
      }
      const [commit = '', time = '0'] = line.slice(1).split(' ');
      return [{ commit, time: Number(time) }];
    })
    .reverse();
  const last = log[log.length - 1];
  if (!last || log.length < 2) return undefined;
  const latest = last.commit;
  const wanted = versionsInForce(log, times).filter((v) => v.commit !== latest);
  // OWNERS files lie in any folder, and ls-tree takes no glob: the whole tree of each
  // version, only where the history has any. The other files are at fixed paths, asked of
  // one cat-file for every version at once.
  const trees = new Map<string, { blob: string; path: string }[]>();
  if (nested) {
    for (const { commit } of wanted)
      trees.set(
        commit,
        (await listTree(git, commit, [])).filter((e) => isOwnershipPath(e.path)),
      );
  } else {
    const fixed = OWNERSHIP_PATHSPECS.slice(1);
    const names = wanted.flatMap(({ commit }) => fixed.map((path) => `${commit}:${path}`));
    const blobs = await blobIds(git, names);
    for (const { commit } of wanted)
      trees.set(
        commit,
        fixed.flatMap((path) => {
          const blob = blobs.get(`${commit}:${path}`);
          return blob ? [{ blob, path }] : [];
        }),
      );
  }
  const unique = [...new Set([...trees.values()].flat().map((e) => e.blob))];
  const texts = unique.length > 0 ? await readBlobs(git, unique) : new Map<string, string>();
  const versions: OwnershipVersion[] = [];
  for (const { commit, time } of wanted) {
    const tree = trees.get(commit) ?? [];
    const at = new Map(tree.map((e) => [e.path, texts.get(e.blob)]));
    const files = await readOwnershipFiles(
      git,
      tree.map((e) => e.path),
      label,
      `${shownAs}@${commit.slice(0, 7)}`,
      { read: async (path) => at.get(path) },
    );
    versions.push({ commit, time, files });
  }
  return versions.length === 0 ? undefined : { past: versions, currentSince: last.time };
}
