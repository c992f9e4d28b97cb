import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import pc from 'picocolors';
import { AppError } from '../../errors.js';
import {
  CODEOWNERS_LOCATIONS,
  type CodeownersFinding,
  codeownersFindings,
  displayPath,
  listHeadFiles,
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
  const { loaded, dir } = await catalogOrEmpty(io, config, options.catalog);
  const repoDir = resolve(io.cwd, options.repo);
  const shownAs = displayPath(io.cwd, options.repo);
  const repo = await openOwnership(repoDir, loaded.catalog, shownAs);
  if (options.check) {
    return checkOwners(io, repo, { ...options, shownAs, catalog: dir ?? null });
  }
  const results = options.paths.map((p) => repo.resolve(repoRelative(io.cwd, repoDir, p)));

  if (options.format === 'json') {
    writeJson(io, {
      repo: options.repo,
      codeowners: repo.codeownersFile ?? null,
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

/** The owning team; else the CODEOWNERS owners as written, which match no team. */
function ownerOf(result: PathOwnership): string {
  if (result.owner) return short(result.owner);
  if (result.rule.source === 'codeowners' && result.rule.owners.length > 0) {
    return `${result.rule.owners.join(' ')} (no Group or User in the catalog)`;
  }
  return '(nobody)';
}

/** One path's answer, a few labelled lines that fit a terminal. */
function describe(result: PathOwnership): string {
  const rule = result.rule;
  const [component, decidedBy] =
    rule.source === 'paths'
      ? [
          componentLabel(result.component),
          `${rule.file}:${rule.line}  orgwire.dev/paths ${rule.glob}`,
        ]
      : rule.source === 'codeowners'
        ? [
            `${componentLabel(result.component)} (a CODEOWNERS rule)`,
            `${rule.file}:${rule.line}  ${rule.pattern} ${rule.owners.join(' ')}`,
          ]
        : [
            `${componentLabel(result.component)} (a top-level folder)`,
            'no component path and no CODEOWNERS rule matches',
          ];
  return columns(
    [
      ['component', component],
      ['owner', ownerOf(result)],
      ['decided by', decidedBy],
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

const FINDING_LABEL: Record<CodeownersFinding['code'], string> = {
  'codeowners/syntax': 'syntax',
  'codeowners/unknown-owner': 'unknown owner',
  'codeowners/dead-rule': 'dead rule',
  'codeowners/shadowed-rule': 'shadowed rule',
};

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
  const files = await listHeadFiles(repo.git);
  const health = repo.codeownersHealth(files);
  const checkOwnersToo = options.catalog !== null;
  const findings = codeownersFindings(repo.codeownersProblems, health, { owners: checkOwnersToo });
  const status = findings.length > 0 ? 1 : 0;
  const shown =
    repo.codeownersFile === undefined ? null : join(options.shownAs, repo.codeownersFile);

  if (options.format === 'json') {
    writeJson(io, {
      repo: options.repo,
      codeowners: repo.codeownersFile ?? null,
      catalog: options.catalog,
      rules: repo.codeownersRules.length,
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
      `✓ No CODEOWNERS in ${options.shownAs} (looked for ${CODEOWNERS_LOCATIONS.join(', ')}): nothing to check.\n`,
    );
    return 0;
  }
  for (const f of findings) {
    io.out(
      `${pc.bold(`${f.file}:${f.line}`)}  ${pc.red(FINDING_LABEL[f.code])}  ${f.message}\n    ${pc.dim(`hint: ${f.hint}`)}\n`,
    );
  }
  if (!checkOwnersToo) {
    io.out(
      `${findings.length > 0 ? '\n' : ''}Owners were not checked: there is no catalog to match them to (pass --catalog DIR).\n`,
    );
  }
  const counted = `${plural(repo.codeownersRules.length, 'rule')}, ${plural(files.length, 'file')} at HEAD`;
  if (status === 0) {
    io.out(`${checkOwnersToo ? '' : '\n'}✓ ${shown}: no findings (${counted}).\n`);
    return 0;
  }
  const byCode = (Object.keys(FINDING_LABEL) as CodeownersFinding['code'][])
    .map((code) => [FINDING_LABEL[code], findings.filter((f) => f.code === code).length] as const)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => plural(n, label))
    .join(', ');
  io.out(`\n✗ ${plural(findings.length, 'finding')} in ${shown} (${counted}): ${byCode}.\n`);
  return 1;
}
