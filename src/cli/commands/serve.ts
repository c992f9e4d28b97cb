import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pc from 'picocolors';
import { DEFAULT_COUPLING, DRIFT_TRAILING_WEEKS, parseDay } from '../../analysis/index.js';
import { AppError } from '../../errors.js';
import { displayPath, type RequestFormat, readTextFile } from '../../ingest/index.js';
import { parseScenario } from '../../model/index.js';
import {
  createApp,
  createAuthorizer,
  createPeriods,
  createRefresher,
  createSwitchboard,
  type FetchHandler,
  isLoopbackAddress,
  listen,
  Radiator,
  type Refresher,
  type ShippedScenario,
  scenarioDocument,
} from '../../server/index.js';
import { describeDb } from '../../store/index.js';
import {
  buildReport,
  createWhatIf,
  driftReport,
  keepTrend,
  keptDriftSeries,
  keptTrend,
  newestCommitDay,
  suggestBoundaries,
} from '../../usecases/index.js';
import { versionsUsed } from '../catalog-or-empty.js';
import type { LoadedConfig } from '../context.js';
import { catalogWithHistory, driftCacheFor, withOwnershipHistory } from '../drift-setup.js';
import type { Io } from '../io.js';
import { dbConfig, openStore } from '../open-store.js';
import { formatProblem } from '../render.js';
import { todayFlag, windowFlags } from '../window-flags.js';
import { ingestForReport, type ReportFlags, reportOptions } from './analyze.js';

/** The built UI, beside the built server (`dist/web`). */
const WEB_DIR = fileURLToPath(new URL('../../web', import.meta.url));

/** Windows of the congruence trend on the overview, the current one included. */
const TREND_WINDOWS = 4;

export interface ServeOptions {
  catalog?: string[];
  /** The repositories to read at start. */
  repos: string[];
  /** Finds the repositories again at each refresh (`--repo-root`, `--repos-from`); else `repos`. */
  discover?: () => Promise<string[]>;
  /** Milliseconds between refreshes (`--refresh`); none: at start and on request only. */
  refresh?: number;
  /** Repositories read at the same time. */
  jobs?: number;
  requests?: string[];
  requestsFormat?: RequestFormat;
  db?: string;
  port: number;
  host: string;
  /** Where people open the radiator, when not at host:port (a reverse proxy, a tunnel). */
  publicUrl?: URL;
  readToken: boolean;
  window?: string;
  today?: string;
  title: string;
  quiet: boolean;
  /** Serving the demo: its token command is `orgwire token create --demo`. */
  demo?: boolean;
  /** A folder of scenarios (`*.yaml`) the What-if page can load. */
  scenarios?: string;
  /** Resolves when the server should stop; by default on SIGINT or SIGTERM. */
  stopped?: Promise<unknown>;
}

/**
 * `orgwire serve`: brings the store up to date, analyses once, and serves the radiator —
 * the JSON API and the UI — until interrupted. Writes (check-ins, readings, learnings)
 * go to the store and show at once.
 */
export async function serveRadiator(
  io: Io,
  config: LoadedConfig,
  options: ServeOptions,
): Promise<number> {
  if (options.repos.length === 0) {
    throw new AppError(
      'invalid-input',
      'No repository to analyse.',
      'Pass --repo DIR or --repo-root DIR (either repeatable), or --demo to see the demo organisation.',
    );
  }
  const window = windowFlags(options.window === undefined ? {} : { window: options.window });
  // Checked before anything is read; a server that runs for days judges bets by each day.
  todayFlag(options.today);
  const span = config.config.drift?.weeks ?? DRIFT_TRAILING_WEEKS;
  const scenarios = options.scenarios ? await readScenarios(io, options.scenarios) : [];
  const staticDir = existsSync(WEB_DIR) ? WEB_DIR : undefined;
  const store = await openStore(io, options.db);
  try {
    // Before the long analysis: a weak ORGWIRE_TOKEN is refused at once.
    const auth = createAuthorizer({
      tokens: () => store.tokens(),
      touch: (hash, at) => store.touchToken(hash, at),
      // Set but empty is unset, as in most shells' `VAR= command`.
      envToken: process.env.ORGWIRE_TOKEN || undefined,
    });
    // Made once the first radiator is served; the app asks it through these.
    let refresher: Refresher | undefined;
    const refresh = {
      start: () => refresher?.start() ?? { started: false },
      status: () => (refresher as Refresher).status(),
    };

    /**
     * Everything the radiator serves, read afresh: the catalog and ownership files, what is
     * new in the repositories (those below --repo-root found again), the analysis, drift.
     */
    const build = async (readAt: Date, first: boolean): Promise<Built> => {
      const repos = options.discover ? await options.discover() : options.repos;
      const quiet = options.quiet || !first;
      const today = todayFlag(options.today, readAt);
      // The Trends page: the wiring week by week, with the catalog as it was.
      const catalog = await catalogWithHistory(io, config, { ...options, repos, quiet });
      const { loaded, ownership, read } = catalog;
      if (!quiet) io.err('Reading the history and analysing it…\n');
      const flags: ReportFlags = {
        ...options,
        repos,
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
      // Nothing new since the series was kept (a restart, a refresh that found no commit):
      // the kept weeks are the answer, and only the window's history is read.
      const kept = await keptDriftSeries(store, cache);
      // Likewise the overview trend's earlier windows: then only the window is read.
      const trendShape = { window, windows: TREND_WINDOWS };
      const earlierTrend = kept ? await keptTrend(store, cache, trendShape) : undefined;
      const analysed = await buildReport(
        store,
        loaded.catalog,
        await withOwnershipHistory(catalog, input),
        {
          ...reportOptions(config, flags, input),
          ...(earlierTrend ? { trend: 1 } : {}),
          ...(kept
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
      if (!earlierTrend)
        await keepTrend(store, cache, trendShape, (report.trend ?? []).slice(0, -1));
      const series = kept ?? report.drift ?? [];
      if (read && read.list.length > 0 && !quiet) io.err(`${versionsUsed(read, series)}\n`);
      // Drift covers the whole history: every period's radiator shares it.
      const drift = driftReport(series, span, config.config.drift, loaded.catalog.bets);
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
          drift,
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
        suggestion: () =>
          suggestBoundaries(store, loaded.catalog, input.repositories, whatIfOptions),
        scenarios,
        refresh,
        hosts: {
          host: options.host,
          ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
        },
        ...(staticDir ? { staticDir } : {}),
      });
      /**
       * Applies what was written through the radiator before this one was served but after
       * it read the records (a check-in sent to the radiator it replaces).
       */
      const catchUp = async () => {
        for (const r of await store.checkins()) if (r.id > written.checkins) radiator.addCheckin(r);
        for (const r of await store.readings()) if (r.id > written.readings) radiator.addReading(r);
        for (const r of await store.learnings())
          if (r.id > written.learnings) radiator.addLearning(r);
      };
      return { app, catchUp };
    };

    const startedAt = new Date();
    const first = await build(startedAt, true);
    const board = createSwitchboard(first.app);
    refresher = createRefresher({
      servedSince: startedAt,
      ...(options.refresh === undefined ? {} : { every: options.refresh }),
      run: async () => {
        const next = await build(new Date(), false);
        // Every request from here on is answered by the new radiator; once the old one has
        // answered its last, what was written through it is applied to the new.
        await board.swap(next.app);
        await next.catchUp();
      },
      onError: (error) =>
        io.err(
          `${pc.yellow('note:')} the refresh failed, and the radiator read before it is still served: ${error instanceof Error ? error.message : String(error)}\n`,
        ),
    });
    if (!staticDir)
      io.err(
        `${pc.yellow('note:')} the UI is not built (run \`npm run build\`); serving the API only.\n`,
      );
    let server: Awaited<ReturnType<typeof listen>>;
    try {
      server = await listen(board, options.port, options.host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new AppError(
        'invalid-input',
        `Cannot listen on ${options.host}:${options.port}: ${code ?? (error as Error).message}.`,
        code === 'EADDRINUSE'
          ? 'Another program uses that port: pass --port with another one (0 picks a free one).'
          : 'Pass --host and --port that this machine can bind.',
      );
    }
    // Loud even with --quiet: the catalog's names and e-mails are then everyone's to read.
    if (!options.readToken && !isLoopbackAddress(options.host)) {
      io.err(
        `${pc.bold(pc.red('warning:'))} listening on ${options.host} without --read-token: anyone who can reach this machine on the network can read the radiator — every person's name and e-mail, teams, bets and learnings. Add --read-token (reads then need a token, as writes do), or listen on 127.0.0.1 behind a proxy that checks who is asking.\n`,
      );
    }
    io.out(`orgwire radiator: ${server.url}\n`);
    if (!options.quiet) {
      io.err(
        pc.dim(
          `${options.readToken ? 'Reads and writes' : 'Writes'} need a token: \`orgwire token create${options.demo ? ' --demo' : options.db ? ` --db ${describeDb(dbConfig(io, options.db))}` : ''}\`, or set ORGWIRE_TOKEN. Ctrl-C stops.\n`,
        ),
      );
    }
    await (options.stopped ?? interrupted());
    await server.close();
    await refresher.stop();
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * The scenarios in `dir` (`*.yaml`, `*.yml`), by file name, for the What-if page to load.
 * One that is not a valid scenario is left out with its problems shown: an example that went
 * stale must not keep the radiator from starting.
 */
async function readScenarios(io: Io, dir: string): Promise<ShippedScenario[]> {
  const folder = resolve(io.cwd, dir);
  let files: string[];
  try {
    files = (await readdir(folder)).filter((f) => /\.ya?ml$/i.test(f)).sort();
  } catch (error) {
    throw new AppError(
      'invalid-input',
      `Cannot read the scenarios folder ${displayPath(io.cwd, folder)} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      'Pass --scenarios a folder of Scenario files (YAML).',
    );
  }
  const shipped: ShippedScenario[] = [];
  for (const file of files) {
    const shownAs = displayPath(io.cwd, join(folder, file));
    const parsed = parseScenario(
      await readTextFile(join(folder, file), { shownAs, what: 'scenario' }),
      shownAs,
    );
    const { scenario } = parsed;
    if (!scenario) {
      for (const problem of parsed.problems) io.err(`${formatProblem(problem)}\n`);
      io.err(`${pc.yellow('note:')} ${shownAs} is left out of the What-if page's scenarios.\n`);
      continue;
    }
    shipped.push({
      name: scenario.name,
      description: scenario.description ?? null,
      document: scenarioDocument(scenario),
    });
  }
  return shipped;
}

/** A radiator ready to serve, and how to bring it up to the writes made since it was read. */
interface Built {
  app: FetchHandler;
  catchUp: () => Promise<void>;
}

function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
