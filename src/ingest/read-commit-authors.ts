import { StringDecoder } from 'node:string_decoder';
import type { Person } from '../model/index.js';
import { type GitSource, hasHead } from './git.js';
import { parseContact } from './identities.js';

/** Who made a commit: its author and its `Co-authored-by:` co-authors, after `.mailmap`. */
export interface CommitAuthors {
  sha: string;
  author: Person;
  coAuthors: Person[];
}

export interface ReadAuthorsOptions {
  /** Count merge commits too (left out by default, as they repeat their parents' work). */
  merges?: boolean;
  rev?: string;
}

const RS = '\x1e';
const FS = '\x00';
const US = '\x1f';
// git writes the separators from %x escapes: arguments cannot carry a NUL byte.
const FORMAT =
  '%x1e%H%x00%aN%x00%aE%x00%(trailers:key=Co-authored-by,valueonly,unfold,separator=%x1f)';
const BATCH = 500;

/**
 * Streams the authors of every commit reachable from `rev`, newest first. git applies
 * `.mailmap` to authors (`%aN`, `%aE`); co-authors from trailers are mapped with
 * `git check-mailmap`, once per distinct contact, a batch of commits at a time.
 */
export async function* readCommitAuthors(
  git: GitSource,
  options: ReadAuthorsOptions = {},
): AsyncGenerator<CommitAuthors> {
  if (options.rev === undefined && !(await hasHead(git))) return; // an empty repository
  const args = [
    'log',
    `--format=${FORMAT}`,
    ...(options.merges ? [] : ['--no-merges']),
    options.rev ?? 'HEAD',
    '--',
  ];
  const mailmap = new Map<string, Person>();
  let pending: { sha: string; author: Person; coAuthors: string[] }[] = [];

  async function* flush(): AsyncGenerator<CommitAuthors> {
    const unknown = [...new Set(pending.flatMap((c) => c.coAuthors))].filter(
      (c) => !mailmap.has(c),
    );
    if (unknown.length > 0) {
      const mapped = (await git.run(['check-mailmap', '--stdin'], `${unknown.join('\n')}\n`))
        .toString('utf8')
        .split('\n');
      unknown.forEach((contact, i) => {
        const person = parseContact(mapped[i] ?? contact) ?? parseContact(contact);
        if (person) mailmap.set(contact, person);
      });
    }
    for (const commit of pending) {
      const coAuthors = commit.coAuthors.flatMap((c) => mailmap.get(c) ?? []);
      yield { sha: commit.sha, author: commit.author, coAuthors };
    }
    pending = [];
  }

  // The decoder keeps a multi-byte character that a chunk boundary splits.
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of git.stream(args)) {
    const records = (rest + decoder.write(chunk)).split(RS);
    rest = records.pop() ?? '';
    for (const record of records) {
      if (record === '') continue;
      pending.push(parseRecord(record));
      if (pending.length >= BATCH) yield* flush();
    }
  }
  rest += decoder.end();
  if (rest.trim() !== '') pending.push(parseRecord(rest));
  yield* flush();
}

function parseRecord(record: string): { sha: string; author: Person; coAuthors: string[] } {
  const [sha = '', name = '', email = '', trailers = ''] = record.replace(/\n+$/, '').split(FS);
  const coAuthors = trailers
    .split(US)
    .map((t) => t.trim())
    // A contact git cannot parse is dropped here rather than failing check-mailmap.
    .filter((t) => parseContact(t) !== undefined && !/[\n\r]/.test(t))
    .map((t) => {
      const person = parseContact(t) as Person;
      return `${person.name || person.email} <${person.email}>`;
    });
  return { sha, author: { name, email }, coAuthors };
}
