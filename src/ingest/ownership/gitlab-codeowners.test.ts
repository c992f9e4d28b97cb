import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob } from '../compile-glob.js';
import { readGitlabCodeowners } from './gitlab-codeowners.js';

const read = (text: string) =>
  readGitlabCodeowners({ path: '.gitlab/CODEOWNERS', shownAs: 'repo/.gitlab/CODEOWNERS', text });

// The shape of GitLab's documented example file (docs.gitlab.com, "Syntax of CODEOWNERS
// file"), written anew: an unnamed section, named ones with default owners, an optional
// one, one needing approvals, a repeated name, escapes and an exclusion.
const EXAMPLE = `# Lines that start with \`#\` are ignored.
* @default-codeowner
*.rb @ruby-owner
\\#file_with_pound.rb @owner-file-with-pound
LICENSE @legal janedoe@gitlab.com
README @group @group/with-nested/subgroup
/docs/ @all-docs
/docs/* @root-docs
path\\ with\\ spaces/ @space-owner

[Documentation] @docs-team
ee/docs/
docs/
README.md @tech-writers

^[Database] @database-team
model/db/
config/db/database-setup.md @docs-team

[Frontend][2] @frontend
app/assets/
!app/assets/vendor/

[documentation] @docs-team
*.txt
`;

describe('readGitlabCodeowners', () => {
  const reading = read(EXAMPLE);

  it('reads the documented example without a problem', () => {
    expect(reading.problems).toEqual([]);
    expect(reading.format).toBe('gitlab-codeowners');
    expect(reading.rules).toHaveLength(16);
    expect(reading.rules[2]).toEqual({
      file: 'repo/.gitlab/CODEOWNERS',
      line: 4,
      pattern: '\\#file_with_pound.rb',
      owners: ['@owner-file-with-pound'],
    });
  });

  it('takes the last match of the unnamed section, escapes undone', () => {
    expect(reading.decide('lib/a.rb')?.rule).toMatchObject({ pattern: '*.rb', line: 3 });
    expect(reading.decide('#file_with_pound.rb')?.rule.owners).toEqual(['@owner-file-with-pound']);
    expect(reading.decide('path with spaces/x.c')?.owners).toEqual([
      { kind: 'written', owner: '@space-owner' },
    ]);
  });

  it('lets the first section own a path and names the other sections co-owners', () => {
    const docs = reading.decide('docs/user/guide.md');
    expect(docs?.component).toBe('/docs/');
    expect(docs?.owners).toEqual([{ kind: 'written', owner: '@all-docs' }]);
    expect(docs?.coOwners).toEqual([{ kind: 'written', owner: '@docs-team' }]);
    expect(docs?.rule).toMatchObject({ source: 'codeowners', pattern: '/docs/', line: 7 });
    expect(docs?.rule).not.toHaveProperty('section');
  });

  it('gives entries without owners the default owners of their section', () => {
    const db = reading.decide('model/db/schema.rb');
    expect(db?.coOwners).toContainEqual({ kind: 'written', owner: '@database-team' });
    const only = read('[Database] @database-team\nmodel/db/\n').decide('model/db/x.rb');
    expect(only?.component).toBe('[Database] model/db/');
    expect(only?.owners).toEqual([{ kind: 'written', owner: '@database-team' }]);
    expect(only?.rule).toMatchObject({ section: 'Database', owners: ['@database-team'] });
  });

  it('combines sections whose names differ only in case', () => {
    const txt = read('[Documentation] @docs\ndocs/\n[documentation] @other\n*.txt\n');
    expect(txt.decide('a/b.txt')?.rule).toMatchObject({ section: 'Documentation' });
    expect(txt.decide('a/b.txt')?.owners).toEqual([{ kind: 'written', owner: '@other' }]);
  });

  it('lets a required section own before an optional one written earlier', () => {
    const r = read('^[Optional] @opt\nsrc/\n[Required] @req\nsrc/\n');
    expect(r.decide('src/a.c')?.owners).toEqual([{ kind: 'written', owner: '@req' }]);
    expect(r.decide('src/a.c')?.coOwners).toEqual([{ kind: 'written', owner: '@opt' }]);
    const alone = read('^[Optional] @opt\nsrc/\n');
    expect(alone.decide('src/a.c')?.owners).toEqual([{ kind: 'written', owner: '@opt' }]);
  });

  it('leaves out of a section what one of its exclusions matches, in any order', () => {
    expect(reading.decide('app/assets/vendor/jquery.js')?.coOwners).not.toContainEqual({
      kind: 'written',
      owner: '@frontend',
    });
    expect(reading.decide('app/assets/app.js')?.coOwners).toContainEqual({
      kind: 'written',
      owner: '@frontend',
    });
    const first = read('[S] @s\n!vendor/\n*\n');
    expect(first.decide('vendor/x.js')).toBeUndefined();
    expect(first.decide('src/x.js')?.owners).toEqual([{ kind: 'written', owner: '@s' }]);
  });

  it('matches a directory without a trailing slash as a file only, as GitLab does', () => {
    const r = read('/docs @docs\n');
    expect(r.decide('docs')?.owners).toHaveLength(1);
    expect(r.decide('docs/a.md')).toBeUndefined();
  });

  it('keeps owners written after a # and leaves roles out of owner names', () => {
    const r = read('src/ @a # and @b\nconfig/ @@maintainer @c\n');
    expect(r.problems).toEqual([]);
    expect(r.decide('src/x')?.owners).toEqual([
      { kind: 'written', owner: '@a' },
      { kind: 'written', owner: '@b' },
    ]);
    expect(r.decide('config/x')?.owners).toEqual([{ kind: 'written', owner: '@c' }]);
    expect(r.decide('config/x')?.rule.owners).toEqual(['@@maintainer', '@c']);
  });

  it('reports what GitLab would not use at its line', () => {
    const r = read('[]\n[Docs][] @d\n!\n[Empty]\nsrc/\nlib/ team-x @ok\n');
    expect(r.problems.map((p) => [p.line, p.severity, p.code])).toEqual([
      [1, 'error', 'gitlab-codeowners/empty-section'],
      [2, 'warning', 'gitlab-codeowners/bad-approvals'],
      [3, 'error', 'gitlab-codeowners/empty-pattern'],
      [5, 'warning', 'gitlab-codeowners/no-owners'],
      [6, 'warning', 'gitlab-codeowners/bad-owner'],
    ]);
    expect(r.problems[5 - 1]?.message).toContain('"team-x"');
    expect(r.decide('lib/a')?.owners).toEqual([{ kind: 'written', owner: '@ok' }]);
  });

  it('reports the lines that match no file at HEAD, a folder written without its slash apart', () => {
    const r = read('[Build]\n/cmake @a\nlibs/io/bitmap @b\n/src/ @c\n/gone.txt @d\n!/src/gen/\n');
    const stale = r.staleRules?.(['cmake/a.cmake', 'x/libs/io/bitmap/b.cpp', 'src/main.c']) ?? [];
    expect(stale.map((p) => [p.line, p.code])).toEqual([
      [2, 'gitlab-codeowners/dead-rule'],
      [3, 'gitlab-codeowners/dead-rule'],
      [5, 'gitlab-codeowners/dead-rule'],
      [6, 'gitlab-codeowners/dead-rule'],
    ]);
    expect(stale[0]?.hint).toBe('Write "/cmake/" to cover everything in the folder.');
    expect(stale[1]?.hint).toBe('Write "libs/io/bitmap/" to cover everything in the folder.');
    expect(stale[2]?.message).toContain('matches no file at HEAD');
  });

  it('agrees with a plain reading of every section over generated files', () => {
    const pattern = fc
      .tuple(
        fc.constantFrom('', '!'),
        fc.constantFrom('/', ''),
        fc.constantFrom('a', 'b', '*', 'a/b', '*.md', 'a/*', 'b/**/*.md'),
        fc.constantFrom('', '/'),
      )
      .map((parts) => parts.join(''));
    const section = fc.record({
      name: fc.constantFrom('', 'S', 's', 'T', '^O'),
      entries: fc.array(fc.tuple(pattern, fc.constantFrom('', '@x', '@y @z')), {
        maxLength: 4,
      }),
      defaults: fc.constantFrom('', '@d'),
    });
    const path = fc
      .array(fc.constantFrom('a', 'b', 'c.md', 'd'), { minLength: 1, maxLength: 4 })
      .map((names) => names.join('/'));
    fc.assert(
      fc.property(fc.array(section, { maxLength: 4 }), path, (sections, p) => {
        const text = sections
          .map((s) => {
            const heading =
              s.name === ''
                ? ''
                : `${s.name.startsWith('^') ? '^' : ''}[${s.name.replace('^', '')}] ${s.defaults}\n`;
            return heading + s.entries.map(([pat, owners]) => `${pat} ${owners}\n`).join('');
          })
          .join('');
        expect(read(text).decide(p)?.owners ?? null).toEqual(plainOwners(text, p));
      }),
      { numRuns: 1000 },
    );
  });
});

/**
 * The owners of the deciding section by a direct reading of GitLab's rules: group the
 * lines by section name without case, take each section's last matching entry unless an
 * exclusion matches, the first required section that has one, else the first optional one.
 */
function plainOwners(text: string, path: string) {
  const sections: { name: string; optional: boolean; owners: string[] | null; out: boolean }[] = [
    { name: '', optional: false, owners: null, out: false },
  ];
  let current = sections[0] as (typeof sections)[number];
  let defaults: string[] = [];
  for (const line of text.split('\n').filter((l) => l.trim() !== '')) {
    const heading = /^(\^)?\[([^\]]+)\](.*)$/.exec(line);
    if (heading) {
      const name = (heading[2] as string).toLowerCase();
      current =
        sections.find((s) => s.name === name) ??
        (sections[
          sections.push({ name, optional: heading[1] === '^', owners: null, out: false }) - 1
        ] as (typeof sections)[number]);
      defaults = (heading[3] as string).split(' ').filter(Boolean);
      continue;
    }
    const [pat = '', ...owners] = line.split(' ').filter(Boolean);
    const exclusion = pat.startsWith('!');
    if (!compileGlob(exclusion ? pat.slice(1) : pat, 'gitlab').matches(path)) continue;
    if (exclusion) current.out = true;
    else current.owners = owners.length > 0 ? owners : defaults;
  }
  const owning = sections.filter((s) => s.owners !== null && !s.out);
  const first = owning.find((s) => !s.optional) ?? owning[0];
  return first ? (first.owners as string[]).map((owner) => ({ kind: 'written', owner })) : null;
}
