import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import pc from 'picocolors';
import { AppError } from '../../errors.js';
import {
  CODEOWNERS_LOCATIONS,
  type CodeownersFinding,
  codeownersFindings,
  displayPath,
  openOwnership,
  type RepositoryOwnership,
} from '../../ingest/index.js';
import type { PathOwnership } from '../../model/index.js';
import { catalogOrEmpty } from '../catalog-or-empty.js';
import type { LoadedConfig } from '../context.js';
import { type Io, type OutputFormat, writeJson } from '../io.js';
import { columns, componentLabel, plural, short } from '../render.js';

export interface OwnersOptions {
  paths: string[];
  repo: string;
  catalog?: string[];
  format: OutputFormat;
  /** Check the whole CODEOWNERS file instead of answering for paths. */
  check?: boolean;
}

/**
 * `orgwire owners PATH... --repo DIR`: the component, owner and deciding rule of each path.
 * `orgwire owners --check --repo DIR`: every CODEOWNERS finding; exit 1 when there is one.
 */
export async function owners(
  io: Io,
  config: LoadedConfig,
  options: OwnersOptions,
): Promise<number> {
  if (options.check && options.paths.length > 0) {
    throw new AppError(
      'invalid-input',
      `--check checks the whole CODEOWNERS file and takes no PATH (got ${options.paths.join(' ')}).`,
      'Run `orgwire owners --check --repo DIR`, or leave out --check to ask who owns the paths.',
    );
  }
  if (!options.check && options.paths.length === 0) {
    throw new AppError(
      'invalid-input',
      'Name at least one PATH to say who owns it, or pass --check to check CODEOWNERS.',
      'For example `orgwire owners src/app.ts --repo .` or `orgwire owners --check --repo .`.',
    );
  }
  const { loaded, dir, ownership } = await catalogOrEmpty(io, config, options.catalog, [
    options.repo,
  ]);
  const repoDir = resolve(io.cwd, options.repo);
  const shownAs = displayPath(io.cwd, options.repo);
  const repo = await openOwnership(repoDir, loaded.catalog, shownAs, ownership.get(repoDir));
  if (options.check) {
    return checkOwners(io, repo, { ...options, shownAs, catalog: dir ?? null });
  }
  const results = options.paths.map((p) => repo.resolve(repoRelative(io.cwd, repoDir, p)));

  if (options.format === 'json') {
    writeJson(io, {
      repo: options.repo,
      codeowners: repo.codeownersFile ?? null,
      ownershipFiles: repo.readings.map((r) => ({ format: r.format, files: r.files })),
      paths: results,
      unresolvedOwners: repo.unresolvedOwners,
      codeownersProblems: repo.codeownersProblems,
    });
    return 0;
  }
  for (const result of results) io.out(`${describe(result)}\n\n`);
  for (const p of repo.codeownersProblems) io.err(`${p.file}:${p.line}: ${p.message}. ${p.hint}\n`);
  const used = new Set(
    results.flatMap((r) => (r.rule.source === 'codeowners' ? r.rule.owners : [])),
  );
  for (const u of repo.unresolvedOwners.filter((o) => used.has(o.owner))) {
    io.err(
      `${u.file}:${u.line}: CODEOWNERS owner ${u.owner} matches no Group (github.com/team-slug or name) or User in the catalog.${u.suggestion ? ` Did you mean ${u.suggestion}?` : ''}\n`,
    );
  }
  return 0;
}

/** The owning team; else the owners as the file writes them, which match no team. */
function ownerOf(result: PathOwnership): string {
  if (result.owner) return short(result.owner);
  const rule = result.rule;
  if (rule.source !== 'paths' && rule.source !== 'folder' && rule.owners.length > 0) {
    return `${rule.owners.join(' ')} (no Group or User in the catalog)`;
  }
  return '(nobody)';
}

/** What the deciding rule is, and the file and line that decided. */
function decidedBy(result: PathOwnership): [string, string] {
  const rule = result.rule;
  const component = componentLabel(result.component);
  switch (rule.source) {
    case 'paths':
      return [component, `${rule.file}:${rule.line}  orgwire.dev/paths ${rule.glob}`];
    case 'owners':
      return [
        `${component} (an OWNERS folder)`,
        `${rule.file}:${rule.line}  ${rule.filter === undefined ? '' : `filter ${rule.filter}  `}approvers ${rule.owners.join(' ') || '(none)'}`,
      ];
    case 'maintainers':
      return [
        `${component} (a MAINTAINERS section)`,
        `${rule.file}:${rule.line}  F: ${rule.pattern}  in ${rule.section}`,
      ];
    case 'codeowners':
      return [
        `${component} (a CODEOWNERS rule)`,
        `${rule.file}:${rule.line}  ${rule.section === undefined ? '' : `[${rule.section}] `}${rule.pattern} ${rule.owners.join(' ')}`,
      ];
    case 'folder':
      return [
        `${component} (a top-level folder)`,
        'no component path, ownership file or CODEOWNERS rule matches',
      ];
  }
}

/** One path's answer, a few labelled lines that fit a terminal. */
function describe(result: PathOwnership): string {
  const [component, decided] = decidedBy(result);
  return columns(
    [
      ['component', component],
      ['owner', ownerOf(result)],
      ...(result.coOwners?.length
        ? [['co-owners', result.coOwners.map(short).join(', ')] as [string, string]]
        : []),
      ['decided by', decided],
    ],
    '  ',
  ).replace(/^/, `${result.path}\n`);
}

/**
 * A path as the repository sees it: a path that exists relative to the current folder
 * and lies inside the repository is made relative to the repository's root; anything
 * else is taken as already relative to the root.
 */
function repoRelative(cwd: string, repoDir: string, path: string): string {
  const absolute = resolve(cwd, path);
  const inside = relative(repoDir, absolute);
  if (
    (isAbsolute(path) || existsSync(absolute)) &&
    !inside.startsWith('..') &&
    !isAbsolute(inside)
  ) {
    return inside.split('\\').join('/');
  }
  return path;
}

const FINDING_LABEL: Record<string, string> = {
  'codeowners/syntax': 'syntax',
  'codeowners/unknown-owner': 'unknown owner',
  'codeowners/dead-rule': 'dead rule',
  'codeowners/shadowed-rule': 'shadowed rule',
};

/** How a finding is labelled: GitHub CODEOWNERS' by kind, other formats' by their code. */
function findingLabel(code: CodeownersFinding['code']): string {
  return FINDING_LABEL[code] ?? code.slice(code.indexOf('/') + 1).replace(/-/g, ' ');
}

/**
 * The CODEOWNERS gate: lines GitHub skips, owners that match no Group or User (with the
 * closest known one), rules that match no file at HEAD, rules that later rules override for
 * every file. Exit 1 when there is any, else 0. Without a catalog, owners are not checked.
 */
async function checkOwners(
  io: Io,
  repo: RepositoryOwnership,
  options: { repo: string; shownAs: string; catalog: string | null; format: OutputFormat },
): Promise<number> {
  const files = repo.headFiles;
  const health = repo.codeownersHealth(files);
  const checkOwnersToo = options.catalog !== null;
  const findings = codeownersFindings(
    repo.codeownersProblems,
    health,
    { owners: checkOwnersToo },
    repo.readings.flatMap((r) => [...r.problems, ...(r.staleRules?.(files) ?? [])]),
  );
  const status = findings.length > 0 ? 1 : 0;
  const checked = [
    ...(repo.codeownersFile === undefined ? [] : [repo.codeownersFile]),
    ...repo.readings.flatMap((r) => r.files),
  ];
  const shown =
    checked.length === 0
      ? null
      : checked.length === 1
        ? join(options.shownAs, checked[0] as string)
        : `${plural(checked.length, 'ownership file')} in ${options.shownAs}`;
  const rules = repo.codeownersRules.length + repo.readings.reduce((n, r) => n + r.rules.length, 0);

  if (options.format === 'json') {
    writeJson(io, {
      repo: options.repo,
      codeowners: repo.codeownersFile ?? null,
      ownershipFiles: repo.readings.map((r) => ({ format: r.format, files: r.files })),
      catalog: options.catalog,
      rules,
      files: files.length,
      findings,
      unresolvedOwners: checkOwnersToo ? health.unresolvedOwners : [],
      deadRules: health.deadRules,
      shadowedRules: health.shadowedRules,
      codeownersProblems: repo.codeownersProblems,
    });
    return status;
  }
  if (shown === null) {
    io.out(
      `✓ No CODEOWNERS, OWNERS or MAINTAINERS in ${options.shownAs} (looked for ${CODEOWNERS_LOCATIONS.join(', ')}, .gitlab/CODEOWNERS, OWNERS files and MAINTAINERS): nothing to check.\n`,
    );
    return 0;
  }
  for (const f of findings) {
    io.out(
      `${pc.bold(`${f.file}:${f.line}`)}  ${pc.red(findingLabel(f.code))}  ${f.message}\n    ${pc.dim(`hint: ${f.hint}`)}\n`,
    );
  }
  if (!checkOwnersToo) {
    io.out(
      `${findings.length > 0 ? '\n' : ''}Owners were not checked: there is no catalog to match them to (pass --catalog DIR).\n`,
    );
  }
  const counted = `${plural(rules, 'rule')}, ${plural(files.length, 'file')} at HEAD`;
  if (status === 0) {
    io.out(`${checkOwnersToo ? '' : '\n'}✓ ${shown}: no findings (${counted}).\n`);
    return 0;
  }
  const order = Object.values(FINDING_LABEL);
  const rank = (label: string) => (order.includes(label) ? order.indexOf(label) : order.length);
  const byCode = [...new Set(findings.map((f) => findingLabel(f.code)))]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((label) => plural(findings.filter((f) => findingLabel(f.code) === label).length, label))
    .join(', ');
  io.out(`\n✗ ${plural(findings.length, 'finding')} in ${shown} (${counted}): ${byCode}.\n`);
  return 1;
}
