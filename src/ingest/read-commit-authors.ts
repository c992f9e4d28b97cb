import { StringDecoder } from 'node:string_decoder';
import type { Person } from '../model/index.js';
import { coAuthorContacts, mapCoAuthors, type WithContacts } from './co-author-mailmap.js';
import { type GitSource, hasHead } from './git.js';

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
// git writes the separators from %x escapes: arguments cannot carry a NUL byte.
const FORMAT =
  '%x1e%H%x00%aN%x00%aE%x00%(trailers:key=Co-authored-by,valueonly,unfold,separator=%x1f)';

/**
 * Streams the authors of every commit reachable from `rev`, newest first. git applies
 * `.mailmap` to authors (`%aN`, `%aE`); co-authors from trailers are mapped with
 * `git check-mailmap`, once per distinct contact, a batch of commits at a time
 * ({@link mapCoAuthors}).
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
  yield* mapCoAuthors<CommitAuthors>(git, parseRecords(git.stream(args)));
}

async function* parseRecords(
  chunks: AsyncIterable<Buffer>,
): AsyncGenerator<WithContacts<CommitAuthors>> {
  // The decoder keeps a multi-byte character that a chunk boundary splits.
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of chunks) {
    const records = (rest + decoder.write(chunk)).split(RS);
    rest = records.pop() ?? '';
    for (const record of records) {
      if (record !== '') yield parseRecord(record);
    }
  }
  rest += decoder.end();
  if (rest.trim() !== '') yield parseRecord(rest);
}

function parseRecord(record: string): WithContacts<CommitAuthors> {
  const [sha = '', name = '', email = '', trailers = ''] = record.replace(/\n+$/, '').split(FS);
  return { sha, author: { name, email }, coAuthors: coAuthorContacts(trailers) };
}
