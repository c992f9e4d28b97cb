import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidEntityName } from '../../model/index.js';
import { readMaintainers, stripExtendedWhitespace } from './maintainers.js';

const read = (text: string, mailmap?: ReadonlyMap<string, string>) =>
  readMaintainers({ path: 'MAINTAINERS', shownAs: 'repo/MAINTAINERS', text }, mailmap);

/** What a decision says, in short: component, deciding pattern and its line, owners. */
const said = (reading: ReturnType<typeof read>, path: string) => {
  const d = reading.decide(path);
  return (
    d && {
      component: d.component,
      pattern: d.rule.source === 'maintainers' ? d.rule.pattern : '',
      line: d.rule.line,
      owners: d.owners.map((o) => (o.kind === 'group' ? o.name : o.owner)),
      coOwners: d.coOwners.map((o) => (o.kind === 'group' ? o.name : o.owner)),
    }
  );
};

// DPDK's shape: areas underlined with `-`, a preamble under a `=` heading, tag lines right
// below an area heading, sections without M: or without F:.
const DPDK = `Example Maintainers
===================

Descriptions of section entries:

	M: Maintainer's Full Name <address@domain>
	F: Files and directories with wildcard patterns.

General Project Administration
------------------------------

Main Branch
M: Ana Lima <ana@example.org>
T: git://example.org/main

Documentation (with overlaps)
F: README
F: doc/

Networking Drivers
------------------
T: git://example.org/next-net

Acme e1k
M: Bo Chen <bo.chen@example.com>
M: Ana Lima <ANA@example.org>
F: drivers/net/e1k/
F: doc/guides/nics/e1k.rst

Acme e1k vector
M: cy@example.net
F: drivers/net/e1k/*_vec.c
X: drivers/net/e1k/legacy_vec.c


Packet Framework
----------------
M: Dan Eyre <dan@example.com>
F: lib/pipeline/
F: app/test/test_table*
F: drivers/net/e1k/e1k_pipeline.c
`;

describe('readMaintainers, DPDK areas', () => {
  const reading = read(DPDK);

  it('makes each area holding sections a Group of its maintainers, owning its sections', () => {
    expect(reading.format).toBe('maintainers');
    expect(reading.files).toEqual(['MAINTAINERS']);
    expect(reading.entities.groups.map((g) => [g.name, g.title, g.members, g.source.line])).toEqual(
      [
        [
          'general-project-administration',
          'General Project Administration',
          ['email:ana@example.org'],
          9,
        ],
        [
          'networking-drivers',
          'Networking Drivers',
          ['email:bo.chen@example.com', 'email:ana@example.org', 'email:cy@example.net'],
          20,
        ],
        ['packet-framework', 'Packet Framework', ['email:dan@example.com'], 36],
      ],
    );
    expect(reading.entities.groups.every((g) => g.format === 'maintainers')).toBe(true);
  });

  it('decides by the longest matching pattern, X: taking a path out of its section', () => {
    expect(said(reading, 'drivers/net/e1k/rx_vec.c')).toEqual({
      component: 'Acme e1k vector',
      pattern: 'drivers/net/e1k/*_vec.c',
      line: 32,
      owners: ['networking-drivers'],
      coOwners: [],
    });
    expect(said(reading, 'drivers/net/e1k/legacy_vec.c')?.component).toBe('Acme e1k');
    // `*_vec.c` has no trailing `/`: it does not reach into sub-folders.
    expect(said(reading, 'drivers/net/e1k/base/x_vec.c')?.pattern).toBe('drivers/net/e1k/');
    expect(said(reading, 'drivers/net/e1k/e1k_pipeline.c')).toMatchObject({
      component: 'Packet Framework',
      coOwners: ['networking-drivers'],
    });
  });

  it('lets the area own a section without M: of its own', () => {
    expect(said(reading, 'doc/guides/howto.rst')).toEqual({
      component: 'Documentation (with overlaps)',
      pattern: 'doc/',
      line: 18,
      owners: ['general-project-administration'],
      coOwners: [],
    });
    expect(said(reading, 'doc/guides/nics/e1k.rst')?.owners).toEqual(['networking-drivers']);
  });

  it('takes the tag lines right below an area heading as a section titled by it', () => {
    expect(said(reading, 'lib/pipeline/rte_pipeline.c')).toMatchObject({
      component: 'Packet Framework',
      line: 39,
      owners: ['packet-framework'],
    });
    expect(said(reading, 'app/test/test_table_acl.c')?.component).toBe('Packet Framework');
    expect(said(reading, 'app/test/test_tables/acl.c')).toBeUndefined();
    expect(said(reading, 'usertools/dpdk-devbind.py')).toBeUndefined();
  });

  it('keys people by e-mail without case, once each, with their names', () => {
    expect(
      reading.entities.users.map((u) => [u.key, u.emails, u.displayName, u.source.line]),
    ).toEqual([
      ['email:ana@example.org', ['ana@example.org'], 'Ana Lima', 13],
      ['email:bo.chen@example.com', ['bo.chen@example.com'], 'Bo Chen', 25],
      ['email:cy@example.net', ['cy@example.net'], undefined, 31],
      ['email:dan@example.com', ['dan@example.com'], 'Dan Eyre', 38],
    ]);
  });

  it('keys people by the canonical e-mail the mailmap gives, keeping the written one', () => {
    const mapped = read(DPDK, new Map([['bo.chen@example.com', 'bo@example.com']]));
    expect(mapped.entities.users[1]).toMatchObject({
      key: 'email:bo@example.com',
      emails: ['bo@example.com', 'bo.chen@example.com'],
    });
    expect(mapped.entities.groups[1]?.members[0]).toBe('email:bo@example.com');
  });

  it('finds no problem in a section with no F: (a git tree) nor an area heading with only T:', () => {
    expect(reading.problems).toEqual([]);
  });

  it('reports the F: and N: lines that match no file at HEAD', () => {
    const r = read(
      'Net\nM: A <a@x.org>\nF: drivers/net/\nF: drivers/gone/\nF: doc/*.rst\nN: ^tools/.*\\.py$\n',
    );
    const stale = r.staleRules?.(['drivers/net/a.c', 'doc/index.rst', 'doc/sub/x.rst']) ?? [];
    expect(stale.map((p) => [p.line, p.severity, p.code])).toEqual([
      [4, 'warning', 'maintainers/stale-pattern'],
      [6, 'warning', 'maintainers/stale-pattern'],
    ]);
    expect(stale[0]?.message).toContain('"drivers/gone/" of section "Net"');
  });

  it('lists one rule per F: line, with its line', () => {
    expect(reading.rules.map((r) => [r.line, r.pattern])).toEqual([
      [17, 'README'],
      [18, 'doc/'],
      [27, 'drivers/net/e1k/'],
      [28, 'doc/guides/nics/e1k.rst'],
      [32, 'drivers/net/e1k/*_vec.c'],
      [39, 'lib/pipeline/'],
      [40, 'app/test/test_table*'],
      [41, 'drivers/net/e1k/e1k_pipeline.c'],
    ]);
    expect(reading.rules.every((r) => r.file === 'repo/MAINTAINERS')).toBe(true);
  });
});

// Linux's shape: underlined preamble headings, one "Maintainers List" heading above every
// section, tabs after the tags, N: regexes and THE REST's catch-alls.
const LINUX = `List of maintainers
===================

Descriptions of section entries and preferred order
---------------------------------------------------

	M: *Mail* patches to: FullName <address@domain>
	F: *Files* and directories wildcard patterns.

Maintainers List
----------------

.. note:: When reading this list, please look for the most precise areas
          first.

3C59X NETWORK DRIVER
M:	Steffen Example <steffen@example.org>
L:	netdev@vger.kernel.org
S:	Odd Fixes
F:	Documentation/networking/3c59x.rst
F:	drivers/net/ethernet/3com/3c59x.c

ABI/API
L:	linux-api@vger.kernel.org
F:	kernel/sys_ni.c
F:	include/uapi/
X:	include/uapi/asm-generic/

ARM/TEGRA
M:	Thierry Example <thierry@example.org>
M:	"Jon Q. Example" <jon@example.com>
N:	[^a-z]tegra
F:	arch/arm/mach-tegra

DRM DRIVERS
M:	Dave Example <dave@example.org>
F:	drivers/gpu/drm/

DRM DRIVERS FOR TEGRA
M:	Jon Q. Example <jon@example.com>
M:	Thierry Example <thierry@example.org>
F:	drivers/gpu/drm/tegra/

ETHERNET 3COM
M:	Steffen Example <steffen@example.org>
F:	drivers/net/ethernet/3com/

THE REST
M:	Linus Example <torvalds@example.org>
F:	*
F:	*/
`;

describe('readMaintainers, Linux sections', () => {
  const reading = read(LINUX);

  it('gives each maintainer set one Group, named after its first section', () => {
    expect(reading.problems).toEqual([]);
    expect(reading.entities.groups.map((g) => [g.name, g.title, g.members.length])).toEqual([
      ['3c59x-network-driver', '3C59X NETWORK DRIVER', 1],
      ['arm-tegra', 'ARM/TEGRA', 2],
      ['drm-drivers', 'DRM DRIVERS', 1],
      ['the-rest', 'THE REST', 1],
    ]);
    expect(said(reading, 'drivers/gpu/drm/tegra/dc.c')).toEqual({
      component: 'DRM DRIVERS FOR TEGRA',
      pattern: 'drivers/gpu/drm/tegra/',
      line: 42,
      owners: ['arm-tegra'],
      coOwners: ['drm-drivers', 'the-rest'],
    });
    expect(said(reading, 'drivers/net/ethernet/3com/3c59x.c')).toMatchObject({
      component: '3C59X NETWORK DRIVER',
      owners: ['3c59x-network-driver'],
      coOwners: ['the-rest'],
    });
    expect(reading.entities.users.find((u) => u.key === 'email:jon@example.com')?.displayName).toBe(
      'Jon Q. Example',
    );
  });

  it('reads an F: without wildcard naming a folder as that folder', () => {
    expect(said(reading, 'arch/arm/mach-tegra/board.c')?.pattern).toBe('arch/arm/mach-tegra');
    expect(said(reading, 'arch/arm/mach-tegra/x/y.c')?.component).toBe('ARM/TEGRA');
    // …and, as get_maintainer's regex does, as a prefix of a name at the same depth.
    expect(said(reading, 'arch/arm/mach-tegra2.c')?.component).toBe('ARM/TEGRA');
    expect(said(reading, 'arch/arm/mach-tegra2/board.c')?.pattern).toBe('[^a-z]tegra');
    expect(said(reading, 'arch/arm/mach-tegrb/board.c')?.pattern).toBe('*/');
  });

  it('ranks N: after F: matches, and THE REST catch-alls after N:', () => {
    expect(said(reading, 'sound/soc/tegra/pcm.c')).toMatchObject({
      component: 'ARM/TEGRA',
      pattern: '[^a-z]tegra',
      line: 32,
      coOwners: ['the-rest'],
    });
    expect(said(reading, 'sound/soc/ntegra/pcm.c')?.component).toBe('THE REST');
    expect(said(reading, 'Makefile')).toMatchObject({ component: 'THE REST', pattern: '*' });
    expect(said(reading, 'mm/slab.c')).toMatchObject({ component: 'THE REST', pattern: '*/' });
  });

  it('excludes X: paths from the section only, other sections still matching', () => {
    expect(said(reading, 'include/uapi/linux/fs.h')).toMatchObject({
      component: 'ABI/API',
      owners: [],
      coOwners: ['the-rest'],
    });
    expect(said(reading, 'include/uapi/asm-generic/ioctl.h')?.component).toBe('THE REST');
  });

  it('answers the same path from memory', () => {
    expect(reading.decide('kernel/sys_ni.c')).toBe(reading.decide('kernel/sys_ni.c'));
    expect(reading.decide('kernel/sys_ni.c')?.rule).toEqual({
      source: 'maintainers',
      section: 'ABI/API',
      pattern: 'kernel/sys_ni.c',
      owners: [],
      file: 'repo/MAINTAINERS',
      line: 25,
    });
  });
});

describe('readMaintainers, patterns', () => {
  const one = (pattern: string, extra = '') => read(`S\nM: a@example.org\nF: ${pattern}\n${extra}`);
  it.each([
    ['drivers/net/', 'drivers/net/a/b.c', true],
    ['drivers/net/*', 'drivers/net/a.c', true],
    ['drivers/net/*', 'drivers/net/a/b.c', false],
    ['drivers/net', 'drivers/net/a/b.c', true],
    ['drivers/net', 'drivers/netx/a.c', false],
    ['a.c', 'abc', false],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['*.h', 'x.h', true],
    ['*.h', 'inc/x.h', false],
    ['lib/*/*_neon.*', 'lib/net/rte_neon.h', true],
    ['lib/*/*_neon.*', 'lib/net/x/rte_neon.h', false],
    ['lib/eal/*', 'lib/eal.c', false],
    ['net/ipv[46]/', 'net/ipv6/route.c', true],
    ['net/ipv[46]/', 'net/ipv5/route.c', false],
    ['a|b', 'xb', true],
    ['a|b', 'x/b', false],
  ])('F: %s on %s: %s', (pattern, path, matches) => {
    expect(one(pattern).decide(path) !== undefined).toBe(matches);
  });

  it('matches N: anywhere in the path, free-spaced as Perl /x', () => {
    const reading = read('S\nM: a@example.org\nN: ice  _ (rx|tx)  # the queues\n');
    expect(reading.problems).toEqual([]);
    expect(reading.decide('drivers/net/ice/ice_rx.c')?.rule).toMatchObject({
      pattern: 'ice  _ (rx|tx)  # the queues',
    });
    expect(reading.decide('drivers/net/ice/ice_ctl.c')).toBeUndefined();
  });

  it.each([
    ['a b', 'ab'],
    ['a\\ b', 'a\\ b'],
    ['[ ]x', '[ ]x'],
    ['[]\\s]x', '[]\\s]x'],
    ['a # b', 'a'],
    ['[#] x', '[#]x'],
  ])('strips /x free spacing from %s', (source, expected) => {
    expect(stripExtendedWhitespace(source)).toBe(expected);
  });
});

describe('readMaintainers, problems and odd input', () => {
  it('reports bad lines at their line and keeps the rest', () => {
    const reading = read(
      [
        'M: orphan@example.org',
        'F: x/',
        '',
        'GOOD',
        'M: Ana <ana@example.org>',
        'Z: what',
        'F: a/',
        'N: (unclosed',
        'F: b[',
        'M: Just A Name',
        '',
        'NO FILES',
        'M: Bo <bo@example.org>',
        'K: \\bfoo\\b',
      ].join('\n'),
    );
    expect(reading.problems.map((p) => [p.line, p.severity, p.code])).toEqual([
      [1, 'warning', 'maintainers/no-title'],
      [6, 'warning', 'maintainers/unknown-tag'],
      [8, 'error', 'maintainers/bad-regex'],
      [9, 'error', 'maintainers/bad-pattern'],
      [10, 'error', 'maintainers/no-email'],
    ]);
    for (const p of reading.problems) {
      expect(p.file).toBe('repo/MAINTAINERS');
      expect(p.message.length).toBeGreaterThan(10);
      expect(p.hint.length).toBeGreaterThan(10);
    }
    expect(reading.rules.map((r) => r.pattern)).toEqual(['a/']);
    expect(reading.decide('a/b.c')?.component).toBe('GOOD');
    expect(reading.decide('x/y')).toBeUndefined();
    expect(reading.entities.users.map((u) => u.key)).toEqual([
      'email:ana@example.org',
      'email:bo@example.org',
    ]);
  });

  it('makes R: reviewers people but not members', () => {
    const reading = read('S\nM: Ana <ana@x.org>\nR: Bo <bo@x.org>\nR: bo\nF: a/\n');
    expect(reading.entities.users.map((u) => u.key)).toEqual(['email:ana@x.org', 'email:bo@x.org']);
    expect(reading.entities.groups[0]?.members).toEqual(['email:ana@x.org']);
    expect(reading.problems.map((p) => [p.line, p.code])).toEqual([[4, 'maintainers/no-email']]);
  });

  it('gives sections above the first area their own Groups when areas own the rest', () => {
    const reading = read(
      [
        'Early\nM: e@x.org\nF: e/',
        'One\n---\n\nA\nM: a@x.org\nF: a/',
        'Two\n---\n\nB\nM: b@x.org\nF: b/\n\nC\nF: c/\n\nD\nS: Orphan\nF: d/',
      ].join('\n\n'),
    );
    expect(reading.entities.groups.map((g) => [g.name, g.members])).toEqual([
      ['one', ['email:a@x.org']],
      ['two', ['email:b@x.org']],
      ['early', ['email:e@x.org']],
    ]);
    expect(reading.decide('e/1')?.owners).toEqual([{ kind: 'group', name: 'early' }]);
    // The area owns a section without M:, but not one the file marks orphaned.
    expect(reading.decide('c/1')?.owners).toEqual([{ kind: 'group', name: 'two' }]);
    expect(reading.decide('d/1')?.owners).toEqual([]);
  });

  it('names the group of sections with the same maintainers after the one with most patterns', () => {
    const reading = read(
      'AMD IOMMU\nM: a@x.org\nF: iommu/\n\nX86\nM: a@x.org\nF: x86/\nF: arch/x86/\n',
    );
    expect(reading.entities.groups.map((g) => g.name)).toEqual(['x86']);
    expect(reading.decide('iommu/a.c')?.owners).toEqual([{ kind: 'group', name: 'x86' }]);
  });

  it('keeps components unique when two sections share a title', () => {
    const reading = read('FOO\nM: a@x.org\nF: a/\n\nFOO\nM: b@x.org\nF: b/\n');
    expect(reading.decide('a/1')?.component).toBe('FOO');
    expect(reading.decide('b/1')?.component).toBe('FOO (line 5)');
    expect(reading.decide('b/1')?.rule).toMatchObject({ section: 'FOO' });
    expect(reading.entities.groups.map((g) => g.name)).toEqual(['foo', 'foo-2']);
  });

  it('names Groups with valid, unique slugs of at most 63 characters', () => {
    const long = 'A VERY LONG SECTION TITLE THAT GOES ON AND ON PAST SIXTY-THREE CHARACTERS';
    const reading = read(
      [
        '802.11 (including CFG80211/NL80211)\nM: a@x.org\nF: a/',
        `${long} ONE\nM: b@x.org\nF: b/`,
        `${long} TWO\nM: c@x.org\nF: c/`,
        '+++\nM: d@x.org\nF: d/',
      ].join('\n\n'),
    );
    const names = reading.entities.groups.map((g) => g.name);
    expect(names[0]).toBe('802-11-including-cfg80211-nl80211');
    expect(names[3]).toBe('maintainers');
    expect(names[1]).not.toBe(names[2]);
    expect(names.every(isValidEntityName)).toBe(true);
  });

  it('reads an empty file, CRLF lines and comments', () => {
    const empty = read('');
    expect(empty.problems).toEqual([]);
    expect(empty.decide('a')).toBeUndefined();
    const crlf = read('# who owns what\r\nS\r\n# a comment inside\r\nM: a@x.org\r\nF: a/\r\n');
    expect(crlf.problems).toEqual([]);
    expect(crlf.decide('a/b')?.rule.line).toBe(5);
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom('', 'S', '---', 'M: a@b', 'F: a/', 'F: [', 'N: (', 'X: *', 'Q: q'),
          ),
        ),
        fc.string(),
        (lines, path) => {
          const reading = read(lines.join('\n'));
          reading.decide(path);
          expect(reading.entities.groups.every((g) => isValidEntityName(g.name))).toBe(true);
        },
      ),
    );
  });
});

/**
 * get_maintainer.pl's matching, transcribed: `.` escaped, `*` → `.*`, `?` → `.`, a `/` added
 * to a pattern naming a folder of the path, then `file_match_pattern`.
 */
function fileMatchPattern(file: string, raw: string): boolean {
  let value = raw.replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.');
  if (!/[*?]/.test(raw) && !raw.endsWith('/') && file.startsWith(`${raw}/`)) value += '/';
  const slashes = (s: string) => s.split('/').length - 1;
  if (value.endsWith('/')) return new RegExp(`^${value}`).test(file);
  return new RegExp(`^${value}`).test(file) && slashes(file) === slashes(value);
}

describe('readMaintainers against get_maintainer.pl', () => {
  const segment = fc.constantFrom('a', 'b', 'ab', 'a.b', 'axb');
  const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
  const part = fc.constantFrom('a', 'b', 'ab', 'a.b', '*', 'a*', '?b', '*.b', 'a?b');
  const pattern = fc
    .tuple(fc.array(part, { minLength: 1, maxLength: 3 }), fc.boolean())
    .map(([parts, folder]) => parts.join('/') + (folder ? '/' : ''));
  const section = fc.record({
    files: fc.array(pattern, { minLength: 1, maxLength: 3 }),
    excludes: fc.array(pattern, { maxLength: 2 }),
    maintained: fc.boolean(),
  });

  it('decides every path as the brute-force transcription does', () => {
    fc.assert(
      fc.property(
        fc.array(section, { minLength: 1, maxLength: 5 }),
        fc.array(path, { minLength: 1, maxLength: 10 }),
        (sections, paths) => {
          let text = '';
          let line = 0;
          const layout = sections.map((s, i) => {
            const lines = [`S${i}`];
            if (s.maintained) lines.push(`M: P${i} <p${i}@example.org>`);
            const files = s.files.map((raw) => {
              lines.push(`F: ${raw}`);
              return { raw, line: line + lines.length };
            });
            const excludes = s.excludes.map((raw) => {
              lines.push(`X: ${raw}`);
              return raw;
            });
            text += `${lines.join('\n')}\n\n`;
            line += lines.length + 1;
            return { ...s, files, excludes, title: `S${i}` };
          });
          const reading = read(text);
          for (const p of paths) {
            // Every pattern tested; the best is not `*`-led, then longest, then first written.
            const score = (f: { raw: string; line: number }) =>
              (f.raw.startsWith('*') ? 0 : 1e6) + f.raw.length * 1e3 - f.line;
            const matching = layout
              .filter((s) => !s.excludes.some((x) => fileMatchPattern(p, x)))
              .flatMap((s) => {
                const hits = s.files.filter((f) => fileMatchPattern(p, f.raw));
                const best = hits.sort((a, b) => score(b) - score(a))[0];
                return best ? [{ section: s, best }] : [];
              })
              .sort((a, b) => score(b.best) - score(a.best));
            const [winner, ...others] = matching;
            const expected = winner && {
              component: winner.section.title,
              pattern: winner.best.raw,
              line: winner.best.line,
              owners: winner.section.maintained ? [winner.section.title.toLowerCase()] : [],
              coOwners: others
                .filter((o) => o.section.maintained)
                .map((o) => o.section.title.toLowerCase()),
            };
            expect(said(reading, p)).toEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
