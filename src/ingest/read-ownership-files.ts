import { join, posix } from 'node:path';
import { LRUCache } from 'lru-cache';
import type { DeclaredEntities } from '../model/index.js';
import { type GitSource, headCommit, openRepository } from './git.js';
import {
  GITLAB_CODEOWNERS_LOCATIONS,
  readGitlabCodeowners,
} from './ownership/gitlab-codeowners.js';
import { readMaintainers } from './ownership/maintainers.js';
import { readOwners } from './ownership/owners.js';
import type { OwnershipFile, OwnershipReading } from './ownership/ownership-reading.js';
import {
  listHeadFiles,
  type RepositoryCodeowners,
  type RepositoryFiles,
  readCodeowners,
  repositoryFiles,
  repositoryLabel,
} from './repository.js';

/** What decides ownership in one repository, besides the catalog: each format it keeps. */
export interface RepositoryOwnershipFiles {
  /** GitHub's CODEOWNERS; no rules when the repository keeps none or keeps GitLab's. */
  codeowners: RepositoryCodeowners;
  /** OWNERS, MAINTAINERS and GitLab's CODEOWNERS, in this order of precedence. */
  readings: OwnershipReading[];
  /** The paths at HEAD they were read against. */
  headFiles: readonly string[];
}

/** The heading of a GitLab CODEOWNERS section: `[Name]`, `^[Name]`, `[Name][2] @owner`. */
const GITLAB_SECTION = /^\s*\^?\[[^\]\s][^\]]*\](\[\d*\])?(\s|$)/m;

/**
 * Reads every ownership format a repository keeps, from the work tree or HEAD:
 * - OWNERS files in any folder, with the root OWNERS_ALIASES (Kubernetes, Prow);
 * - MAINTAINERS at the root (Linux, DPDK), its e-mails mapped through `.mailmap`;
 * - CODEOWNERS: GitLab's when the repository keeps `.gitlab/CODEOWNERS`, or a CODEOWNERS
 *   with `[Section]` headings, or `.gitlab-ci.yml` and no `.github/CODEOWNERS` (looked for
 *   where GitLab looks: the root, `docs/`, `.gitlab/`); else GitHub's.
 * `headFiles` are the paths at HEAD; `label` makes the names of teams the files imply
 * unique across repositories. `files` reads another state of the repository (a past
 * commit's, see `readOwnershipHistory`), with `headFiles` its paths.
 */
export async function readOwnershipFiles(
  git: GitSource,
  headFiles: readonly string[],
  label: string,
  shownAs: string = git.dir,
  files?: RepositoryFiles,
): Promise<RepositoryOwnershipFiles> {
  const reader = files ?? (await repositoryFiles(git, shownAs));
  const load = async (path: string, what: string): Promise<OwnershipFile | undefined> => {
    const text = await reader.read(path, what);
    return text === undefined ? undefined : { path, shownAs: join(shownAs, path), text };
  };
  const readings: OwnershipReading[] = [];

  const ownersPaths = headFiles.filter(
    (p) => posix.basename(p) === 'OWNERS' || p === 'OWNERS_ALIASES',
  );
  if (ownersPaths.some((p) => posix.basename(p) === 'OWNERS')) {
    // A few at a time: in a bare clone each is a git process (kubernetes keeps 1,700).
    const loaded: OwnershipFile[] = [];
    for (let i = 0; i < ownersPaths.length; i += 16) {
      const batch = ownersPaths.slice(i, i + 16).map((p) => load(p, 'OWNERS file'));
      for (const file of await Promise.all(batch)) if (file) loaded.push(file);
    }
    readings.push(readOwners(loaded, label));
  }

  const maintainers = headFiles.includes('MAINTAINERS')
    ? await load('MAINTAINERS', 'MAINTAINERS file')
    : undefined;
  if (maintainers) {
    const first = readMaintainers(maintainers);
    const emails = [...new Set(first.entities.users.flatMap((u) => u.emails))];
    const mailmap = await canonicalEmails(git, emails);
    readings.push(mailmap.size === 0 ? first : readMaintainers(maintainers, mailmap));
  }

  let gitlab: OwnershipFile | undefined;
  if ((await reader.read('.github/CODEOWNERS', 'CODEOWNERS file')) === undefined) {
    for (const location of GITLAB_CODEOWNERS_LOCATIONS) {
      const file = await load(location, 'CODEOWNERS file');
      if (!file) continue;
      if (
        location === '.gitlab/CODEOWNERS' ||
        headFiles.includes('.gitlab-ci.yml') ||
        GITLAB_SECTION.test(file.text)
      ) {
        gitlab = file;
      }
      break;
    }
  }
  if (gitlab) readings.push(readGitlabCodeowners(gitlab));
  const codeowners = gitlab
    ? { rules: [], problems: [] }
    : await readCodeowners(git, shownAs, reader);
  return { codeowners, readings, headFiles };
}

/** What `.mailmap` made of each e-mail asked about, per repository folder (null: nothing). */
const mailmapped = new Map<string, Map<string, string | null>>();

/**
 * The e-mail `.mailmap` gives each of `emails` (lower-cased), for those it changes: one
 * `git check-mailmap` run for the ones not asked about before in this process (the past
 * versions of a MAINTAINERS file name mostly the same people).
 */
async function canonicalEmails(
  git: GitSource,
  emails: readonly string[],
): Promise<Map<string, string>> {
  let known = mailmapped.get(git.dir);
  if (!known) {
    known = new Map();
    mailmapped.set(git.dir, known);
  }
  const asked = emails.filter((e) => !known.has(e));
  if (asked.length > 0) {
    const out = await git
      .run(['check-mailmap', '--stdin'], `${asked.map((e) => `<${e}>`).join('\n')}\n`)
      .then((b) => b.toString('utf8').split('\n'))
      .catch(() => [] as string[]);
    asked.forEach((email, i) => {
      const canonical = /<([^>]+)>\s*$/.exec(out[i] ?? '')?.[1]?.toLowerCase();
      known.set(email, canonical && canonical !== email ? canonical : null);
    });
  }
  const mapped = new Map<string, string>();
  for (const email of emails) {
    const canonical = known.get(email);
    if (canonical) mapped.set(email, canonical);
  }
  return mapped;
}

/** A repository as the user named it. */
export interface RepositoryDir {
  /** Absolute. */
  absolute: string;
  /** As messages show it. */
  shownAs: string;
}

/** What the ownership files of bare repositories said, by folder, name shown and HEAD. */
const readAtHead = new LRUCache<string, RepositoryOwnershipFiles>({ max: 5_000 });

/**
 * Reads the ownership files of each repository (see {@link readOwnershipFiles}), keyed by
 * absolute folder, and the teams and people they declare, for the catalog.
 */
export async function readRepositoriesOwnership(repos: readonly RepositoryDir[]): Promise<{
  byDir: Map<string, RepositoryOwnershipFiles>;
  entities: DeclaredEntities[];
}> {
  const byDir = new Map<string, RepositoryOwnershipFiles>();
  for (const repo of repos) {
    if (byDir.has(repo.absolute)) continue;
    const git = await openRepository(repo.absolute);
    // A bare repository's files are HEAD's: read again only when HEAD moves (a refresh of
    // a radiator over a thousand mirrors would otherwise read every OWNERS file each time).
    const key = git.bare
      ? `${repo.absolute}\0${repo.shownAs}\0${await headCommit(git)}`
      : undefined;
    const kept = key === undefined ? undefined : readAtHead.get(key);
    const files =
      kept ??
      (await readOwnershipFiles(
        git,
        await listHeadFiles(git),
        repositoryLabel(repo.absolute),
        repo.shownAs,
      ));
    if (key !== undefined && kept === undefined) readAtHead.set(key, files);
    byDir.set(repo.absolute, files);
  }
  const entities = [...byDir.values()].flatMap((f) => f.readings.map((r) => r.entities));
  return { byDir, entities };
}
