import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { displayPath, openOwnership } from '../../ingest/index.js';
import type { PathOwnership } from '../../model/index.js';
import { catalogOrEmpty } from '../catalog-or-empty.js';
import type { LoadedConfig } from '../context.js';
import { type Io, type OutputFormat, writeJson } from '../io.js';
import { columns, componentLabel, short } from '../render.js';

export interface OwnersOptions {
  paths: string[];
  repo: string;
  catalog?: string;
  format: OutputFormat;
}

/** `orgwire owners PATH... --repo DIR`: the component, owner and deciding rule of each path. */
export async function owners(
  io: Io,
  config: LoadedConfig,
  options: OwnersOptions,
): Promise<number> {
  const { loaded } = await catalogOrEmpty(io, config, options.catalog);
  const repoDir = resolve(io.cwd, options.repo);
  const repo = await openOwnership(repoDir, loaded.catalog, displayPath(io.cwd, options.repo));
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
