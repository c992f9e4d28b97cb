import { resolve } from 'node:path';
import { type CouplingOptions, DEFAULT_COUPLING } from '../../analysis/index.js';
import {
  displayPath,
  type RepositoryOwnershipFiles,
  type RequestFormat,
  readCatalogHistory,
  repositoryLabel,
} from '../../ingest/index.js';
import {
  type Catalog,
  hasErrors,
  type LoadedCatalog,
  type RequestRecord,
} from '../../model/index.js';
import type { Store } from '../../store/index.js';
import {
  buildReport,
  ingestRepositories,
  type Report,
  type ReportOptions,
} from '../../usecases/index.js';
import { catalogOrEmpty, loadCatalogVersion } from '../catalog-or-empty.js';
import { catalogPaths, type LoadedConfig } from '../context.js';
import { type Io, JSON_VERSION } from '../io.js';
import { openStore } from '../open-store.js';
import { ownershipAsOf } from '../ownership-as-of.js';
import { ingestProgress, progressMode } from '../progress.js';
import { plural } from '../render.js';
import { renderReportMarkdown, renderReportTable } from '../render-report.js';
import { checkSince, todayFlag, type WindowFlags, windowFlags } from '../window-flags.js';
import { writeAtomically } from '../write-atomically.js';
import { printBets } from './bets.js';
import { renamesNote } from './ingest.js';
import { ingestRequests } from './queues.js';
import { entityCounts } from './validate.js';

export type ReportFormat = 'table' | 'json' | 'md';

export interface AnalyzeOptions {
  catalog?: string[];
  repos: string[];
  /** Repositories read at the same time (default 1). */
  jobs?: number;
  db?: string;
  format: ReportFormat;
  out?: string;
  since?: string;
  until?: string;
  window?: string;
  files: boolean;
  coupling: CouplingOptions;
  includeBots: boolean;
  merges: boolean;
  lines: boolean;
  quiet: boolean;
  /** A title for the Markdown report. */
  title?: string;
  /** `YYYY-MM-DD` for the bets' decide-by dates; default the clock's today. */
  today?: string;
  /** Print only the bets board (`orgwire bets --repo`). */
  only?: 'bets';
  /** Request-queue exports: their queues, and the waits of the bets. */
  requests?: string[];
  requestsFormat?: RequestFormat;
  requestsRepo?: string;
  /** `--ignore` patterns, after orgwire.yaml's `ignore`. */
  ignore?: string[];
  minWeight?: number;
  /** `--component-depth`: folders cut at this depth instead of split by size. */
  componentDepth?: number;
}

/**
 * `orgwire analyze`: ingests what is new in the repositories, then reports coordination,
 * ownership, change coupling and identities over the window.
 */
export async function analyze(
  io: Io,
  config: LoadedConfig,
  options: AnalyzeOptions,
): Promise<number> {
  const window = windowFlags(options);
  const today = todayFlag(options.today);
  const current = await catalogOrEmpty(io, config, options.catalog, options.repos);
  const { dir, ownership } = current;
  // A past window is analysed with the catalog as it was at its end, when git knows it.
  const loaded =
    window.until !== undefined && dir
      ? await catalogAsOf(io, catalogPaths(io, config, options.catalog), window.until, current)
      : current.loaded;
  // And with the ownership files as they were then.
  const owned =
    window.until !== undefined ? await ownershipAsOf(io, ownership, window.until) : ownership;
  const store = await openStore(io, options.db);
  let report: Report;
  try {
    report = await ingestAndReport(io, config, loaded.catalog, store, {
      ...options,
      today,
      window,
      ownership: owned,
    });
  } finally {
    await store.close();
  }

  const fromFiles = ownershipFilesLine(ownership);
  const catalogLine = dir
    ? `Catalog ${dir}: ${countsLine(entityCounts(loaded.catalog))} — valid.${fromFiles ? ` ${fromFiles}` : ''}`
    : fromFiles && loaded.catalog.groups.length > 0
      ? `No catalog: teams and people from the repositories' ownership files (${countsLine(entityCounts(loaded.catalog))}). ${fromFiles}`
      : 'No catalog: components are folders and CODEOWNERS rules; teams are inferred from who works on what.';
  if (options.only === 'bets') {
    printBets(io, report.bets, options.format === 'json' ? 'json' : 'table');
    return 0;
  }
  const text =
    options.format === 'json'
      ? `${JSON.stringify({ version: JSON_VERSION, catalog: { dir: dir ?? null, entities: entityCounts(loaded.catalog) }, ...report }, null, 2)}\n`
      : options.format === 'md'
        ? renderReportMarkdown(report, options.title ?? 'How the organisation is wired')
        : renderReportTable(report, catalogLine);
  if (options.out) {
    await writeAtomically(
      resolve(io.cwd, options.out),
      text,
      'Pass --out with a path in a folder you can write to.',
    );
    if (!options.quiet) io.err(`Wrote ${options.out}.\n`);
  } else {
    io.out(text);
  }
  return 0;
}

/** What a report is built from: the options `analyze`, `serve` and `drift` share. */
export type ReportFlags = Pick<
  AnalyzeOptions,
  | 'repos'
  | 'jobs'
  | 'merges'
  | 'lines'
  | 'quiet'
  | 'requests'
  | 'requestsFormat'
  | 'requestsRepo'
  | 'coupling'
  | 'files'
  | 'includeBots'
  | 'ignore'
  | 'minWeight'
  | 'componentDepth'
> & {
  today: string | undefined;
  window: WindowFlags;
  trend?: number;
  /** What each repository's ownership files say, read with the catalog. */
  ownership?: ReadonlyMap<string, RepositoryOwnershipFiles>;
  /** Also the weekly series over the whole history (`orgwire drift`). */
  drift?: ReportOptions['drift'];
};

/**
 * The report flags of commands that take no analysis options of their own (`drift`,
 * `whatif`): first-parent commits, no line counts, no file coupling, bots left out, the
 * default coupling filters.
 */
export function plainReportFlags(
  options: { repos: string[]; quiet: boolean; requests?: string[]; ignore?: string[] },
  window: WindowFlags,
  ownership: ReadonlyMap<string, RepositoryOwnershipFiles>,
): ReportFlags {
  return {
    repos: options.repos,
    merges: false,
    lines: false,
    quiet: options.quiet,
    coupling: DEFAULT_COUPLING,
    files: false,
    includeBots: false,
    ...(options.requests ? { requests: options.requests } : {}),
    ...(options.ignore ? { ignore: options.ignore } : {}),
    today: todayFlag(undefined),
    window,
    ownership,
  };
}

/** The repositories and requests, in the store and up to date: what a report is built from. */
export interface ReportInput {
  repositories: Parameters<typeof buildReport>[2];
  requests: RequestRecord[];
}

/** What `analyze` and `serve` share: bring the store up to date, then build the report. */
export async function ingestAndReport(
  io: Io,
  config: LoadedConfig,
  catalog: Catalog,
  store: Store,
  options: ReportFlags,
): Promise<Report> {
  const input = await ingestForReport(io, config, catalog, store, options);
  return buildReport(store, catalog, input.repositories, reportOptions(config, options, input));
}

/**
 * Brings the store up to date with the repositories (said when a history was rewritten)
 * and the request exports, and checks `--since` against the history.
 */
export async function ingestForReport(
  io: Io,
  config: LoadedConfig,
  catalog: Catalog,
  store: Store,
  options: ReportFlags,
): Promise<ReportInput> {
  const progress = ingestProgress(io, progressMode(options.quiet), options.repos.length);
  const ingested = await ingestRepositories(
    store,
    options.repos.map((r) => resolve(io.cwd, r)),
    {
      merges: options.merges,
      lines: options.lines,
      ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
      ...progress.options,
    },
  ).finally(progress.stop);
  for (const r of ingested) {
    if (options.quiet) break;
    if (r.rewritten)
      io.err(
        `${r.label}: its history was rewritten (a force-push?), so it was read again from the start.\n`,
      );
    const note = renamesNote(r);
    if (note) io.err(note);
  }
  const range = await store.timeRange(ingested.map((r) => r.repositoryId));
  checkSince(options.window, range?.newest, 'commit');
  if (options.requests?.length)
    await ingestRequests(io, config, catalog, store, options.requests, {
      format: options.requestsFormat,
      repository: options.requestsRepo,
    });
  const requests = await store.requests();
  return {
    repositories: ingested.map((r, i) => ({
      dir: options.repos[i] as string,
      absolute: resolve(io.cwd, options.repos[i] as string),
      label: repositoryLabel(r.dir),
      repositoryId: r.repositoryId,
      shownAs: displayPath(io.cwd, options.repos[i] as string),
      ownership: options.ownership?.get(resolve(io.cwd, options.repos[i] as string)),
    })),
    requests,
  };
}

/** The report's options from the flags and orgwire.yaml. */
export function reportOptions(
  config: LoadedConfig,
  options: ReportFlags,
  input: Pick<ReportInput, 'requests'>,
): ReportOptions {
  const bots = config.config.identities?.bots;
  return {
    ...options.window,
    coupling: options.coupling,
    files: options.files,
    merges: options.merges,
    ...(options.today === undefined ? {} : { today: options.today }),
    ...(options.trend === undefined ? {} : { trend: options.trend }),
    requests: input.requests,
    bots: { include: options.includeBots || bots?.include === true, extra: bots?.extra ?? [] },
    ignore: [
      ...(config.config.ignore ?? []).map((pattern) => ({ pattern, source: 'orgwire.yaml' })),
      ...(options.ignore ?? []).map((pattern) => ({ pattern, source: '--ignore' })),
    ],
    ...minWeight(options.minWeight ?? config.config.needs?.minWeight),
    aliases: config.config.identities?.aliases ?? {},
    ...(options.componentDepth === undefined ? {} : { componentDepth: options.componentDepth }),
    ...(options.drift ? { drift: options.drift } : {}),
  };
}

const minWeight = (n: number | undefined) => (n === undefined ? {} : { minWeight: n });

const FORMAT_NAME: Record<string, string> = {
  owners: 'OWNERS',
  maintainers: 'MAINTAINERS',
  'gitlab-codeowners': 'GitLab CODEOWNERS',
};

/** `Read OWNERS (16 files), MAINTAINERS (1 file).`, or undefined when none was read. */
function ownershipFilesLine(
  ownership: ReadonlyMap<string, RepositoryOwnershipFiles>,
): string | undefined {
  const files = new Map<string, number>();
  for (const { readings } of ownership.values())
    for (const r of readings)
      files.set(
        FORMAT_NAME[r.format] ?? r.format,
        (files.get(FORMAT_NAME[r.format] ?? r.format) ?? 0) + r.files.length,
      );
  if (files.size === 0) return undefined;
  return `Read ${[...files].map(([name, n]) => `${name} (${plural(n, 'file')})`).join(', ')}.`;
}

/**
 * The catalog in force at `until` (seconds), from the catalog's git history, with the teams
 * the repositories' ownership files declare; today's when the catalog has not changed since,
 * is outside git, or was invalid then (each said once).
 */
async function catalogAsOf(
  io: Io,
  paths: readonly string[],
  until: number,
  current: Awaited<ReturnType<typeof catalogOrEmpty>>,
): Promise<LoadedCatalog> {
  const history = await readCatalogHistory(paths, [until], io.cwd);
  const version = (await history?.load())?.[0];
  // Before its first version the catalog did not exist (or lives on another timeline).
  if (!history || !version || version.commit === history.latest || version.time > until)
    return current.loaded;
  const then = loadCatalogVersion(version.sources, current.ownership);
  const day = new Date(until * 1000).toISOString().slice(0, 10);
  if (hasErrors(then.problems)) {
    io.err(
      `The catalog as it was on ${day} (${version.commit.slice(0, 7)} in ${history.repository}) has errors: today\u2019s is used.\n`,
    );
    return current.loaded;
  }
  io.err(`Catalog as it was on ${day}: ${version.commit.slice(0, 7)} in ${history.repository}.\n`);
  return then;
}

function countsLine(counts: Record<string, number>): string {
  return (
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ') || 'no entities'
  );
}
