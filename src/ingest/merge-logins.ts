import type { MergeLoginEvidence } from '../model/index.js';
import { type GitSource, hasHead } from './git.js';

// "Merge pull request #123 from login/branch": GitHub's subject for a merge commit.
const PULL_REQUEST_MERGE =
  /^Merge pull request #\d+ from ([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\//;

/** The login a GitHub merge-commit subject names, lower-cased, or undefined. */
export function mergeSubjectLogin(subject: string): string | undefined {
  return PULL_REQUEST_MERGE.exec(subject)?.[1]?.toLowerCase();
}

const FIELD = '\x1f';
const RECORD = '\x1e';

/**
 * Reads which logins' pull requests brought in which authors' commits, from the merge
 * commits GitHub writes ("Merge pull request #N from LOGIN/branch"). The commits a merge
 * brought in are those reachable from its second parent that no earlier merge brought in
 * and that are not on the first-parent line from HEAD (the main line): merges are taken
 * oldest first along the main line, each claiming what it reaches through commits not yet
 * claimed — for the usual history this is `M^1..M^2`, at one walk for the whole history
 * instead of one `git log` per merge. Merges inside a branch count for the pull request
 * that brought the branch in. Memory: the commit graph (ids, parents, author e-mails).
 */
export async function readMergeLogins(git: GitSource): Promise<MergeLoginEvidence[]> {
  if (!(await hasHead(git))) return [];
  const index = new Map<string, number>();
  const parents: string[][] = [];
  const emails: number[] = [];
  const subjects = new Map<number, string>();
  const emailIds = new Map<string, number>();
  const emailList: string[] = [];
  let head: number | undefined;
  let carry = '';
  const take = (record: string) => {
    if (record === '') return;
    const [sha = '', parentList = '', email = '', subject = ''] = record
      .replace(/^\n/, '')
      .split(FIELD);
    const id = parents.length;
    index.set(sha, id);
    head ??= id;
    parents.push(parentList === '' ? [] : parentList.split(' '));
    const lower = email.trim().toLowerCase();
    let emailId = emailIds.get(lower);
    if (emailId === undefined) {
      emailId = emailList.length;
      emailIds.set(lower, emailId);
      emailList.push(lower);
    }
    emails.push(emailId);
    if (parentList.includes(' ')) subjects.set(id, subject);
  };
  const format = ['%H', '%P', '%aE', '%s'].join('%x1f');
  for await (const chunk of git.stream([
    'log',
    '--topo-order',
    `--format=${format}%x1e`,
    'HEAD',
    '--',
  ])) {
    const records = (carry + chunk.toString('utf8')).split(RECORD);
    carry = records.pop() ?? '';
    for (const record of records) take(record);
  }
  take(carry.trim());
  if (head === undefined) return [];

  const claimed = new Uint8Array(parents.length);
  const idOf = (sha: string) => index.get(sha); // undefined past a shallow clone's cut
  const mainLine: number[] = [];
  for (let at: number | undefined = head; at !== undefined && !claimed[at]; ) {
    claimed[at] = 1;
    mainLine.push(at);
    const first: string | undefined = parents[at]?.[0];
    at = first === undefined ? undefined : idOf(first);
  }
  const votes = new Map<string, number>();
  for (const merge of mainLine.reverse()) {
    const subject = subjects.get(merge);
    if (subject === undefined) continue;
    const login = mergeSubjectLogin(subject);
    const stack = (parents[merge] ?? []).slice(1).flatMap((sha) => idOf(sha) ?? []);
    while (stack.length > 0) {
      const at = stack.pop() as number;
      if (claimed[at]) continue;
      claimed[at] = 1;
      // A merge inside the branch brought nothing of its own; its parents' authors count.
      if (login !== undefined && (parents[at]?.length ?? 0) < 2) {
        const key = `${emails[at]}\0${login}`;
        votes.set(key, (votes.get(key) ?? 0) + 1);
      }
      for (const sha of parents[at] ?? []) {
        const id = idOf(sha);
        if (id !== undefined && !claimed[id]) stack.push(id);
      }
    }
  }
  return [...votes].map(([key, commits]) => {
    const [emailId, login] = key.split('\0') as [string, string];
    return { email: emailList[Number(emailId)] as string, login, commits };
  });
}

/**
 * The login each author e-mail is known by from pull-request merges: the login whose pull
 * requests brought in more than half of that e-mail's merged commits (so that one pull
 * request carrying someone else's commits does not rename them).
 */
export function loginsByEmail(evidence: readonly MergeLoginEvidence[]): Map<string, string> {
  const byEmail = new Map<string, MergeLoginEvidence[]>();
  for (const row of evidence) byEmail.set(row.email, [...(byEmail.get(row.email) ?? []), row]);
  const out = new Map<string, string>();
  for (const [email, rows] of byEmail) {
    const total = rows.reduce((sum, r) => sum + r.commits, 0);
    const best = rows.reduce((a, b) =>
      b.commits > a.commits || (b.commits === a.commits && b.login < a.login) ? b : a,
    );
    if (best.commits * 2 > total) out.set(email, best.login);
  }
  return out;
}
