import fc from 'fast-check';
import { describe } from 'vitest';
import { codeownersCoverage } from '../../src/ingest/codeowners-coverage.js';
import { matchCodeowners, parseCodeowners } from '../../src/ingest/ownership/codeowners.js';
import { mutatedText, nastyString } from './arbitraries.js';
import { fuzzParser } from './fuzz-parser.js';

/** GitHub's documented example, shortened, with the lines that hung or crashed orgwire. */
const TEMPLATE = `# comment
*       @global-owner1 @global-owner2
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
/build/logs/ @doctocat
docs/*  docs@example.com
apps/ @octocat
**/logs @octocat
/apps/github
!negated @x
/apps/[param]/file.ts @y
*a*a*a*a*a*a*a*a*a*a*a*a*b @slow
**/a/**/a/**/a/**/a/**/a/**/b @deep
`;
const TOKENS = [
  '*',
  '**',
  '/',
  '?',
  '\\',
  '#',
  '!',
  '[',
  ']',
  '@',
  '@org/team',
  ' ',
  '\t',
  '\n',
  '\r\n',
  'a'.repeat(33_000),
];

const paths = fc.array(
  fc.oneof(
    nastyString,
    fc.constantFrom('src/index.js', 'docs/a.md', 'apps/github/x', 'build/logs/x.txt'),
    fc.nat({ max: 10_000 }).map((n) => `src/${'a'.repeat(n)}`),
    fc.nat({ max: 1_000 }).map((n) => `${'a/'.repeat(n)}b`),
  ),
  { minLength: 1, maxLength: 5 },
);

describe('fuzzing CODEOWNERS', () => {
  fuzzParser(
    'CODEOWNERS',
    fc.tuple(fc.oneof(mutatedText(TEMPLATE, TOKENS), nastyString), paths),
    ([text, files]) => {
      const { rules } = parseCodeowners(text, 'CODEOWNERS');
      for (const file of files) matchCodeowners(rules, file);
      codeownersCoverage(rules, files);
    },
    ([text, files]) =>
      JSON.stringify({ text: text.slice(0, 500), files: files.map((f) => f.slice(0, 100)) }),
  );
});
