import {
  analyzeBets,
  analyzeQueues,
  analyzeWiring,
  type BetsReport,
  type ChainsResult,
  type CommitFacts,
  type ComponentActivity,
  type CoordinationResult,
  type CoupledPair,
  type CouplingOptions,
  type CouplingPairReport,
  createIdentityTally,
  DEFAULT_COUPLING,
  type IdentitySummary,
  type OwnedComponent,
  type OwnershipSummary,
  type QueueReport,
  queueWaits,
  resolveWindow,
  summarizeOwnership,
  synchronousChains,
  type TimeWindow,
  unmatchedAuthor,
  windowDates,
} from '../analysis/index.js';
import {
  createBotDetector,
  createIdentityResolver,
  listHeadFiles,
  openOwnership,
  type RepositoryOwnership,
} from '../ingest/index.js';
import type {
  Catalog,
  CodeownersHealth,
  FileChange,
  PathOwnership,
  Person,
  RequestRecord,
} from '../model/index.js';
import type { Store } from '../store/index.js';

export interface ReportOptions {
  /** Explicit ends of the window, seconds; otherwise `length` before the newest commit. */
  since?: number;
  until?: number;
  /** The window's length in seconds (default 90 days). */
  length?: number;
  coupling?: CouplingOptions;
  /** Also couple files. */
  files?: boolean;
  merges?: boolean;
  bots?: { include?: boolean; extra?: readonly string[] };
  /** `YYYY-MM-DD` for the bets' decide-by dates; default the window's last day. */
  today?: string;
  /** Requests from request-queue exports: their queues, and waits for the bets. */
  requests?: readonly RequestRecord[];
  /**
   * Also measure congruence over this many consecutive windows of the window's length,
   * ending with the window itself (the radiator's trend).
   */
  trend?: number;
}

/** Congruence over one window of the trend. */
export interface TrendPoint {
  since: string;
  until: string;
  weighted: number | null;
  unweighted: number | null;
}

export interface ReportRepository {
  /** As the user wrote it. */
  dir: string;
  label: string;
  repositoryId: number;
  /** Files at HEAD. */
  files: number;
  /** Commits stored in all. */
  commits: number;
  codeowners: string | null;
}

export interface ReportTeam {
  ref: string;
  name: string;
  type: string | null;
  /** Backstage's `spec.type`; null for inferred teams. */
  groupType: string | null;
  parent: string | null;
  members: string[];
  inferred: boolean;
  focus?: string[];
}

export type ReportComponent = OwnedComponent &
  Omit<ComponentActivity, 'ref' | 'owner'> & { owner: string | null };

/** Everything `orgwire analyze` shows, as the JSON contract (docs/json.md) defines it. */
export interface Report {
  window: { since: string; until: string };
  repositories: ReportRepository[];
  teams: ReportTeam[];
  coordination: CoordinationResult;
  ownership: Omit<OwnershipSummary, 'components'> & { components: ReportComponent[] };
  coupling: { pairs: CouplingPairReport[]; files?: CoupledPair[] };
  identities: IdentitySummary;
  /** The bets board, calibration and review queue (design.md §4, §7). */
  bets: BetsReport;
  /** Request queues per providing team (design.md §5); empty without request exports. */
  queues: QueueReport[];
  /** Synchronous chains from the catalog and their cycles (design.md §6). */
  chains: ChainsResult['chains'];
  cycles: ChainsResult['cycles'];
  /** With `trend`: congruence per window, oldest first, the last being the window itself. */
  trend?: TrendPoint[];
}

/**
 * Analyses what the store holds for these repositories: ownership of HEAD's files, who
 * made the window's commits, and the wiring analyses over them. Renames are followed:
 * commits are read newest first in history order and a file's older names are mapped to
 * its latest, so a moved file keeps its history and belongs to the component its latest
 * path is in. (A rename is seen only in a commit of the window or after it.)
 */
export async function buildReport(
  store: Store,
  catalog: Catalog,
  repositories: readonly {
    dir: string;
    absolute: string;
    label: string;
    repositoryId: number;
    shownAs: string;
  }[],
  options: ReportOptions = {},
): Promise<Report> {
  const isBot = options.bots?.include
    ? () => false
    : createBotDetector({ extra: options.bots?.extra ?? [] });
  const match = createIdentityResolver(catalog.users, isBot);
  const tally = createIdentityTally(catalog, match);

  const opened = new Map<number, { repo: RepositoryOwnership; label: string }>();
  const rows: ReportRepository[] = [];
  const headPaths: PathOwnership[] = [];
  const codeowners: CodeownersHealth[] = [];
  for (const r of repositories) {
    const repo = await openOwnership(r.absolute, catalog, r.shownAs);
    opened.set(r.repositoryId, { repo, label: r.label });
    const files = await listHeadFiles(repo.git);
    for (const file of files) headPaths.push(repo.resolve(file));
    codeowners.push(repo.codeownersHealth(files));
    rows.push({
      dir: r.shownAs,
      label: r.label,
      repositoryId: r.repositoryId,
      files: files.length,
      commits: (await store.counts([r.repositoryId])).commits,
      codeowners: repo.codeownersFile ?? null,
    });
  }
  const ownership = summarizeOwnership(catalog, headPaths, codeowners);

  const ids = repositories.map((r) => r.repositoryId);
  const range = await store.timeRange(ids);
  const window: TimeWindow = resolveWindow(
    {
      ...(options.since === undefined ? {} : { since: options.since }),
      ...(options.until === undefined ? {} : { until: options.until }),
      ...(options.length === undefined ? {} : { length: options.length }),
    },
    range?.newest ?? Math.floor(Date.now() / 1000),
  );

  const length = window.until - window.since + 1;
  const periods = Math.max(1, options.trend ?? 1);
  // Earlier windows of the trend start no earlier than the history does.
  const earliest = Math.max(window.since - (periods - 1) * length, range?.oldest ?? window.since);
  const facts: CommitFacts[] = [];
  const earlier: CommitFacts[] = [];
  const renames = new Map<number, Map<string, string>>();
  const componentOf = new Map<string, string>();
  const authorKey = (person: Person): string | undefined => {
    const found = match(person);
    if (found.kind === 'user') return found.user;
    if (found.kind === 'unmatched') return unmatchedAuthor(person.email);
    return undefined;
  };
  for await (const commit of store.commits({ repositoryIds: ids, since: earliest })) {
    const entry = opened.get(commit.repositoryId);
    if (!entry) continue;
    const names = renames.get(commit.repositoryId) ?? new Map<string, string>();
    renames.set(commit.repositoryId, names);
    const paths = commit.files.map((f) => latestName(names, f));
    if (commit.time > window.until) continue;
    if (commit.parents > 1 && !options.merges) continue;
    const inWindow = commit.time >= window.since;
    if (inWindow) tally.add(commit);
    const authors = [
      ...new Set([commit.author, ...commit.coAuthors].flatMap((p) => authorKey(p) ?? [])),
    ];
    if (authors.length === 0) continue; // only bots
    const components = new Set<string>();
    for (const path of paths) {
      const key = `${commit.repositoryId}:${path}`;
      let component = componentOf.get(key);
      if (component === undefined) {
        component = entry.repo.resolve(path).component;
        componentOf.set(key, component);
      }
      components.add(component);
    }
    (inWindow ? facts : earlier).push({
      sha: commit.sha,
      repository: entry.label,
      time: commit.time,
      authors,
      components: [...components],
      files: [...new Set(paths.map((p) => `${entry.label}:${p}`))],
    });
  }

  const queues = analyzeQueues(catalog, options.requests ?? [], window);
  const owners = new Map(ownership.components.map((c) => [c.ref, c.owner]));
  const wiringOf = (commits: readonly CommitFacts[], period: TimeWindow, files: boolean) =>
    analyzeWiring(catalog, commits, {
      window: period,
      coupling: options.coupling ?? DEFAULT_COUPLING,
      ...(files ? { files: true } : {}),
      // Every catalog component is in the ownership summary, with its owner.
      ownerOf: (component) => owners.get(component) ?? null,
    });
  const wiring = wiringOf(facts, window, options.files === true);
  const trend: TrendPoint[] = [];
  for (let k = periods - 1; k >= 1; k--) {
    const period = { since: window.since - k * length, until: window.since - (k - 1) * length - 1 };
    if (period.until < earliest) continue;
    const slice = earlier.filter((f) => f.time >= period.since && f.time <= period.until);
    trend.push({
      ...windowDates(period),
      ...wiringOf(slice, period, false).coordination.congruence,
    });
  }

  const activity = new Map(wiring.components.map((c) => [c.ref, c]));
  const components: ReportComponent[] = [
    ...ownership.components,
    ...wiring.components
      .filter((c) => !owners.has(c.ref))
      .map((c) => ({
        ref: c.ref,
        owner: c.owner,
        declaredOwners: [],
        source: 'catalog' as const,
        files: 0,
      })),
  ].map((c) => {
    const a = activity.get(c.ref);
    return {
      ...c,
      owner: a?.owner ?? c.owner,
      ownerShare: a?.ownerShare ?? null,
      teams: a?.teams ?? [],
      fragmentation: a?.fragmentation ?? null,
      commits: a?.commits ?? 0,
      unmatchedCommits: a?.unmatchedCommits ?? 0,
    };
  });

  return {
    window: windowDates(window),
    repositories: rows,
    teams: wiring.teams.map((t) => {
      const entity = catalog.byRef.get(t.ref);
      const group = entity?.kind === 'Group' ? entity : undefined;
      return {
        ...t,
        groupType: group?.type ?? null,
        parent: group?.parent ?? null,
      };
    }),
    coordination: wiring.coordination,
    ownership: { ...ownership, components },
    coupling: wiring.coupling,
    identities: tally.result(),
    queues,
    ...synchronousChains(catalog),
    ...(options.trend === undefined
      ? {}
      : { trend: [...trend, { ...windowDates(window), ...wiring.coordination.congruence }] }),
    bets: analyzeBets(catalog, {
      waits: queueWaits(queues),
      today: options.today ?? windowDates(window).until,
      window,
      needs: wiring.coordination.needs,
      changed: new Set(wiring.components.filter((c) => c.commits > 0).map((c) => c.ref)),
    }),
  };
}

/**
 * A file's latest name. Commits come newest first, so after a rename is seen, older
 * commits that name the file by its old path are counted under the latest one.
 */
function latestName(names: Map<string, string>, file: FileChange): string {
  const latest = names.get(file.path) ?? file.path;
  // Commits come newest first: before this commit, the file was called oldPath.
  if (file.status === 'R' && file.oldPath !== undefined) names.set(file.oldPath, latest);
  return latest;
}
