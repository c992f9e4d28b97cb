import fc from 'fast-check';
import { describe } from 'vitest';
import { readGitlabCodeowners } from '../../src/ingest/ownership/gitlab-codeowners.js';
import { readMaintainers } from '../../src/ingest/ownership/maintainers.js';
import { readOwners } from '../../src/ingest/ownership/owners.js';
import { mutatedText, nastyString } from './arbitraries.js';
import { fuzzParser } from './fuzz-parser.js';

// Each format's shapes, with the lines that are hardest on a reader: Go regexes, Perl
// regexes, empty aliases, sections with no name, escapes and catch-alls.
const OWNERS = `approvers:
  - sig-node-approvers
  - ana
reviewers: [bo]
labels: [sig/node, area/kubelet]
options: {no_parent_owners: true}
filters:
  "\\\\.md$":
    approvers: [docs]
  "(?i)^api/(?P<v>v1)\\\\z":
    labels: [sig/api]
`;
const ALIASES = 'aliases:\n  sig-node-approvers:\n  - ana\n  empty:\n  sig-node-approvers: [bo]\n';
const MAINTAINERS = `Networking Drivers
------------------
T: git://example.org/net

Intel e1000
M: Ana Lima <ana@example.org>
R: bo@example.org
S: Orphan
F: drivers/net/e1000/
F: drivers/*/e1000*.c
X: drivers/net/e1000/base/
N: (?:e1000|igb)\\s+  # a comment
K: \\be1000\\b

THE REST
M: Cy <cy@example.net>
F: *
F: */
`;
const GITLAB = `* @default
[Docs][2] @docs-team
docs/
^[Optional] @opt
!docs/generated/
path\\ with\\ spaces/ @a # @b
\\#pound @c
[]
/doc-locale/** @@maintainer @group/sub/team
`;
const TOKENS = ['*', '**', '/', '\\', '#', '[', ']', '^', '!', '@', ':', '-', '\n', '(?', ' '];

const paths = fc.array(
  fc.oneof(
    nastyString,
    fc.constantFrom('drivers/net/e1000/a.c', 'docs/a.md', 'api/v1', 'pkg/OWNERS', 'README'),
    fc.nat({ max: 1_000 }).map((n) => `${'a/'.repeat(n)}b`),
  ),
  { minLength: 1, maxLength: 5 },
);
const text = (template: string) => fc.oneof(mutatedText(template, TOKENS), nastyString);
const show = ([t, files]: [string, string[]]) =>
  JSON.stringify({ text: t.slice(0, 500), files: files.map((f) => f.slice(0, 100)) });

describe('fuzzing the ownership files', () => {
  fuzzParser(
    'OWNERS',
    fc.tuple(text(OWNERS), paths, text(ALIASES)),
    ([owners, files, aliases]) => {
      const reading = readOwners(
        [
          { path: 'OWNERS_ALIASES', shownAs: 'OWNERS_ALIASES', text: aliases },
          { path: 'pkg/OWNERS', shownAs: 'pkg/OWNERS', text: owners },
          { path: 'OWNERS', shownAs: 'OWNERS', text: owners },
        ],
        'repo',
      );
      for (const file of files) reading.decide(file);
    },
    ([owners, files]) => show([owners, files]),
  );
  fuzzParser(
    'MAINTAINERS',
    fc.tuple(text(MAINTAINERS), paths),
    ([t, files]) => {
      const reading = readMaintainers({ path: 'MAINTAINERS', shownAs: 'MAINTAINERS', text: t });
      for (const file of files) reading.decide(file);
      reading.staleRules?.(files);
    },
    show,
  );
  fuzzParser(
    'GitLab CODEOWNERS',
    fc.tuple(text(GITLAB), paths),
    ([t, files]) => {
      const reading = readGitlabCodeowners({ path: 'CODEOWNERS', shownAs: 'CODEOWNERS', text: t });
      for (const file of files) reading.decide(file);
      reading.staleRules?.(files);
    },
    show,
  );
});
