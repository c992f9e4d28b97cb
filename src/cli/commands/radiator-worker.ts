/**
 * One radiator, built and served in a process of its own (`serve` forks this module). `orgwire
 * serve` starts one at start and one at each refresh; the process that takes connections
 * forwards each request to the one serving now, so it never waits on an analysis: a refresh
 * reads and analyses in a process of its own while the one before it goes on answering. A
 * process, not a thread: a refresh starts a git for each of many files, and forking a process
 * that also serves stalls its serving (on kubernetes' repositories, reads' p99 went from 30 ms
 * to 320 ms during a refresh with threads).
 */
import { DEFAULT_COUPLING, DRIFT_TRAILING_WEEKS, parseDay } from '../../analysis/index.js';
import { AppError } from '../../errors.js';
import type { RequestFormat } from '../../ingest/index.js';
import {
  answerRequests,
  type Channel,
  createApp,
  createAuthorizer,
  createPeriods,
  processChannel,
  Radiator,
  type RefreshStatus,
  type ShippedScenario,
} from '../../server/index.js';
import type { Store } from '../../store/index.js';
import {
  buildReport,
  createWhatIf,
  driftReport,
  keepRadiatorDrift,
  keepTrend,
  keptDriftSeries,
  keptRadiatorDrift,
  keptTrend,
  newestCommitDay,
  radiatorDrift,
  suggestBoundaries,
} from '../../usecases/index.js';
import { versionsUsed } from '../catalog-or-empty.js';
import { loadConfig } from '../context.js';
import { catalogWithHistory, driftCacheFor, withOwnershipHistory } from '../drift-setup.js';
import { type Io, processIo } from '../io.js';
import { openStore } from '../open-store.js';
import { reportError } from '../report-error.js';
import { type RepositoryFlags, repositoriesOf } from '../repository-flags.js';
import { todayFlag, windowFlags } from '../window-flags.js';
import { ingestForReport, type ReportFlags, reportOptions } from './analyze.js';

/** Windows of the congruence trend on the overview, the current one included. */
const TREND_WINDOWS = 4;

/**
 * With `--history auto`, the most commits a first start measures week by week before it
 * serves; past this it serves the window first (see {@link HistoryWhen}). Measuring drift
 * takes about a second per 20,000 commits here (1,000,000 commits: 64 s), the window alone
 * a few seconds.
 */
const MEASURE_FIRST_UP_TO = 10_000;

/**
 * When a first start measures the history week by week (the Trends page, the overview's
 * trend and alerts), if no earlier run kept it: `first`, before serving; `later`, after
 * serving the window, in the background (a refresh that starts at once); `auto`, first up
 * to {@link MEASURE_FIRST_UP_TO} commits, else later.
 */
export type HistoryWhen = 'auto' | 'first' | 'later';

/** What `serve` was asked to serve, as plain values (they cross to the worker by copy). */
export interface RadiatorSettings {
  /** `--config`, else the demo's; none: `orgwire.yaml` in `cwd` when there is one. */
  configFile?: string;
  catalog?: string[];
  /** The repositories: `--repo` as given, and those below `--repo-root` or in `--repos-from`. */
  repositories: RepositoryFlags;
  requests?: string[];
  requestsFormat?: RequestFormat;
  requestsRepo?: string;
  db?: string;
  host: string;
  publicUrl?: string;
  readToken: boolean;
  window?: string;
  today?: string;
  title: string;
  quiet: boolean;
  ignore?: string[];
  minWeight?: number;
  componentDepth?: number;
  /** Milliseconds between refreshes; none: at start and on request only. */
  refresh?: number;
  /** When the first start measures the history, if none is kept (`--history`). */
  history: HistoryWhen;
  scenarios: ShippedScenario[];
  /** The built UI's folder, when there is one. */
  staticDir?: string;
}

/** What a radiator's process is given first. */
export interface RadiatorJob {
  settings: RadiatorSettings;
  /** When the reading began (ISO 8601): the radiator's "read at". */
  readAt: string;
  /** The radiator served at start (progress shown), or a refresh's (quiet). */
  first: boolean;
}

/** From the radiator's process to `serve` (besides the requests' answers). */
export type WorkerSays =
  /**
   * It serves. `measuring`: it serves the window alone, the history to be measured by a
   * refresh (`--history later`, or `auto` on a long history).
   */
  | { type: 'ready'; measuring: boolean }
  /** The build failed: `text` is what the CLI prints for it, `status` its exit status. */
  | { type: 'failed'; message: string; text: string; status: number }
  | { type: 'refresh'; id: number; ask: 'start' | 'status' }
  | { type: 'caught-up' };

/** From `serve` to the radiator's process (besides the requests). */
export type ServeSays =
  | { type: 'job'; job: RadiatorJob }
  | { type: 'refresh'; id: number; answer: { started: boolean } | RefreshStatus }
  | { type: 'catch-up' }
  | { type: 'close' };

/**
 * Reads the catalog, what is new in the repositories and the history; analyses it; and
 * makes the app that serves it, with `catchUp` to apply what was written through the
 * radiator it replaces after this one read the records.
 */
async function buildRadiator(io: Io, store: Store, job: RadiatorJob, ask: Ask) {
  const { settings: options, first } = job;
  const readAt = new Date(job.readAt);
  // Read again at each refresh: an edited orgwire.yaml takes effect without a restart.
  const config = await loadConfig(io, options.configFile);
  const window = windowFlags(options.window === undefined ? {} : { window: options.window });
  const today = todayFlag(options.today, readAt);
  const span = config.config.drift?.weeks ?? DRIFT_TRAILING_WEEKS;
  const auth = createAuthorizer({
    tokens: () => store.tokens(),
    touch: (hash, at) => store.touchToken(hash, at),
    // Set but empty is unset, as in most shells' `VAR= command`.
    envToken: process.env.ORGWIRE_TOKEN || undefined,
  });
  const repos = await repositoriesOf(io, options.repositories);
  if (repos.length === 0) {
    throw new AppError(
      'invalid-input',
      'No repository to analyse.',
      'Pass --repo DIR or --repo-root DIR (either repeatable), or --demo to see the demo organisation.',
    );
  }
  const quiet = options.quiet || !first;
  const jobs = options.repositories.jobs;
  // The Trends page: the wiring week by week, with the catalog as it was.
  const catalog = await catalogWithHistory(io, config, { ...options, repos, quiet, store });
  const { loaded, ownership, read } = catalog;
  if (!quiet) io.err('Reading the history and analysing it…\n');
  const flags: ReportFlags = {
    ...options,
    repos,
    ...(jobs === undefined ? {} : { jobs }),
    quiet,
    merges: false,
    lines: false,
    files: false,
    includeBots: false,
    coupling: DEFAULT_COUPLING,
    today,
    window,
    trend: TREND_WINDOWS,
    ownership,
  };
  const input = await ingestForReport(io, config, loaded.catalog, store, flags);
  // The weeks kept in the store by an earlier `serve` or `drift` are read, not measured.
  const cache = await driftCacheFor(store, config, catalog, input, {
    span,
    ignore: undefined,
    until: undefined,
  });
  // Nothing new since the radiator's drift was kept (a restart, a refresh that found no
  // commit): it is the answer, and only the window's history is read. Else the weeks kept by
  // `drift` (the whole series, as it prints) save measuring them again.
  const keptDrift = await keptRadiatorDrift(store, cache);
  const keptSeries = keptDrift ? undefined : await keptDriftSeries(store, cache);
  const kept = keptDrift !== undefined || keptSeries !== undefined;
  // Nothing kept and the history long: the window is served first, and a refresh that starts
  // at once measures the history (a million commits: a minute, against seconds).
  const measuring =
    first &&
    !kept &&
    options.history !== 'first' &&
    (options.history === 'later' ||
      (await store.counts(input.repositories.map((r) => r.repositoryId))).commits >
        MEASURE_FIRST_UP_TO);
  // Likewise the overview trend's earlier windows.
  const trendShape = { window, windows: TREND_WINDOWS };
  const earlierTrend = kept ? await keptTrend(store, cache, trendShape) : undefined;
  // With drift and the trend's earlier windows kept, or to be measured later, only the
  // window's commits are read, and their owners are today's: the ownership files' past (a
  // git for each of many files: 976 on kubernetes' repositories) is not read.
  const windowOnly = earlierTrend !== undefined || measuring;
  const { drift: measured, ...analysed } = await buildReport(
    store,
    loaded.catalog,
    windowOnly ? input.repositories : await withOwnershipHistory(catalog, input),
    {
      ...reportOptions(config, flags, input),
      ...(windowOnly ? { trend: 1 } : {}),
      ...(kept || measuring
        ? {}
        : {
            drift: {
              weeks: span,
              versions: read ? (await read.load()).versions : [],
              cache,
            },
          }),
    },
  );
  const report = earlierTrend
    ? { ...analysed, trend: [...earlierTrend, ...(analysed.trend ?? [])] }
    : analysed;
  if (!windowOnly) await keepTrend(store, cache, trendShape, (report.trend ?? []).slice(0, -1));
  // Drift covers the whole history: every period's radiator shares it, without the weeks'
  // evidence once the alerts have read it.
  const drift = measuring
    ? undefined
    : (keptDrift ??
      radiatorDrift(
        driftReport(keptSeries ?? measured ?? [], span, config.config.drift, loaded.catalog.bets),
      ));
  if (drift && !keptDrift) await keepRadiatorDrift(store, cache, drift);
  if (read && read.list.length > 0 && !quiet && drift)
    io.err(`${versionsUsed(read, drift.series)}\n`);
  const dataAsOf = await newestCommitDay(store, input.repositories);
  const written = { checkins: 0, readings: 0, learnings: 0 };
  const radiatorOf = async (analysed: typeof report) => {
    const [checkins, readings, learnings] = await Promise.all([
      store.checkins(),
      store.readings(),
      store.learnings(),
    ]);
    // A loop, not Math.max(...ids): a long-lived radiator may hold more than a call takes.
    const newest = (rows: readonly { id: number }[], seen: number) =>
      rows.reduce((most, r) => Math.max(r.id, most), seen);
    written.checkins = newest(checkins, written.checkins);
    written.readings = newest(readings, written.readings);
    written.learnings = newest(learnings, written.learnings);
    return new Radiator({
      title: options.title,
      catalog: loaded.catalog,
      report: analysed,
      today,
      checkins,
      readings,
      learnings,
      ...(drift ? { drift } : {}),
      measuring,
      dataAsOf,
      readAt,
      refreshEvery: options.refresh === undefined ? null : options.refresh / 1000,
    });
  };
  const radiator = await radiatorOf(report);
  // Another period (`?since=&until=` on the read routes): its own analysis, with its trend.
  const periods = createPeriods(async (period) =>
    radiatorOf(
      await buildReport(store, loaded.catalog, input.repositories, {
        ...reportOptions(config, flags, input),
        since: parseDay(period.since) as number,
        until: parseDay(period.until, true) as number,
      }),
    ),
  );
  // What-if (the page's scenarios) as `orgwire whatif` runs it: no drift, no trend.
  const { trend: _, ...plain } = flags;
  const whatIfOptions = reportOptions(config, plain, input);
  const whatIf = createWhatIf(store, loaded.catalog, input.repositories, whatIfOptions);
  const app = createApp({
    radiator,
    periods,
    records: store,
    auth,
    readToken: options.readToken,
    whatIf,
    // Made on the page's first request for it, and kept (createApp holds the promise).
    suggestion: () => suggestBoundaries(store, loaded.catalog, input.repositories, whatIfOptions),
    scenarios: options.scenarios,
    refresh: {
      start: () => ask('start') as Promise<{ started: boolean }>,
      status: () => ask('status') as Promise<RefreshStatus>,
    },
    hosts: {
      host: options.host,
      ...(options.publicUrl === undefined ? {} : { publicUrl: new URL(options.publicUrl) }),
    },
    ...(options.staticDir ? { staticDir: options.staticDir } : {}),
  });
  /** Applies what was written through the radiator before this one was served. */
  const catchUp = async () => {
    for (const r of await store.checkins()) if (r.id > written.checkins) radiator.addCheckin(r);
    for (const r of await store.readings()) if (r.id > written.readings) radiator.addReading(r);
    for (const r of await store.learnings()) if (r.id > written.learnings) radiator.addLearning(r);
  };
  return { app, catchUp, measuring };
}

/** Asks `serve`, which runs the refreshes, to start one or say where they stand. */
type Ask = (what: 'start' | 'status') => Promise<unknown>;

/**
 * The radiator's side: build, say so, serve what arrives, and close when told. Its output
 * is the parent's (standard output and error are inherited): progress bars draw on the
 * terminal `serve` was started from.
 */
async function runWorker(channel: Channel, job: RadiatorJob): Promise<void> {
  const say = (message: WorkerSays) => channel.post(message);
  const io = processIo();
  const asked = new Map<number, (answer: unknown) => void>();
  let nextAsk = 0;
  const ask: Ask = (what) =>
    new Promise((resolve) => {
      const id = nextAsk++;
      asked.set(id, resolve);
      say({ type: 'refresh', id, ask: what });
    });

  let store: Store | undefined;
  let catchUp: (() => Promise<void>) | undefined;
  channel.on('message', async (received) => {
    const message = received as ServeSays;
    if (message.type === 'refresh') {
      asked.get(message.id)?.(message.answer);
      asked.delete(message.id);
    } else if (message.type === 'catch-up') {
      await catchUp?.();
      say({ type: 'caught-up' });
    } else if (message.type === 'close') {
      await store?.close();
      process.exit(0);
    }
  });
  try {
    store = await openStore(io, job.settings.db);
    const built = await buildRadiator(io, store, job, ask);
    catchUp = built.catchUp;
    answerRequests(channel, built.app);
    say({ type: 'ready', measuring: built.measuring });
  } catch (error) {
    let text = '';
    const status = reportError(error, { ...io, out: () => {}, err: (t) => (text += t) });
    say({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
      text,
      status,
    });
  }
}

// Forked by `serve`: the job comes first. Interrupts are `serve`'s to handle (a Ctrl-C
// reaches the whole process group): it closes this process, or ends it with SIGKILL; and
// this process ends when `serve` does, whatever ended it.
if (process.send) {
  const channel = processChannel(process);
  const onJob = (received: unknown) => {
    const message = received as ServeSays;
    if (message.type !== 'job') return;
    channel.off('message', onJob);
    void runWorker(channel, message.job);
  };
  channel.on('message', onJob);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {});
  process.on('disconnect', () => process.exit(0));
  // A send that fails once `serve` is gone ends this process like the disconnect does.
  process.on('error', () => process.exit(0));
}
