import { resolve } from 'node:path';
import {
  createIdentityTally,
  type IdentitySummary,
  type OwnedComponent,
  type OwnershipSummary,
  summarizeOwnership,
} from '../../analysis/index.js';
import {
  createBotDetector,
  createIdentityResolver,
  displayPath,
  listHeadFiles,
  openOwnership,
  type RepositoryOwnership,
  readCommitAuthors,
} from '../../ingest/index.js';
import type { Catalog, PathOwnership } from '../../model/index.js';
import { catalogOrEmpty } from '../catalog-or-empty.js';
import type { LoadedConfig } from '../context.js';
import { type Io, type OutputFormat, writeJson } from '../io.js';
import { columns, componentLabel, percent, plural, short, wrap } from '../render.js';
import { entityCounts } from './validate.js';

export interface AnalyzeOptions {
  catalog?: string;
  repos: string[];
  format: OutputFormat;
  includeBots: boolean;
  merges: boolean;
}

interface RepositoryRow {
  dir: string;
  label: string;
  files: number;
  commits: number;
  codeowners: string | null;
}

interface TeamRow {
  ref: string;
  name: string;
  /** The Team Topologies type (`orgwire.dev/team-type`), or null when not declared. */
  type: string | null;
  /** Backstage's `spec.type` (team, department, …). */
  groupType: string;
  parent: string | null;
  members: string[];
  inferred: false;
}

/**
 * `orgwire analyze`: the catalog checked, then for each repository who owns its files
 * (HEAD's tree) and who made its commits. Later analyses add to the same report.
 */
export async function analyze(
  io: Io,
  config: LoadedConfig,
  options: AnalyzeOptions,
): Promise<number> {
  const { loaded, dir } = await catalogOrEmpty(io, config, options.catalog);
  const { catalog } = loaded;
  const bots = config.config.identities?.bots;
  const match = createIdentityResolver(
    catalog.users,
    options.includeBots || bots?.include
      ? () => false
      : createBotDetector({ extra: bots?.extra ?? [] }),
  );
  const tally = createIdentityTally(catalog, match);
  const repositories: {
    dir: string;
    label: string;
    files: number;
    commits: number;
    codeowners: string | null;
  }[] = [];
  const paths: PathOwnership[] = [];
  const unresolved: RepositoryOwnership['unresolvedOwners'] = [];
  for (const repoDir of options.repos) {
    const shownAs = displayPath(io.cwd, repoDir);
    const repo = await openOwnership(resolve(io.cwd, repoDir), catalog, shownAs);
    const files = await listHeadFiles(repo.git);
    for (const file of files) paths.push(repo.resolve(file));
    unresolved.push(...repo.unresolvedOwners);
    const before = tally.result().commits;
    for await (const commit of readCommitAuthors(repo.git, { merges: options.merges }))
      tally.add(commit);
    repositories.push({
      dir: shownAs,
      label: repo.label,
      files: files.length,
      commits: tally.result().commits - before,
      codeowners: repo.codeownersFile ?? null,
    });
  }
  const ownership = summarizeOwnership(catalog, paths, unresolved);
  const identities = tally.result();
  const teams = teamRows(catalog);

  if (options.format === 'json') {
    writeJson(io, {
      catalog: { dir: dir ?? null, entities: entityCounts(catalog) },
      repositories,
      teams,
      ownership,
      identities,
    });
    return 0;
  }
  io.out(renderReport({ dir, catalog, repositories, teams, ownership, identities }));
  return 0;
}

function teamRows(catalog: Catalog): TeamRow[] {
  return catalog.groups
    .map((g) => ({
      ref: g.ref,
      name: g.name,
      type: g.teamType ?? null,
      groupType: g.type,
      parent: g.parent ?? null,
      members: [...g.members].sort(),
      inferred: false as const,
    }))
    .sort((a, b) => a.ref.localeCompare(b.ref));
}

function renderReport(report: {
  dir: string | undefined;
  catalog: Catalog;
  repositories: RepositoryRow[];
  teams: TeamRow[];
  ownership: OwnershipSummary;
  identities: IdentitySummary;
}): string {
  const { catalog, ownership, identities } = report;
  const several = report.repositories.length > 1;
  const out: string[] = [];
  const counts = Object.entries(entityCounts(catalog))
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  out.push(
    wrap(
      report.dir
        ? `Catalog ${report.dir}: ${counts || 'no entities'} — valid.`
        : 'No catalog: components are top-level folders and CODEOWNERS rules; no teams.',
    ),
  );
  for (const r of report.repositories) {
    const codeowners = r.codeowners ? `, ${r.codeowners}` : ', no CODEOWNERS';
    out.push(
      wrap(
        `Repository ${r.dir}: ${plural(r.files, 'file')} at HEAD, ${plural(r.commits, 'commit')}${codeowners}.`,
      ),
    );
  }

  const commitsOf = new Map(identities.teams.map((t) => [t.ref, t.commits]));
  const owned = new Map(ownership.teams.map((t) => [t.ref, t]));
  if (report.teams.length > 0) {
    out.push('', `Teams (${report.teams.length})`);
    out.push(
      columns([
        ['TEAM', 'TYPE', 'MEMBERS', 'OWNS', 'FILES', 'COMMITS'],
        ...report.teams.map((t) => [
          short(t.ref),
          t.type ?? t.groupType,
          String(t.members.length),
          String(owned.get(t.ref)?.components ?? 0),
          String(owned.get(t.ref)?.files ?? 0),
          String(commitsOf.get(t.ref) ?? 0),
        ]),
      ]),
    );
    out.push(
      wrap(
        'COMMITS: commits with an author in the team; a commit counts once for each team among its authors, and a person in two teams counts for both.',
        '  ',
      ),
    );
  }

  out.push('', `Ownership — ${plural(ownership.files, 'file')}`);
  out.push(
    columns([
      ['COMPONENT', 'OWNER', 'FILES', 'DECIDED BY'],
      ...ownership.components
        .filter((c) => c.files > 0)
        .map((c) => [
          componentLabel(c.ref, several),
          ownerLabel(c),
          String(c.files),
          SOURCE[c.source],
        ]),
    ]),
  );
  const noTeams = catalog.groups.length === 0 && catalog.users.length === 0;
  const notes: string[] = [];
  if (ownership.ownerlessComponents.length > 0) {
    const unowned = ownership.unownedPaths.reduce((n, p) => n + p.files, 0);
    const names = ownership.ownerlessComponents.map((r) => componentLabel(r, several)).join(', ');
    notes.push(
      `Owned by nobody: ${names} — ${plural(unowned, 'file')} that no component or CODEOWNERS rule covers.`,
    );
  }
  if (ownership.componentsWithoutFiles.length > 0) {
    notes.push(
      `Catalog components with no files here: ${ownership.componentsWithoutFiles.map(short).join(', ')}.`,
    );
  }
  if (noTeams && ownership.unresolvedOwners.length > 0) {
    notes.push(
      'CODEOWNERS owners are shown as written: with no catalog there are no teams to match them to.',
    );
  } else {
    for (const u of ownership.unresolvedOwners) {
      const more = u.rules > 1 ? ` (and ${plural(u.rules - 1, 'more rule')})` : '';
      notes.push(
        `${u.file}:${u.line}${more}: CODEOWNERS owner ${u.owner} matches no Group or User.`,
      );
    }
  }
  for (const note of notes) out.push(wrap(note, '  '));

  out.push('', `Who is who — ${plural(identities.commits, 'commit')}`);
  const byPeople = identities.commits - identities.botCommits;
  const bots = `${plural(identities.botCommits, 'bot commit')} left out.`;
  out.push(
    wrap(
      noTeams
        ? bots
        : `${identities.matchedCommits} with an author in the catalog (${percent(identities.matchedCommits, byPeople)} of the commits by people); ${bots}`,
      '  ',
    ),
  );
  if (identities.unmatched.length > 0) {
    const shown = identities.unmatched.slice(0, 15);
    const intro = noTeams
      ? `${plural(identities.unmatched.length, 'person', 'people')} made these commits; add them as Users in a catalog to count their work for their teams. The most active (commits as author or co-author):`
      : `${plural(identities.unmatched.length, 'author is', 'authors are')} no User, so their commits count for no team (commits as author or co-author):`;
    out.push(wrap(intro, '  '));
    out.push(
      columns(
        shown.map((u) => [`${u.name} <${u.email}>`, plural(u.commits, 'commit')]),
        '    ',
      ),
    );
    if (identities.unmatched.length > shown.length) {
      out.push(`    … and ${identities.unmatched.length - shown.length} more (see --format json).`);
    }
    if (!noTeams) {
      out.push(
        wrap(
          'Add each as a User, or their e-mail to a User\u2019s orgwire.dev/emails, or map it in .mailmap.',
          '  ',
        ),
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/** The owning team, else the first CODEOWNERS owner as written (`+N` more), else nobody. */
function ownerLabel(component: OwnedComponent): string {
  if (component.owner) return short(component.owner);
  const [first, ...others] = component.declaredOwners;
  if (first !== undefined) return others.length > 0 ? `${first} +${others.length}` : first;
  return '(nobody)';
}

/** How each component's files were assigned, in a word. */
const SOURCE: Record<OwnedComponent['source'], string> = {
  paths: 'catalog',
  codeowners: 'CODEOWNERS',
  folder: 'folder',
  catalog: 'catalog',
};
