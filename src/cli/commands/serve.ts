import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pc from 'picocolors';
import { AppError } from '../../errors.js';
import { displayPath } from '../../ingest/display-path.js';
import { readTextFile } from '../../ingest/read-text-file.js';
import type { ShippedScenario } from '../../server/api-types.js';
// This process takes connections and hands them on; the radiators are built and served in
// their workers. It imports what it does, not the server's barrel (the analysis, the store,
// the app): a third of its memory.
import { forwardRequests, processChannel } from '../../server/forward.js';
import { isLoopbackAddress } from '../../server/host-guard.js';
import { listen } from '../../server/listen.js';
import { createRefresher, type RefreshControl, type Refresher } from '../../server/refresher.js';
import { createSwitchboard, type FetchHandler } from '../../server/switchboard.js';
import { describeDb } from '../../store/db-config.js';
import type { Io } from '../io.js';
import { dbConfig } from '../open-store.js';
import { formatProblem } from '../render.js';
import { EXIT } from '../report-error.js';
import { todayFlag, windowFlags } from '../window-flags.js';
import type { RadiatorSettings, ServeSays, WorkerSays } from './radiator-worker.js';

/** The built UI, beside the built server (`dist/web`). */
const WEB_DIR = fileURLToPath(new URL('../../web', import.meta.url));

/** The module a radiator's process runs: it builds one radiator and serves it. */
const WORKER = new URL('./radiator-worker.js', import.meta.url);

/** How long a radiator being replaced gets to close its store and end before it is killed. */
const CLOSE_WAIT_MS = 10_000;

/** What `serve` is asked: what each radiator's worker is given, and what this thread keeps. */
export interface ServeOptions
  extends Omit<RadiatorSettings, 'publicUrl' | 'scenarios' | 'staticDir'> {
  port: number;
  /** Where people open the radiator, when not at host:port (a reverse proxy, a tunnel). */
  publicUrl?: URL;
  /** Serving the demo: its token command is `orgwire token create --demo`. */
  demo?: boolean;
  /** A folder of scenarios (`*.yaml`) the What-if page can load. */
  scenarios?: string;
  /** Resolves when the server should stop; by default on SIGINT or SIGTERM. */
  stopped?: Promise<unknown>;
}

/**
 * `orgwire serve`: brings the store up to date, analyses, and serves the radiator — the JSON
 * API and the UI — until interrupted, reading again on `--refresh` and on request. Writes
 * (check-ins, readings, learnings) go to the store and show at once.
 *
 * Each radiator is built and served in a child process (`radiator-worker.ts`); this process
 * takes the connections and forwards each request to the one serving now. A refresh builds
 * the next radiator in a process of its own while the one before goes on answering, then
 * swaps them: no request waits on an analysis.
 */
export async function serveRadiator(io: Io, options: ServeOptions): Promise<number> {
  // Checked before anything is read; a server that runs for days judges bets by each day.
  windowFlags(options.window === undefined ? {} : { window: options.window });
  todayFlag(options.today);
  const { port, stopped, demo, publicUrl, scenarios: scenarioDir, ...rest } = options;
  const settings: RadiatorSettings = {
    ...rest,
    ...(publicUrl === undefined ? {} : { publicUrl: publicUrl.href }),
    scenarios: scenarioDir ? await readScenarios(io, scenarioDir) : [],
    ...(existsSync(WEB_DIR) ? { staticDir: WEB_DIR } : {}),
  };
  // Made once the first radiator is served; the workers ask it through `start`.
  let refresher: Refresher | undefined;
  // A worker that dies while serving (out of memory, say) takes the server down: a service
  // manager restarts it, where a server that answers nothing would be left running.
  let lose: (why: string) => void = () => {};
  const lost = new Promise<string>((resolve) => {
    lose = resolve;
  });
  // Stopping ends a refresh's worker where it stands: a service manager need not wait for an
  // analysis nobody will see.
  const stopping = new AbortController();
  const start = (readAt: Date, first: boolean) =>
    startRadiator(
      io,
      settings,
      { readAt, first, onLost: lose, signal: stopping.signal },
      {
        start: () => refresher?.start() ?? { started: false },
        status: () => (refresher as Refresher).status(),
      },
    );

  const startedAt = new Date();
  let first: RadiatorWorker;
  try {
    first = await start(startedAt, true);
  } catch (error) {
    if (!(error instanceof NotBuilt)) throw error;
    io.err(error.printed);
    return error.status;
  }
  let serving = first;
  const board = createSwitchboard(first);
  refresher = createRefresher({
    servedSince: startedAt,
    ...(options.refresh === undefined ? {} : { every: options.refresh }),
    run: async (begun, served) => {
      const next = await start(begun, false);
      if (serving.measuring && !options.quiet)
        io.err(`The history is measured: the Trends page and the overview's trend are complete.\n`);
      // Every request from here on is answered by the new radiator; once the old one has
      // answered its last, what was written through it is applied to the new.
      const old = serving;
      serving = next;
      const drained = board.swap(next);
      served();
      await drained;
      await next.catchUp();
      await old.close();
    },
    onError: (error) => {
      if (stopping.signal.aborted) return;
      io.err(
        `${pc.yellow('note:')} the refresh failed, and the radiator read before it is still served:\n${error instanceof NotBuilt ? error.printed : `${String(error)}\n`}`,
      );
    },
  });
  if (!settings.staticDir)
    io.err(
      `${pc.yellow('note:')} the UI is not built (run \`npm run build\`); serving the API only.\n`,
    );
  let server: Awaited<ReturnType<typeof listen>>;
  try {
    server = await listen(board, port, options.host);
  } catch (error) {
    await serving.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      'invalid-input',
      `Cannot listen on ${options.host}:${port}: ${code ?? (error as Error).message}.`,
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
        `${options.readToken ? 'Reads and writes' : 'Writes'} need a token: \`orgwire token create${demo ? ' --demo' : options.db ? ` --db ${describeDb(dbConfig(io, options.db))}` : ''}\`, or set ORGWIRE_TOKEN. Ctrl-C stops.\n`,
      ),
    );
  }
  // Served the window alone: the history is measured by a refresh that starts now.
  if (first.measuring) {
    if (!options.quiet)
      io.err(
        `Serving the window; measuring the history week by week in the background (the Trends page fills in when it is done; --history first waits for it instead).\n`,
      );
    refresher.start();
  }
  const why = await Promise.race([(stopped ?? interrupted()).then(() => undefined), lost]);
  await server.close();
  stopping.abort();
  await refresher.stop();
  await serving.close();
  if (why === undefined) return 0;
  io.err(`${pc.red('error:')} the radiator stopped: ${why}\n`);
  return 1;
}

/** A radiator being built or served in a worker. */
interface RadiatorWorker extends FetchHandler {
  /** It serves the window alone: the history is still to be measured (`--history`). */
  measuring: boolean;
  /** Applies the writes made through the radiator it replaced (after the swap). */
  catchUp(): Promise<void>;
  /** Closes its store and ends the worker. */
  close(): Promise<void>;
}

/** A radiator that could not be built: what the CLI prints for it, and its exit status. */
class NotBuilt extends Error {
  constructor(
    message: string,
    readonly printed: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Starts a worker that builds a radiator, and resolves once it serves; rejects with
 * `NotBuilt` when the build fails or the worker dies first.
 */
async function startRadiator(
  io: Io,
  settings: RadiatorSettings,
  when: {
    readAt: Date;
    first: boolean;
    /** Told if the worker ends unasked once it serves. */
    onLost: (why: string) => void;
    /** Ends the worker while it builds (the server is stopping). */
    signal: AbortSignal;
  },
  refresh: RefreshControl,
): Promise<RadiatorWorker> {
  const { readAt, first } = when;
  // Its standard output and error are this process's: progress draws on this terminal.
  const worker = fork(fileURLToPath(WORKER), [], {
    cwd: io.cwd,
    // Its heap grows by half of what it holds after each full collection, not by V8's default
    // of up to four times: on 1,000 teams, when measured (b833ca7), a restart's radiator
    // peaked at 500–550 MB, not 650, and the refresh measuring the history at 1.5 GB, not
    // 2.4 GB, for 5–10 % more time. A refresh's collections on every core would stall the
    // radiator serving meanwhile (on 2 cores, reads' p99 went from 30 to 58 ms; 38 ms with
    // this): one thread does them, beside the one analysing. The first radiator has nobody
    // to keep waiting.
    execArgv: [
      ...process.execArgv,
      '--heap-growing-percent=50',
      ...(first ? [] : ['--single-threaded-gc']),
    ],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const channel = processChannel(worker);
  const tell = (message: ServeSays) => channel.post(message);
  tell({ type: 'job', job: { settings, readAt: readAt.toISOString(), first } });
  // It takes no signal but SIGKILL: the others reach it with this process's (a Ctrl-C).
  const abandon = () => void worker.kill('SIGKILL');
  when.signal.addEventListener('abort', abandon, { once: true });
  const requests = forwardRequests(channel);
  const waiting: Partial<Record<'ready' | 'caught-up', () => void>> = {};
  const next = (what: keyof typeof waiting) =>
    new Promise<void>((resolve) => {
      waiting[what] = resolve;
    });
  let closing = false;
  let exited = false;
  const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let failed: ((said: Extract<WorkerSays, { type: 'failed' }>) => void) | undefined;
  const lost = new Promise<string>((resolve) => {
    // An IPC send to a process that is ending emits 'error' too: every one is listened to
    // (one unheard would end this process), and only a process not being closed is lost.
    worker.on('error', (error) => {
      if (!closing && !exited) resolve(error.stack ?? error.message);
    });
    worker.once('exit', (code, signal) => {
      exited = true;
      requests.close('The radiator being served has stopped.');
      // What it was asked to do ends with it; one that is not ready never will be.
      waiting['caught-up']?.();
      if (!closing) resolve(`its process ended (${code ?? signal}).`);
    });
  });
  channel.on('message', async (received) => {
    const said = received as WorkerSays | { http: string };
    if ('http' in said) return;
    if (said.type === 'failed') failed?.(said);
    else if (said.type === 'refresh') {
      const answer = await (said.ask === 'start' ? refresh.start() : refresh.status());
      tell({ type: 'refresh', id: said.id, answer });
    } else {
      if (said.type === 'ready') measuring = said.measuring;
      const done = waiting[said.type];
      delete waiting[said.type];
      done?.();
    }
  });
  const close = async () => {
    if (closing || exited) return;
    closing = true;
    // It closes its store and ends. One busy past this (a long analysis for another period)
    // is ended as it stands: its store has nothing left to write.
    tell({ type: 'close' });
    await Promise.race([ended, setTimeout(CLOSE_WAIT_MS, undefined, { ref: false })]);
    if (!exited) worker.kill('SIGKILL');
    await ended;
  };
  let measuring = false;
  const outcome = await Promise.race([
    next('ready').then(() => undefined),
    new Promise<Extract<WorkerSays, { type: 'failed' }>>((resolve) => {
      failed = resolve;
    }),
    lost.then((why) => ({
      type: 'failed' as const,
      message: why,
      text: `${pc.red('error:')} the radiator could not be built: ${why}\n`,
      status: EXIT.internal,
    })),
  ]);
  when.signal.removeEventListener('abort', abandon);
  if (outcome !== undefined) {
    await close();
    throw new NotBuilt(outcome.message, outcome.text, outcome.status);
  }
  void lost.then(when.onLost);
  return {
    measuring,
    fetch: (request, env) => requests.fetch(request, env),
    catchUp: async () => {
      const done = next('caught-up');
      tell({ type: 'catch-up' });
      await done;
    },
    close,
  };
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
  const [{ parseScenario }, { scenarioDocument }] = await Promise.all([
    import('../../model/index.js'),
    import('../../server/what-if-view.js'),
  ]);
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
