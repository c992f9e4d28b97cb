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
  coordinatingTeams,
  createIdentityTally,
  createUserSuggester,
  creditTeams,
  DEFAULT_COUPLING,
  type DriftWeek,
  digestWork,
  driftSeries,
  type IdentitySummary,
  type NoiseCandidate,
  noiseCandidates,
  type OwnedComponent,
  type OwnershipSummary,
  type QueueReport,
  queueWaits,
  resolveWindow,
  splitFolders,
  summarizeOwnership,
  synchronousChains,
  type TimeWindow,
  unmatchedAuthor,
  type WorkDigest,
  windowDates,
} from '../analysis/index.js';
import { AppError } from '../errors.js';
import {
  createBotDetector,
  createIdentityResolver,
  createPathFilter,
  DEFAULT_IGNORE,
  type GitSource,
  generatedPatterns,
  hasHead,
  type IgnorePattern,
  loginsByEmail,
  type OwnershipHistory,
  openOwnership,
  type PathFilter,
  type RepositoryOwnership,
  type RepositoryOwnershipFiles,
  readMergeLogins,
} from '../ingest/index.js';
import {
  type Catalog,
  type CodeownersHealth,
  type FileChange,
  type MergeLoginEvidence,
  type PathOwnership,
  type Person,
  parseEntityRef,
  type RequestRecord,
  stringifyEntityRef,
} from '../model/index.js';
import type { Store } from '../store/index.js';
import { type DriftCache, driftReuse } from './drift-cache.js';
import { DEFAULT_MIN_WEIGHT } from './headline-needs.js';
import {
  type PastOwners,
  type PastOwnership,
  pastOwnerAt,
  pastResolver,
  recordPastOwner,
} from './past-ownership.js';

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
  /**
   * The user's ignore patterns (gitignore-style, relative to each repository), applied
   * after {@link DEFAULT_IGNORE} and the `.gitattributes` linguist patterns.
   */
  ignore?: readonly IgnorePattern[];
  /** The least weight a need has to be a headline (default {@link DEFAULT_MIN_WEIGHT}). */
  minWeight?: number;
  /** Accepted aliases (`identities.aliases`): an author's e-mail or name → a User. */
  aliases?: Readonly<Record<string, string>>;
  /**
   * Folders that nothing else owns become components at this depth (1 = top-level), instead
   * of being split by their share of the window's changes (see `splitFolders`).
   */
  componentDepth?: number;
  /**
   * Also measure the wiring week by week over the whole history up to the window's end
   * (see `driftSeries`), each week over this many trailing weeks.
   */
  drift?: {
    weeks: number;
    /**
     * The catalog's versions in its git history, oldest first, each in force from `time`
     * (seconds): each week is measured with the one in force at its end, and authors are
     * matched to the people of every version. Absent: today's catalog throughout.
     */
    versions?: readonly { time: number; commit: string; catalog: Catalog }[];
    /**
     * Keep the weeks in the store under this key and stamp (see `driftCache`), and measure
     * again only the weeks whose facts changed since they were kept.
     */
    cache?: DriftCache;
  };
}

/** What the window left out on purpose: paths matching an ignore pattern. */
export interface IgnoredSummary {
  /** Every pattern in force, with the files at HEAD it leaves out. */
  patterns: (IgnorePattern & { files: number })[];
  /** Files at HEAD left out, across the repositories. */
  files: number;
  /** Commits in the window that touched only ignored paths: they count for nothing. */
  commits: number;
  /** Folders nobody owns that make much of the unwired need: perhaps worth ignoring. */
  candidates: NoiseCandidate[];
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
  /** The other ownership files read (OWNERS, MAINTAINERS, GitLab CODEOWNERS), per format. */
  ownershipFiles: { format: string; files: string[] }[];
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
  /** With `minWeight`: the least weight of a headline need (the JSON keeps every need). */
  coordination: CoordinationResult & { minWeight: number };
  /** Paths left out of every analysis, and how much they held. */
  ignored: IgnoredSummary;
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
  /** With `drift`: the wiring per ISO week over the whole history, oldest first. */
  drift?: DriftWeek[];
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
  repositories: readonly ReportSource[],
  options: ReportOptions = {},
): Promise<Report> {
  return reportOfWork(
    store,
    catalog,
    await readWork(store, catalog, repositories, options),
    options,
  );
}

/** A repository to report on, as the store and the catalog know it. */
export interface ReportSource {
  dir: string;
  absolute: string;
  label: string;
  repositoryId: number;
  shownAs: string;
  /** What its ownership files say, when read already (their teams are in `catalog`). */
  ownership?: RepositoryOwnershipFiles | undefined;
  /**
   * Its ownership files as they were (see `readOwnershipHistory`): each commit before the
   * window is mapped to components and owners by the version in force when it was made.
   */
  ownershipHistory?: OwnershipHistory | undefined;
}

/**
 * The work of a window as the store holds it, read under a catalog: each commit's authors
 * (matched to its people) and components (by its ownership), who owns what at HEAD, and the
 * commits before the window that the trend and the drift series need.
 */
export interface Work {
  window: TimeWindow;
  /** The first time read: the start of the trend's earliest window, or of the history for drift. */
  earliest: number;
  /** The window's commits. */
  facts: CommitFacts[];
  /** The commits from `earliest` to the window, without their files (no analysis reads them). */
  earlier: CommitFacts[];
  repositories: ReportRepository[];
  ownership: OwnershipSummary;
  /** Each component's owner, as the ownership summary decided. */
  owners: Map<string, string | null>;
  /** Credited and coordinating teams (not a GitHub permission team). */
  isTeam: (group: string) => boolean;
  identities: IdentitySummary;
  ignored: Omit<IgnoredSummary, 'candidates'>;
  pastOwners: PastOwners;
  /**
   * What each repository's ownership was decided from (its files, ignore patterns and folder
   * split), so that {@link rewireWork} decides it again under another catalog without
   * reading git or the store.
   */
  opened: ReadonlyMap<number, OpenedSource>;
  /** The window's commits by set of authors and their change coupling (see `digestWork`). */
  digest: WorkDigest;
}

/** A repository's ownership files, ignore patterns and folder split, as a window read them. */
export interface OpenedSource {
  files: RepositoryOwnershipFiles;
  filter: PathFilter;
  folderOf: ((path: string) => string) | undefined;
}

/** What {@link readWork} decided of a path of a repository, once for all its commits. */
interface PathFacts {
  /** Left out by an ignore pattern. */
  ignored: boolean;
  /** Its key in the facts' `files`: `label:path`; only when files are coupled. */
  key?: string;
  /** Its component at HEAD, once a commit asked. */
  component?: string;
}

/** Reads the work of the window (see {@link Work}); {@link reportOfWork} reports on it. */
export async function readWork(
  store: Store,
  catalog: Catalog,
  repositories: readonly ReportSource[],
  options: ReportOptions = {},
): Promise<Work> {
  const isBot = options.bots?.include
    ? () => false
    : createBotDetector({ extra: options.bots?.extra ?? [] });
  const aliases = resolveAliases(catalog, options.aliases ?? {});

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

  const opened = new Map<
    number,
    HeldRepository & {
      label: string;
      /** As the ownership files in force at `time` decided, when not today's; see `pastResolver`. */
      past?: ((path: string, time: number) => PastOwnership | undefined) | undefined;
    }
  >();
  const sources = new Map<number, OpenedSource>();
  const rows: ReportRepository[] = [];
  for (const r of repositories) {
    const repo = await openOwnership(r.absolute, catalog, r.shownAs, r.ownership);
    const filter = createPathFilter([
      ...DEFAULT_IGNORE.map((pattern) => ({ pattern, source: 'default' })),
      ...(await generatedPatterns(repo.git, repo.headFiles, r.shownAs)),
      ...(options.ignore ?? []),
    ]);
    const folderOf = await folderSplit(store, r.repositoryId, repo, filter, window, options);
    const { resolve, split } = splitBy(repo, folderOf);
    const past = r.ownershipHistory
      ? pastResolver(catalog, repo, r.ownershipHistory, split)
      : undefined;
    opened.set(r.repositoryId, { repo, label: r.label, filter, resolve, past });
    sources.set(r.repositoryId, { files: ownershipFilesOf(repo), filter, folderOf });
    rows.push({
      dir: r.shownAs,
      label: r.label,
      repositoryId: r.repositoryId,
      files: repo.headFiles.length,
      commits: (await store.counts([r.repositoryId])).commits,
      codeowners: repo.codeownersFile ?? null,
      ownershipFiles: repo.readings.map((r) => ({ format: r.format, files: r.files })),
    });
  }
  const { ownership, owners, isTeam, ignoredFiles } = decideOwnership(catalog, opened.values());
  // Pull-request merges name the login behind an author; read only when a User has a login
  // to match, and only when HEAD moved since the last read (a walk of the whole commit
  // graph: 0.6 s for istio's 26,000 commits).
  const mergeLogins = catalog.users.some((u) => u.githubLogin)
    ? loginsByEmail(
        (
          await Promise.all(
            [...opened].map(([id, { repo }]) => cachedMergeLogins(store, id, repo.git)),
          )
        ).flat(),
      )
    : new Map<string, string>();
  // People of earlier catalog versions are matched too: someone who left is still who made
  // their commits.
  const everyone = new Map(catalog.users.map((u) => [u.ref, u]));
  for (const version of options.drift?.versions ?? [])
    for (const user of version.catalog.users)
      if (!everyone.has(user.ref)) everyone.set(user.ref, user);
  const match = createIdentityResolver([...everyone.values()], isBot, { aliases, mergeLogins });
  const tally = createIdentityTally(catalog, match, createUserSuggester(catalog.users), isTeam);

  const length = window.until - window.since + 1;
  const periods = Math.max(1, options.trend ?? 1);
  // Earlier windows of the trend start no earlier than the history does; drift reads it all.
  const earliest = options.drift
    ? (range?.oldest ?? window.since)
    : Math.max(window.since - (periods - 1) * length, range?.oldest ?? window.since);
  let ignoredCommits = 0;
  const facts: CommitFacts[] = [];
  const earlier: CommitFacts[] = [];
  const renames = new Map<number, Map<string, string>>();
  // A million commits name far fewer lists of authors and of components: each list once.
  const sameAuthors = sharedLists();
  const sameComponents = sharedLists();
  /**
   * Per repository, what each path decides, worked out once: a path is in many commits,
   * and the same key string shared by every fact holds the window in less memory.
   */
  const pathsOf = new Map<number, Map<string, PathFacts>>();
  const pastOwners: PastOwners = new Map();
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
    const named = commit.files.map((f) => latestName(names, f));
    if (commit.time > window.until) continue;
    if (commit.parents > 1 && !options.merges) continue;
    const inWindow = commit.time >= window.since;
    const known = pathsOf.get(commit.repositoryId) ?? new Map<string, PathFacts>();
    pathsOf.set(commit.repositoryId, known);
    const decided = named.map((path) => {
      let found = known.get(path);
      if (found === undefined) {
        found = {
          ignored: entry.filter.ignoredBy(path) !== undefined,
          ...(options.files ? { key: `${entry.label}:${path}` } : {}),
        };
        known.set(path, found);
      }
      return found;
    });
    const keptPaths = [...named.keys()].filter((k) => !decided[k]?.ignored);
    if (keptPaths.length === 0 && named.length > 0) {
      // Only ignored paths: the commit counts for nothing, not even who made it.
      if (inWindow) ignoredCommits++;
      continue;
    }
    if (inWindow) tally.add(commit);
    const authors = [
      ...new Set([commit.author, ...commit.coAuthors].flatMap((p) => authorKey(p) ?? [])),
    ];
    if (authors.length === 0) continue; // only bots
    const components = new Set<string>();
    // Before the window, a commit's paths as they were named then, by the files then.
    const then = inWindow ? undefined : entry.past;
    for (const k of keptPaths) {
      const was = then?.((commit.files[k] as FileChange).path, commit.time);
      if (was) {
        components.add(was.component);
        recordPastOwner(pastOwners, was);
        continue;
      }
      const found = decided[k] as PathFacts;
      found.component ??= entry.resolve(named[k] as string).component;
      components.add(found.component);
    }
    const fact = {
      time: commit.time,
      authors: sameAuthors(authors),
      components: sameComponents([...components]),
    };
    // Only file coupling reads a commit's files: 250,000 commits' lists of them are the
    // largest part of a window held for nothing else.
    if (inWindow && options.files)
      facts.push({
        ...fact,
        files: [...new Set(keptPaths.map((k) => (decided[k] as PathFacts).key as string))],
      });
    else (inWindow ? facts : earlier).push(fact);
  }

  return {
    window,
    earliest,
    facts,
    earlier,
    repositories: rows,
    ownership,
    owners,
    isTeam,
    identities: tally.result(),
    ignored: ignoredSummary(opened, ignoredFiles, ignoredCommits),
    pastOwners,
    opened: sources,
    digest: digestWork(facts, options.coupling ?? DEFAULT_COUPLING),
  };
}

/**
 * The same work under another catalog with the same Users and Components: a scenario's
 * catalog, where only Groups, who is in them and who owns what differ (`applyScenario`).
 * The commits as `work` read them are kept, with their authors and components (neither
 * depends on the teams); who owns what at HEAD, the coordinating teams and the teams'
 * credit are decided again. Reads neither git nor the store: `readWork` under `catalog`
 * gives the same (the what-if tests hold them equal). `pastOwners` stay as read.
 */
export async function rewireWork(
  catalog: Catalog,
  work: Work,
  repositories: readonly ReportSource[],
): Promise<Work> {
  const held: HeldRepository[] = [];
  for (const r of repositories) {
    const kept = work.opened.get(r.repositoryId);
    if (!kept) throw new Error(`rewireWork: ${r.shownAs} is not in the work given`);
    const repo = await openOwnership(r.absolute, catalog, r.shownAs, kept.files);
    held.push({ repo, filter: kept.filter, resolve: splitBy(repo, kept.folderOf).resolve });
  }
  const { ownership, owners, isTeam } = decideOwnership(catalog, held);
  return {
    ...work,
    ownership,
    owners,
    isTeam,
    identities: creditTeams(work.identities, work.digest.byAuthors, catalog, isTeam),
  };
}

/** A repository opened for a window: its ownership, ignore patterns and split resolver. */
interface HeldRepository {
  repo: RepositoryOwnership;
  filter: PathFilter;
  /** The repository's resolver, with folders split to a useful size. */
  resolve(path: string): PathOwnership;
}

/** Who owns each file at HEAD that no pattern ignores, summed; and the ignored files. */
function decideOwnership(catalog: Catalog, repositories: Iterable<HeldRepository>) {
  const ignoredFiles = new Map<IgnorePattern, number>();
  const headPaths: PathOwnership[] = [];
  const codeowners: CodeownersHealth[] = [];
  for (const { repo, filter, resolve } of repositories) {
    for (const file of repo.headFiles) {
      const by = filter.ignoredBy(file);
      if (by) ignoredFiles.set(by, (ignoredFiles.get(by) ?? 0) + 1);
      else headPaths.push(resolve(file));
    }
    // Dead and shadowed rules are judged on every file, ignored ones too, as GitHub does.
    codeowners.push(repo.codeownersHealth(repo.headFiles));
  }
  const ownership = summarizeOwnership(catalog, headPaths, codeowners);
  const owners = new Map(ownership.components.map((c) => [c.ref, c.owner]));
  // Credited and coordinating teams are the same ones: not a GitHub permission team.
  const isTeam = coordinatingTeams(catalog, owners.values());
  return { ownership, owners, isTeam, ignoredFiles };
}

/** What a repository's ownership was read from, to decide it again under another catalog. */
function ownershipFilesOf(repo: RepositoryOwnership): RepositoryOwnershipFiles {
  return {
    codeowners: {
      ...(repo.codeownersFile === undefined ? {} : { file: repo.codeownersFile }),
      rules: repo.codeownersRules,
      problems: repo.codeownersProblems,
    },
    readings: repo.readings,
    headFiles: repo.headFiles,
  };
}

/** The report on work read under `catalog`: the wiring, queues, bets, trend and drift. */
export async function reportOfWork(
  store: Store,
  catalog: Catalog,
  work: Work,
  options: ReportOptions = {},
): Promise<Report> {
  const { window, earliest, facts, earlier, owners, isTeam, ownership, pastOwners } = work;
  const length = window.until - window.since + 1;
  const periods = Math.max(1, options.trend ?? 1);
  const queues = analyzeQueues(catalog, options.requests ?? [], window);
  const wiringOf = (
    commits: readonly CommitFacts[],
    period: TimeWindow,
    files: boolean,
    digest?: WorkDigest,
  ) =>
    analyzeWiring(catalog, commits, {
      window: period,
      isTeam,
      coupling: options.coupling ?? DEFAULT_COUPLING,
      ...(files ? { files: true } : {}),
      ...(digest ? { digest } : {}),
      // Every catalog component is in the ownership summary, with its owner.
      ownerOf: (component) => owners.get(component) ?? null,
    });
  const wiring = wiringOf(facts, window, options.files === true, work.digest);
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

  // Who owns what and which groups are teams are fixed for the run: kept weeks measured
  // under other ones are measured again.
  const kept = options.drift?.cache
    ? await driftReuse(store, options.drift.cache, {
        owners: [...owners],
        teams: catalog.groups.filter((g) => isTeam(g.ref)).map((g) => g.ref),
      })
    : undefined;
  const teamsIn = new Map<Catalog, (group: string) => boolean>();
  const drift = options.drift
    ? driftSeries(catalog, [...earlier, ...facts], {
        weeks: options.drift.weeks,
        ownerOf: (component, org, until) => {
          const entity = org === catalog ? undefined : org.byRef.get(component);
          if (entity?.kind === 'Component') return entity.owner;
          const was = pastOwnerAt(pastOwners, component, until);
          return was === undefined ? (owners.get(component) ?? null) : was;
        },
        ...(options.drift.versions?.length
          ? { catalogAt: versionAt(options.drift.versions, catalog) }
          : {}),
        // Each version's groups judged as that version declares them (coordinatingTeams).
        isTeam: (group, org) => {
          if (org === catalog) return isTeam(group);
          let judged = teamsIn.get(org);
          if (!judged) {
            judged = coordinatingTeams(org, owners.values());
            teamsIn.set(org, judged);
          }
          return judged(group);
        },
        coupling: options.coupling ?? DEFAULT_COUPLING,
        requests: options.requests ?? [],
        until: window.until,
        ...(kept ? { reuse: kept.reuse } : {}),
      })
    : undefined;
  await kept?.save();
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
    repositories: work.repositories,
    teams: wiring.teams.map((t) => {
      const entity = catalog.byRef.get(t.ref);
      const group = entity?.kind === 'Group' ? entity : undefined;
      return {
        ...t,
        groupType: group?.type ?? null,
        parent: group?.parent ?? null,
      };
    }),
    coordination: { ...wiring.coordination, minWeight: options.minWeight ?? DEFAULT_MIN_WEIGHT },
    ignored: {
      ...work.ignored,
      candidates: noiseCandidates(wiring.coordination.needs, components),
    },
    ownership: { ...ownership, components },
    coupling: wiring.coupling,
    identities: work.identities,
    queues,
    ...synchronousChains(catalog),
    ...(options.trend === undefined
      ? {}
      : { trend: [...trend, { ...windowDates(window), ...wiring.coordination.congruence }] }),
    ...(drift ? { drift } : {}),
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
 * The catalog version in force at a time: the last from before it. Before the first
 * version the catalog did not exist yet (or its history is of another timeline, as the
 * demo's, kept in orgwire's own repository): today's stands in.
 */
function versionAt(
  versions: readonly { time: number; commit: string; catalog: Catalog }[],
  today: Catalog,
) {
  return (time: number) => {
    let found: { commit: string | null; catalog: Catalog } = { commit: null, catalog: today };
    for (const v of versions) if (v.time <= time) found = v;
    return { catalog: found.catalog, commit: found.commit };
  };
}

/**
 * How the window's changes split the folders nobody owns in a repository (see
 * `splitFolders`); undefined when no change falls in such a folder.
 */
async function folderSplit(
  store: Store,
  repositoryId: number,
  repo: RepositoryOwnership,
  filter: PathFilter,
  window: TimeWindow,
  options: ReportOptions,
): Promise<((path: string) => string) | undefined> {
  if (options.componentDepth !== undefined)
    return splitFolders([], 0, { depth: options.componentDepth });
  const changes = new Map<string, number>();
  let total = 0;
  const query = { repositoryIds: [repositoryId], since: window.since, until: window.until };
  /** Per path: left out, in a folder nobody owns, or owned. */
  const decided = new Map<string, 'ignored' | 'folder' | 'owned'>();
  for await (const commit of store.commitFiles(query)) {
    if (commit.parents > 1 && !options.merges) continue;
    for (const { path } of commit.files) {
      let found = decided.get(path);
      if (found === undefined) {
        found =
          filter.ignoredBy(path) !== undefined
            ? 'ignored'
            : repo.resolve(path).rule.source === 'folder'
              ? 'folder'
              : 'owned';
        decided.set(path, found);
      }
      if (found === 'ignored') continue;
      total++;
      if (found === 'folder') changes.set(path, (changes.get(path) ?? 0) + 1);
    }
  }
  return changes.size === 0 ? undefined : splitFolders(changes, total);
}

/** A repository's resolver with folders nobody owns split as `folderOf` says (none: whole). */
function splitBy(
  repo: RepositoryOwnership,
  folderOf: ((path: string) => string) | undefined,
): {
  resolve: (path: string) => PathOwnership;
  /** A folder's path ownership, split as the window's changes split folders. */
  split: (found: PathOwnership) => PathOwnership;
} {
  const split = (found: PathOwnership): PathOwnership => {
    if (found.rule.source !== 'folder' || folderOf === undefined) return found;
    const folder = folderOf(found.path);
    return {
      ...found,
      component: `folder:${repo.label}:${folder}`,
      rule: { source: 'folder', folder },
    };
  };
  const splitPaths = new Map<string, PathOwnership>();
  return {
    resolve: (path) => {
      let result = splitPaths.get(path);
      if (!result) {
        result = split(repo.resolve(path));
        splitPaths.set(path, result);
      }
      return result;
    },
    split,
  };
}

/** Gives back, for each list, the first equal one it was given: one array per distinct list. */
function sharedLists(): (list: string[]) => string[] {
  const lists = new Map<string, string[]>();
  return (list) => {
    const key = list.join('\n');
    const found = lists.get(key);
    if (found) return found;
    lists.set(key, list);
    return list;
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

/** Each pattern in force once (a `.gitattributes` pattern per repository), with its files. */
function ignoredSummary(
  opened: ReadonlyMap<number, { filter: PathFilter }>,
  files: ReadonlyMap<IgnorePattern, number>,
  commits: number,
): Omit<IgnoredSummary, 'candidates'> {
  const patterns = new Map<string, IgnorePattern & { files: number }>();
  for (const { filter } of opened.values()) {
    for (const p of filter.patterns) {
      const key = `${p.pattern}\0${p.source}`;
      const entry = patterns.get(key) ?? { ...p, files: 0 };
      entry.files += files.get(p) ?? 0;
      patterns.set(key, entry);
    }
  }
  return {
    patterns: [...patterns.values()],
    files: [...files.values()].reduce((sum, n) => sum + n, 0),
    commits,
  };
}

/**
 * `identities.aliases` with each User named by reference: keys lower-cased, values
 * resolved as `user` references. A value that names no User is an input error.
 */
function resolveAliases(
  catalog: Catalog,
  aliases: Readonly<Record<string, string>>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const [from, to] of Object.entries(aliases)) {
    const parsed = parseEntityRef(to, {
      defaultKind: 'user',
      defaultNamespace: 'default',
      allowedKinds: ['user'],
    });
    const ref = parsed.ok ? stringifyEntityRef(parsed.ref) : undefined;
    if (ref === undefined || catalog.byRef.get(ref)?.kind !== 'User') {
      throw new AppError(
        'invalid-input',
        `identities.aliases: ${from} → ${to} names no User in the catalog.`,
        'Name a User of the catalog (its name, or user:namespace/name), or remove the alias.',
      );
    }
    out.set(from.trim().toLowerCase(), ref);
  }
  return out;
}

/** A repository's pull-request merge logins: from the store while HEAD stays put, else read. */
async function cachedMergeLogins(
  store: Store,
  repositoryId: number,
  git: GitSource,
): Promise<MergeLoginEvidence[]> {
  if (!(await hasHead(git))) return [];
  const head = (await git.run(['rev-parse', 'HEAD'])).toString('utf8').trim();
  const cached = await store.mergeLogins(repositoryId);
  if (cached?.head === head) return cached.evidence;
  const evidence = await readMergeLogins(git);
  await store.saveMergeLogins(repositoryId, head, evidence);
  return evidence;
}
