import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe } from 'vitest';
import { coAuthorContacts, gitSource, mapCoAuthors, parseContact } from '../../src/ingest/index.js';
import { nastyString } from './arbitraries.js';
import { FUZZ_RUNS } from './budget.js';
import { fuzzParser, fuzzParserAsync } from './fuzz-parser.js';

/** Pieces of `.mailmap` lines and `Co-authored-by:` values: names, e-mails, brackets, comments. */
const piece = fc.oneof(
  nastyString,
  fc.constantFrom(
    '<',
    '>',
    '<>',
    ' ',
    '#',
    '\t',
    '\x1f',
    'Ana Lima',
    'ana@example.com',
    '<ana@example.com>',
    'A <a@x>',
  ),
  fc.emailAddress(),
);
const line = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(' '));
/** A contact as people write them, sometimes broken. */
const contact = fc.oneof(
  fc.tuple(fc.string({ maxLength: 12 }), fc.emailAddress()).map(([n, e]) => `${n} <${e}>`),
  line,
  fc.constantFrom(' '.repeat(20_000), `${' '.repeat(20_000)}<`, `a${'\t'.repeat(20_000)}<>`),
);

describe('.mailmap fuzzing', () => {
  // The trailers orgwire reads itself, before git maps them.
  fuzzParser(
    'mailmap (co-author trailers)',
    fc.array(contact, { maxLength: 5 }).map((contacts) => contacts.join('\x1f')),
    (trailers) => {
      coAuthorContacts(trailers);
      for (const c of trailers.split('\x1f')) parseContact(c);
    },
    (trailers) => trailers,
  );

  // A real repository's .mailmap, rewritten per input, applied by git check-mailmap.
  const repo = mkdtempSync(join(tmpdir(), 'orgwire-mailmap-fuzz-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  execFileSync('git', ['init', '-q', repo]);
  const git = gitSource(repo);
  async function* records(contacts: string[]) {
    yield { id: 1, coAuthors: coAuthorContacts(contacts.join('\x1f')) };
  }
  fuzzParserAsync(
    'mailmap (git check-mailmap)',
    fc.record({
      mailmap: fc.array(line, { maxLength: 6 }).map((lines) => lines.join('\n')),
      contacts: fc.array(contact, { maxLength: 4 }),
    }),
    async ({ mailmap, contacts }) => {
      writeFileSync(join(repo, '.mailmap'), mailmap);
      for await (const _ of mapCoAuthors(git, records(contacts))) {
        // draining the stream is the test
      }
    },
    (input) => `.mailmap:\n${input.mailmap}\ncontacts: ${JSON.stringify(input.contacts)}`,
    // One git process per input: a thousandth of the pure parsers' budget, at least 20.
    Math.max(20, Math.round(FUZZ_RUNS / 1000)),
  );
});
