import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
// Only what defines the commands and their options is imported here: each command's modules
// load when it runs, so `--help` and a command that needs little start at once, and `serve`'s
// process that only takes connections holds none of the analysis.
import { DEFAULT_COUPLING } from '../analysis/change-coupling.js';
import { DRIFT_TRAILING_WEEKS } from '../analysis/drift/drift-types.js';
import { DEMO_END_DATE } from '../demo/demo-history.js';
import { DEMO_CATALOG, DEMO_CONFIG, DEMO_REQUESTS, ensureDemoRepo } from '../demo/demo-paths.js';
import { AppError } from '../errors.js';
import { REQUEST_FORMATS, type RequestFormat } from '../ingest/request-types.js';
import { DEFAULT_MIN_WEIGHT } from '../usecases/headline-needs.js';
import type { ReportFormat } from './commands/analyze.js';
import type { HistoryWhen } from './commands/radiator-worker.js';
import { type Io, OUTPUT_FORMATS, type OutputFormat } from './io.js';
import { DEFAULT_DB } from './open-store.js';
import { EXIT, reportError } from './report-error.js';
import {
  addRepositoryOptions,
  collect,
  type RepositoryFlags,
  repositoriesOf,
} from './repository-flags.js';

const VERSION = '0.1.0';

/** The scenarios shipped with the demo, beside its catalog: the What-if page loads them. */
const DEMO_SCENARIOS = join(dirname(DEMO_CATALOG), 'scenarios');

/** The demo's store, apart from the user's own. */
const DEMO_DB = '.orgwire/demo/orgwire.db';

const formatOption = () =>
  new Option('--format <format>', 'output format')
    .choices(OUTPUT_FORMATS)
    .default('table' as OutputFormat);
const catalogOption = () =>
  new Option(
    '--catalog <path>',
    'a catalog folder or a team file (peribolos); repeat for several (default: ./catalog, or `catalog` in orgwire.yaml)',
  ).argParser(collect);

/** `--ignore`: noise left out of the analysis, for the commands that run one. */
const ignoreOption = () =>
  new Option(
    '--ignore <glob>',
    'leave paths out of every analysis: a gitignore-style pattern (repeat for several)',
  ).argParser(collect);
/** `--min-weight`: what the headline shows, for the commands that run an analysis. */
const minWeightOption = () =>
  new Option(
    '--min-weight <n>',
    `the least weight of a need the headline shows (default ${DEFAULT_MIN_WEIGHT}; the JSON keeps all)`,
  ).argParser((value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0)
      throw new InvalidArgumentError(`--min-weight takes a number ≥ 0, not "${value}".`);
    return n;
  });

/** `--component-depth`: folders nothing else owns, cut at a depth rather than by size. */
const componentDepthOption = () =>
  new Option(
    '--component-depth <n>',
    'folders that no catalog path or ownership file covers become components this deep (1 = top-level); default: a folder holding more than 20 % of the changes is split',
  ).argParser((value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new InvalidArgumentError(`--component-depth takes a whole number ≥ 1, not "${value}".`);
    return n;
  });

const examples = (lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

/** Runs the CLI with `argv` (without node and script) and returns the exit status. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let status: number = EXIT.ok;
  const program = new Command('orgwire')
    .description('See how an engineering organisation is wired, measured from the work itself.')
    .version(VERSION)
    .option('--config <file>', 'settings file (default: ./orgwire.yaml when it exists)')
    .exitOverride()
    .configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      outputError: (text, write) => write(text),
    })
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      examples([
        'orgwire init',
        'orgwire validate --catalog catalog',
        'orgwire analyze --repo .',
        'orgwire owners services/checkout/api.ts --repo .',
        'orgwire analyze --demo',
      ]),
    );
  /** `--config`, else the demo's with `--demo`; none: `orgwire.yaml` here when there is one. */
  const configFlag = (demo?: boolean) =>
    program.opts<{ config?: string }>().config ?? (demo ? DEMO_CONFIG : undefined);
  const config = async (demo?: boolean) =>
    (await import('./context.js')).loadConfig(io, configFlag(demo));

  program
    .command('validate')
    .description(
      'check a catalog: every problem at once, with file:line:column and a hint (exit 2 on any error)',
    )
    .addOption(catalogOption())
    .option(
      '--repo <dir>',
      "also check a repository's OWNERS, MAINTAINERS or GitLab CODEOWNERS (repeat for several)",
      collect,
    )
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples([
        'orgwire validate',
        'orgwire validate --catalog ../backstage/catalog --format json',
        'orgwire validate --catalog org/config/kubernetes --repo ../kubernetes',
      ]),
    )
    .action(async (opts: { catalog?: string[]; repo?: string[]; format: OutputFormat }) => {
      const loaded = await config();
      const { catalogPaths } = await import('./context.js');
      const paths = catalogPaths(io, loaded, opts.catalog);
      // With --repo, a missing default ./catalog is no catalog, not an error.
      const none = opts.repo?.length && !opts.catalog?.length && !loaded.config.catalog;
      const { validate } = await import('./commands/validate.js');
      status = await validate(io, {
        catalog: none && !paths.every((p) => existsSync(p)) ? [] : paths,
        ...(opts.repo ? { repos: opts.repo } : {}),
        format: opts.format,
      });
    });

  program
    .command('init')
    .description('write a small commented starter catalog into DIR (default ./catalog)')
    .argument('[dir]', 'folder to create', 'catalog')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples([
        'orgwire init',
        'orgwire init org/catalog && orgwire validate --catalog org/catalog',
      ]),
    )
    .action(async (dir: string, opts: { format: OutputFormat }) => {
      const { init } = await import('./commands/init.js');
      status = await init(io, { dir, format: opts.format });
    });

  program
    .command('owners')
    .description(
      'say which component and team own each path, and which rule decided it; --check gates CODEOWNERS (exit 1 on a finding)',
    )
    .argument('[paths...]', 'paths in the repository (none with --check)')
    .option('--repo <dir>', 'the git repository', '.')
    .addOption(catalogOption())
    .option(
      '--check',
      'check CODEOWNERS instead: unknown owners (with a did-you-mean), rules that match no file at HEAD or that later rules override, lines GitHub skips',
    )
    .option('--demo', 'use the demo organisation')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples([
        'orgwire owners services/checkout/api.ts infra/main.tf --repo ~/src/shop --catalog catalog',
        'orgwire owners --demo infra/terraform/billing/main.tf --format json',
        'orgwire owners --check --repo ~/src/shop --catalog catalog',
      ]),
    )
    .action(
      async (
        paths: string[],
        opts: {
          repo: string;
          catalog?: string[];
          check?: boolean;
          demo?: boolean;
          format: OutputFormat;
        },
      ) => {
        const loaded = await config(opts.demo);
        const demo = opts.demo
          ? { catalog: [DEMO_CATALOG], repo: await ensureDemoRepo(io.cwd) }
          : {};
        const { owners } = await import('./commands/owners.js');
        status = await owners(io, loaded, { paths, ...opts, ...demo });
      },
    );

  const requestsOption = () =>
    new Option(
      '--requests <file>',
      'a request export: plain CSV, Jira CSV or JSON, Linear CSV, GitHub issues JSON (repeat for several)',
    ).argParser(collect);
  const requestsFormatOption = () =>
    new Option(
      '--requests-format <format>',
      "the exports' format (detected when not given)",
    ).choices(REQUEST_FORMATS);
  const requestsRepoOption = () =>
    new Option(
      '--requests-repo <owner/name>',
      'the repository of GitHub issues whose export does not name it (gh issue list)',
    ).argParser((value: string) => {
      if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(value))
        throw new InvalidArgumentError('write it as owner/name, e.g. acme/platform.');
      return value;
    });
  const dbOption = () =>
    new Option(
      '--db <file-or-url>',
      `the store: a SQLite file, or a postgres:// URL (default: $ORGWIRE_DB, else ${DEFAULT_DB})`,
    );
  const port = (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 65_535)
      throw new InvalidArgumentError(`--port takes a port number from 0 to 65535, not "${value}".`);
    return n;
  };
  const publicUrl = (value: string) => {
    const url = URL.canParse(value) ? new URL(value) : undefined;
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      throw new InvalidArgumentError(
        `--public-url takes an http:// or https:// URL, such as https://radiator.example.com/, not "${value}".`,
      );
    return url;
  };
  /** A duration such as 30s, 10m or 1h, in milliseconds; at least ten seconds. */
  const interval = (name: string) => (value: string) => {
    const match = /^(\d+)\s*(s|m|h)$/.exec(value.trim());
    const ms = match
      ? Number(match[1]) * { s: 1_000, m: 60_000, h: 3_600_000 }[match[2] as 's' | 'm' | 'h']
      : NaN;
    if (!(ms >= 10_000))
      throw new InvalidArgumentError(
        `${name} takes a duration of at least ten seconds, such as 30s, 10m or 1h, not "${value}".`,
      );
    return ms;
  };
  const whole = (name: string) => (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) {
      throw new InvalidArgumentError(`${name} takes a whole number, not "${value}".`);
    }
    return n;
  };

  addRepositoryOptions(
    program
      .command('ingest')
      .description(
        "read what is new in each repository's history, and request exports, into the store",
      ),
  )
    .addOption(requestsOption())
    .addOption(requestsFormatOption())
    .addOption(requestsRepoOption())
    .addOption(catalogOption())
    .addOption(dbOption())
    .option('--merges', 'keep merge commits (their files against the first parent)', false)
    .option('--lines', 'count lines added and deleted (about 8× slower)', false)
    .option('--quiet', 'no progress bar', false)
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples([
        'orgwire ingest --repo .',
        'orgwire ingest --repo ../shop --repo ../payments --db org.db',
        'orgwire ingest --repo-root ~/src --jobs 4 --db postgres://orgwire@db.internal/orgwire',
        'orgwire ingest --requests jira-export.csv --requests issues.json',
      ]),
    )
    .action(
      async (
        opts: RepositoryFlags & {
          requests?: string[];
          requestsFormat?: RequestFormat;
          requestsRepo?: string;
          catalog?: string[];
          db?: string;
          merges: boolean;
          lines: boolean;
          quiet: boolean;
          format: OutputFormat;
        },
      ) => {
        const repos = await repositoriesOf(io, opts);
        const named = opts.repo?.length || opts.repoRoot?.length || opts.reposFrom?.length;
        if (repos.length === 0 && !opts.requests?.length) {
          throw new AppError(
            'invalid-input',
            named
              ? 'No git repository found in the folders and lists given.'
              : 'Nothing to ingest.',
            named
              ? 'Check the paths given to --repo-root and --repos-from: a repository is a folder holding .git.'
              : 'Pass --repo DIR, --repo-root DIR, --repos-from FILE or --requests FILE (repeat any for several).',
          );
        }
        const { ingest } = await import('./commands/ingest.js');
        status = await ingest(io, await config(), {
          ...opts,
          jobs: opts.jobs ?? 1,
          repos,
          requests: opts.requests ?? [],
        });
      },
    );

  program
    .command('check')
    .description(
      'check goals, bets and teams against the alignment rules (exit 1 when an error-severity rule fires)',
    )
    .addOption(catalogOption())
    .option(
      '--today <date>',
      'the date to judge decide-by dates against (YYYY-MM-DD; default: today)',
    )
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples([
        'orgwire check',
        'orgwire check --catalog catalog --today 2026-11-22 --format json',
      ]),
    )
    .action(async (opts: { catalog?: string[]; today?: string; format: OutputFormat }) => {
      const { check } = await import('./commands/check.js');
      status = await check(io, await config(), opts);
    });

  program
    .command('bets')
    .description(
      'the bets board: teams each bet needs, handoffs, feasibility, impact; calibration; the review queue',
    )
    .addOption(catalogOption())
    .option(
      '--repo <dir>',
      'a git repository, to add unwired needs and stalled bets (repeat for several)',
      collect,
    )
    .option('--demo', 'the demo organisation')
    .addOption(dbOption())
    .option(
      '--today <date>',
      'the date to judge decide-by dates against (YYYY-MM-DD; default: today)',
    )
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples(['orgwire bets', 'orgwire bets --repo . --format json', 'orgwire bets --demo']),
    )
    .action(
      async (opts: {
        catalog?: string[];
        repo?: string[];
        demo?: boolean;
        db?: string;
        today?: string;
        format: OutputFormat;
      }) => {
        const loaded = await config(opts.demo);
        if (!opts.demo && !opts.repo?.length) {
          const { bets } = await import('./commands/bets.js');
          status = await bets(io, loaded, opts);
          return;
        }
        const demo = opts.demo ? await demoOptions(opts.db, opts.today) : undefined;
        const { analyze } = await import('./commands/analyze.js');
        status = await analyze(io, loaded, {
          ...(opts.catalog === undefined ? {} : { catalog: opts.catalog }),
          ...(opts.db === undefined ? {} : { db: opts.db }),
          ...(opts.today === undefined ? {} : { today: opts.today }),
          ...demo,
          repos: demo?.repos ?? opts.repo ?? [],
          format: opts.format,
          window: '90d',
          files: false,
          coupling: DEFAULT_COUPLING,
          includeBots: false,
          merges: false,
          lines: false,
          quiet: false,
          only: 'bets',
        });
      },
    );

  program
    .command('learnings')
    .description('the learnings feed, newest first: situation, complication, resolution, lessons')
    .addOption(catalogOption())
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['table', 'json', 'md'])
        .default('table'),
    )
    .addHelpText(
      'after',
      examples(['orgwire learnings', 'orgwire learnings --format md > learnings.md']),
    )
    .action(async (opts: { catalog?: string[]; format: 'table' | 'json' | 'md' }) => {
      const { learnings } = await import('./commands/learnings.js');
      status = await learnings(io, await config(), opts);
    });

  program
    .command('chains')
    .description(
      'synchronous dependency chains from the catalog: depth, compound availability, cycles',
    )
    .addOption(catalogOption())
    .option(
      '--max-depth <n>',
      'flag chains with more components than this',
      whole('--max-depth'),
      5,
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['table', 'json', 'md'])
        .default('table'),
    )
    .addHelpText(
      'after',
      examples(['orgwire chains', 'orgwire chains --catalog catalog --max-depth 4 --format json']),
    )
    .action(
      async (opts: { catalog?: string[]; maxDepth: number; format: 'table' | 'json' | 'md' }) => {
        const { chains } = await import('./commands/chains.js');
        status = await chains(io, await config(), opts);
      },
    );

  program
    .command('queues')
    .description(
      'request queues per providing team: lead time against the promise, backlog, requesters, remedies',
    )
    .addOption(catalogOption())
    .addOption(dbOption())
    .addOption(requestsOption())
    .addOption(requestsFormatOption())
    .addOption(requestsRepoOption())
    .option('--since <date>', 'first day of the window (YYYY-MM-DD)')
    .option('--until <date>', 'last day of the window (YYYY-MM-DD; default: the newest request)')
    .option('--window <length>', "the window's length when --since is not given", '90d')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['table', 'json', 'md'])
        .default('table'),
    )
    .addHelpText(
      'after',
      examples([
        'orgwire queues --requests tickets.csv',
        'orgwire queues   # what the store holds from earlier exports',
        'orgwire queues --catalog examples/demo/catalog --requests examples/demo/requests/requests.csv',
      ]),
    )
    .action(
      async (opts: {
        catalog?: string[];
        db?: string;
        requests?: string[];
        requestsFormat?: RequestFormat;
        requestsRepo?: string;
        since?: string;
        until?: string;
        window?: string;
        format: 'table' | 'json' | 'md';
      }) => {
        const window = opts.since === undefined ? opts.window : undefined;
        const { window: _ignored, ...rest } = opts;
        const { queues } = await import('./commands/queues.js');
        status = await queues(io, await config(), {
          ...rest,
          ...(window === undefined ? {} : { window }),
          requests: opts.requests ?? [],
        });
      },
    );

  program
    .command('drift')
    .description(
      'the wiring week by week over the whole history, and the alerts its rules raise (exit 1 when one is active at the last week)',
    )
    .addOption(catalogOption())
    .option('--repo <dir>', 'a git repository to read (repeat for several)', collect)
    .option('--demo', 'the demo organisation')
    .addOption(dbOption())
    .option(
      '--weeks <n>',
      `weeks in the trailing window each week is measured over (default: drift.weeks in orgwire.yaml, else ${DRIFT_TRAILING_WEEKS})`,
      whole('--weeks'),
    )
    .option(
      '--until <date>',
      'the last week is the one holding this day (default: the newest commit)',
    )
    .option('--requests <file>', 'a request export, for the queues (repeat for several)', collect)
    .addOption(ignoreOption())
    .option('--backtest', 'also say how often each rule fired over the history', false)
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['table', 'json', 'md'])
        .default('table'),
    )
    .option('--quiet', 'no progress bar or notes', false)
    .addHelpText(
      'after',
      examples([
        'orgwire drift --repo .',
        'orgwire drift --catalog catalog --repo ../shop --backtest',
        'orgwire drift --demo --format json',
      ]),
    )
    .action(
      async (opts: {
        catalog?: string[];
        repo?: string[];
        demo?: boolean;
        db?: string;
        weeks?: number;
        until?: string;
        requests?: string[];
        ignore?: string[];
        backtest: boolean;
        format: 'table' | 'json' | 'md';
        quiet: boolean;
      }) => {
        const loaded = await config(opts.demo);
        const input = await demoOrRepos(opts);
        if (opts.weeks !== undefined && opts.weeks < 1) {
          throw new AppError(
            'invalid-input',
            `--weeks takes a whole number ≥ 1, not "${opts.weeks}".`,
            'Each week is measured over this many weeks ending with it; 4 is the default.',
          );
        }
        const { drift } = await import('./commands/drift.js');
        status = await drift(io, loaded, { ...opts, ...input });
      },
    );

  program
    .command('whatif')
    .argument(
      '[scenario]',
      'a Scenario file (YAML: apiVersion orgwire.dev/v1alpha1, kind Scenario)',
    )
    .description(
      "a rewiring tried on paper: the scenario's changes applied to the catalog, the same work analysed before and after; or, with --suggest, the team boundaries the work implies",
    )
    .option(
      '--suggest',
      'suggest team boundaries from the work (fitted on the first two thirds of the window, checked on the rest)',
    )
    .option('--max-team-size <n>', 'with --suggest: most people in a suggested team', '9')
    .option(
      '--pin <component=team>',
      'with --suggest: keep a component with a team (repeat for several)',
      collect,
    )
    .option('--write <file>', 'with --suggest: write the suggested scenario to this file')
    .addOption(catalogOption())
    .option('--repo <dir>', 'a git repository to read (repeat for several)', collect)
    .option('--demo', 'the demo organisation')
    .addOption(dbOption())
    .option('--since <date>', 'first day of the window (YYYY-MM-DD)')
    .option('--until <date>', 'last day of the window (YYYY-MM-DD; default: the newest commit)')
    .option(
      '--window <length>',
      "the window's length when --since is not given: 90d, 12w, 6m, 1y",
      '90d',
    )
    .option('--requests <file>', 'a request export, for the queues (repeat for several)', collect)
    .addOption(ignoreOption())
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'),
    )
    .option('--quiet', 'no progress bar or notes', false)
    .addHelpText(
      'after',
      examples([
        'orgwire whatif embed-billing.yaml --catalog catalog --repo ../shop',
        'orgwire whatif examples/demo/scenarios/wire-the-checkbox.yaml --demo --format json',
        'orgwire whatif --suggest --repo ../shop --window 1y --write suggested.yaml',
      ]),
    )
    .action(
      async (
        scenario: string | undefined,
        opts: {
          suggest?: boolean;
          maxTeamSize: string;
          pin?: string[];
          write?: string;
          catalog?: string[];
          repo?: string[];
          demo?: boolean;
          db?: string;
          since?: string;
          until?: string;
          window?: string;
          requests?: string[];
          ignore?: string[];
          format: 'table' | 'json';
          quiet: boolean;
        },
      ) => {
        const loaded = await config(opts.demo);
        const { whatif } = await import('./commands/whatif.js');
        status = await whatif(io, loaded, { ...opts, scenario, ...(await demoOrRepos(opts)) });
      },
    );

  program
    .command('identities')
    .description(
      'who made the commits: coverage, and every author no User matches with the User they probably are',
    )
    .addOption(catalogOption())
    .option('--repo <dir>', 'a git repository to read (repeat for several)', collect)
    .addOption(dbOption())
    .option('--since <date>', 'first day of the window (YYYY-MM-DD)')
    .option('--until <date>', 'last day of the window (YYYY-MM-DD; default: the newest commit)')
    .option('--window <length>', "the window's length when --since is not given", '90d')
    .option(
      '--accept',
      'keep the suggestions as aliases in orgwire.yaml (identities.aliases)',
      false,
    )
    .option(
      '--min-score <n>',
      'the least score of a suggestion --accept keeps',
      (value: string) => {
        const n = Number(value);
        if (!Number.isFinite(n) || n < 0 || n > 1)
          throw new InvalidArgumentError(`--min-score takes a number from 0 to 1, not "${value}".`);
        return n;
      },
      0.9,
    )
    .option('--quiet', 'no progress bar or notes', false)
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples([
        'orgwire identities --repo . --catalog catalog',
        'orgwire identities --repo . --catalog catalog --accept --min-score 0.95',
      ]),
    )
    .action(
      async (opts: {
        catalog?: string[];
        repo?: string[];
        db?: string;
        since?: string;
        until?: string;
        window: string;
        accept: boolean;
        minScore: number;
        quiet: boolean;
        format: OutputFormat;
      }) => {
        if (!opts.repo?.length) {
          throw new AppError(
            'invalid-input',
            'No repository to read.',
            'Pass --repo DIR (repeat it for several).',
          );
        }
        const window = opts.since === undefined ? opts.window : undefined;
        const { identities } = await import('./commands/identities.js');
        status = await identities(io, await config(), {
          ...opts,
          ...(window === undefined ? {} : { window }),
          repos: opts.repo,
        });
      },
    );

  addRepositoryOptions(
    program
      .command('analyze')
      .description(
        'ingest what is new, then report coordination, ownership, change coupling and who is who',
      ),
  )
    .addOption(catalogOption())
    .option('--demo', 'analyse the demo organisation (builds its repository under .orgwire/demo)')
    .addOption(dbOption())
    .option('--since <date>', 'first day of the window (YYYY-MM-DD)')
    .option('--until <date>', 'last day of the window (YYYY-MM-DD; default: the newest commit)')
    .option(
      '--window <length>',
      "the window's length when --since is not given: 90d, 12w, 6m, 1y",
      '90d',
    )
    .option('--files', 'also report change coupling between files', false)
    .option(
      '--min-revs <n>',
      'coupling: least commits each of a pair needs',
      whole('--min-revs'),
      DEFAULT_COUPLING.minRevs,
    )
    .option(
      '--min-shared <n>',
      'coupling: least commits a pair shares',
      whole('--min-shared'),
      DEFAULT_COUPLING.minShared,
    )
    .option(
      '--min-degree <n>',
      'coupling: least degree in percent',
      whole('--min-degree'),
      DEFAULT_COUPLING.minDegree,
    )
    .option(
      '--max-changeset-size <n>',
      'coupling: leave out commits touching more',
      whole('--max-changeset-size'),
      DEFAULT_COUPLING.maxChangesetSize,
    )
    .option('--include-bots', 'count bots as authors instead of leaving them out', false)
    .option('--merges', 'count merge commits too', false)
    .addOption(ignoreOption())
    .addOption(minWeightOption())
    .addOption(componentDepthOption())
    .option('--today <date>', "the date to judge bets' decide-by dates against (default: today)")
    .option(
      '--requests <file>',
      "a request export, for queues and the bets' waits (repeat for several)",
      collect,
    )
    .option('--lines', 'read line counts while ingesting (about 8× slower)', false)
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['table', 'json', 'md'])
        .default('table'),
    )
    .option('--out <file>', 'write the report to a file instead of the terminal')
    .option('--quiet', 'no progress bar or notes', false)
    .addHelpText(
      'after',
      examples([
        'orgwire analyze --repo .',
        'orgwire analyze --catalog catalog --repo ../shop --repo ../payments --format json',
        'orgwire analyze --repo . --window 6m --format md --out wiring.md',
        'orgwire analyze --demo',
      ]),
    )
    .action(
      async (
        opts: RepositoryFlags & {
          catalog?: string[];
          repo?: string[];
          demo?: boolean;
          db?: string;
          since?: string;
          until?: string;
          window?: string;
          files: boolean;
          minRevs: number;
          minShared: number;
          minDegree: number;
          maxChangesetSize: number;
          format: ReportFormat;
          out?: string;
          includeBots: boolean;
          merges: boolean;
          lines: boolean;
          quiet: boolean;
          today?: string;
          requests?: string[];
          ignore?: string[];
          minWeight?: number;
          componentDepth?: number;
        },
      ) => {
        const loaded = await config(opts.demo);
        let catalog = opts.catalog;
        let repos = await repositoriesOf(io, opts);
        let db = opts.db;
        let today = opts.today;
        let requests = opts.requests;
        if (opts.demo) {
          catalog = [DEMO_CATALOG];
          repos = [await ensureDemoRepo(io.cwd)];
          db ??= DEMO_DB;
          today ??= DEMO_END_DATE;
          requests = [...(requests ?? []), DEMO_REQUESTS];
          if (opts.format === 'table' && !opts.out) {
            io.out(
              `${pc.bold('orgwire demo')} — Trailhead Outfitters, a fictional retailer (examples/demo)\n\n`,
            );
          }
        } else if (repos.length === 0) {
          throw new AppError(
            'invalid-input',
            'No repository to analyse.',
            'Pass --repo DIR or --repo-root DIR (either repeatable), or --demo to see the demo organisation.',
          );
        }
        // --window has a default, which must not hide --since.
        const window = opts.since === undefined ? opts.window : undefined;
        const { analyze } = await import('./commands/analyze.js');
        status = await analyze(io, loaded, {
          ...opts,
          ...(catalog === undefined ? {} : { catalog }),
          ...(db === undefined ? {} : { db }),
          ...(window === undefined ? {} : { window }),
          ...(today === undefined ? {} : { today }),
          ...(requests === undefined ? {} : { requests }),
          repos,
          coupling: {
            minRevs: opts.minRevs,
            minShared: opts.minShared,
            minDegree: opts.minDegree,
            maxChangesetSize: opts.maxChangesetSize,
          },
          ...(opts.demo ? { title: 'Trailhead Outfitters: how the organisation is wired' } : {}),
        });
      },
    );

  addRepositoryOptions(
    program
      .command('serve')
      .description(
        'serve the radiator: the web UI and its JSON API over the analysis of the repositories',
      ),
  )
    .addOption(catalogOption())
    .option('--requests <file>', 'a request export, for the queues (repeat for several)', collect)
    .addOption(
      new Option(
        '--requests-format <format>',
        "the exports' format (default: from the file)",
      ).choices(REQUEST_FORMATS),
    )
    .addOption(requestsRepoOption())
    .option('--demo', 'serve the demo organisation (builds its repository under .orgwire/demo)')
    .addOption(dbOption())
    .option('--port <n>', 'the port to listen on (0 picks a free one)', port, 8080)
    .option(
      '--host <address>',
      'the address to listen on; 0.0.0.0 opens it to the network',
      '127.0.0.1',
    )
    .option(
      '--public-url <url>',
      'where people open it, when not at --host:--port (a reverse proxy): its host is answered too',
      publicUrl,
    )
    .option('--read-token', 'reads need a token too, not only writes', false)
    .option(
      '--refresh <interval>',
      'read the history again and analyse it this often, in the background: 30s, 10m, 1h',
      interval('--refresh'),
    )
    .addOption(
      new Option(
        '--history <when>',
        'when a first start measures the history week by week (Trends): first (before serving), later (after serving the window), auto (later past 10,000 commits)',
      )
        .choices(['auto', 'first', 'later'])
        .default('auto'),
    )
    .option(
      '--scenarios <dir>',
      "a folder of Scenario files the What-if page can load (default with --demo: the demo's)",
    )
    .option('--window <length>', "the window's length: 90d, 12w, 6m, 1y", '90d')
    .addOption(ignoreOption())
    .addOption(minWeightOption())
    .addOption(componentDepthOption())
    .option('--today <date>', "the date to judge bets' decide-by dates against (default: today)")
    .option('--quiet', 'no progress bar or notes', false)
    .addHelpText(
      'after',
      examples([
        'orgwire serve --demo',
        'orgwire serve --catalog catalog --repo ../shop --requests jira.csv --port 8080',
        'ORGWIRE_TOKEN=$(openssl rand -hex 32) orgwire serve --repo . --read-token',
        'orgwire serve --repo-root /srv/git --db postgres://orgwire@db/orgwire --refresh 10m',
      ]),
    )
    .action(
      async (
        opts: RepositoryFlags & {
          catalog?: string[];
          repo?: string[];
          requests?: string[];
          requestsFormat?: RequestFormat;
          requestsRepo?: string;
          demo?: boolean;
          db?: string;
          port: number;
          host: string;
          publicUrl?: URL;
          readToken: boolean;
          refresh?: number;
          history: HistoryWhen;
          scenarios?: string;
          window: string;
          today?: string;
          quiet: boolean;
          ignore?: string[];
          minWeight?: number;
          componentDepth?: number;
        },
      ) => {
        // A broken config is reported before anything is read; each radiator reads it again.
        await config(opts.demo);
        const configFile = configFlag(opts.demo);
        const demo = opts.demo ? await demoOptions(opts.db, opts.today) : undefined;
        const scenarios = opts.scenarios ?? (demo ? DEMO_SCENARIOS : undefined);
        // Loaded on demand: the server's modules would slow every other command's start.
        const { serveRadiator } = await import('./commands/serve.js');
        const { repo, repoRoot, reposFrom, jobs, ...rest } = opts;
        status = await serveRadiator(io, {
          ...rest,
          ...(configFile === undefined ? {} : { configFile }),
          ...(demo ? { catalog: demo.catalog, db: demo.db, today: demo.today } : {}),
          repositories: {
            repo: [...(demo?.repos ?? []), ...(repo ?? [])],
            ...(repoRoot ? { repoRoot } : {}),
            ...(reposFrom ? { reposFrom } : {}),
            ...(jobs === undefined ? {} : { jobs }),
          },
          requests: [...(demo?.requests ?? []), ...(opts.requests ?? [])],
          title: demo ? 'Trailhead Outfitters' : 'orgwire',
          ...(scenarios === undefined ? {} : { scenarios }),
        });
      },
    );

  const requests = program
    .command('requests')
    .description('the trackers the store keeps requests from, each ticket once; forget one');
  requests
    .command('list', { isDefault: true })
    .description('the trackers with how many tickets, and how many open (the default)')
    .option('--demo', "the demo's store")
    .addOption(dbOption())
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples([
        'orgwire requests',
        'orgwire requests list --format json',
        'orgwire requests forget github:acme/old-repo',
      ]),
    )
    .action(async (opts: { db?: string; demo?: boolean; format: OutputFormat }) => {
      const db = opts.db ?? (opts.demo ? DEMO_DB : undefined);
      const { listRequests } = await import('./commands/requests.js');
      status = await listRequests(io, { format: opts.format, ...(db === undefined ? {} : { db }) });
    });
  requests
    .command('forget')
    .description("forget a tracker's requests (read them again from any export that holds them)")
    .argument('<tracker>', 'as `orgwire requests` names it, e.g. jira:PLAT or github:acme/web')
    .option('--demo', "the demo's store")
    .addOption(dbOption())
    .action(async (tracker: string, opts: { db?: string; demo?: boolean }) => {
      const db = opts.db ?? (opts.demo ? DEMO_DB : undefined);
      const { forgetRequests } = await import('./commands/requests.js');
      status = await forgetRequests(io, { tracker, ...(db === undefined ? {} : { db }) });
    });

  const token = program
    .command('token')
    .description("tokens for the radiator's writes (and reads, with --read-token)");
  token
    .command('create')
    .description('make a token and print it once; the store keeps only its hash')
    .option('--name <name>', 'what to call it (default: token-N)')
    .option('--demo', "the demo's store")
    .addOption(dbOption())
    .addHelpText(
      'after',
      examples(['orgwire token create --name ci', 'orgwire token create --demo']),
    )
    .action(async (opts: { name?: string; db?: string; demo?: boolean }) => {
      const db = opts.db ?? (opts.demo ? DEMO_DB : undefined);
      const { createToken } = await import('./commands/token.js');
      status = await createToken(io, { ...opts, ...(db === undefined ? {} : { db }) });
    });
  token
    .command('list')
    .description('the tokens by name, creation and last-used time (never the tokens themselves)')
    .option('--demo', "the demo's store")
    .addOption(dbOption())
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples(['orgwire token list', 'orgwire token list --demo --format json']),
    )
    .action(async (opts: { db?: string; demo?: boolean; format: OutputFormat }) => {
      const db = opts.db ?? (opts.demo ? DEMO_DB : undefined);
      const { listTokens } = await import('./commands/token.js');
      status = await listTokens(io, { format: opts.format, ...(db === undefined ? {} : { db }) });
    });

  token
    .command('revoke')
    // `delete` was its first name: scripts written then keep working.
    .alias('delete')
    .description('revoke a token: it stops working at once, on a running radiator too')
    .argument('<name>', 'the name `orgwire token list` shows')
    .option('--demo', "the demo's store")
    .addOption(dbOption())
    .addHelpText(
      'after',
      examples(['orgwire token revoke ci', 'orgwire token revoke token-1 --demo']),
    )
    .action(async (name: string, opts: { db?: string; demo?: boolean }) => {
      const db = opts.db ?? (opts.demo ? DEMO_DB : undefined);
      const { revokeToken } = await import('./commands/token.js');
      status = await revokeToken(io, { name, ...(db === undefined ? {} : { db }) });
    });

  /**
   * The repositories, catalog, store and request exports of a command that reads history:
   * the demo's with `--demo` (and any `--repo` beside it), else the flags'; none is an error.
   */
  async function demoOrRepos(opts: {
    demo?: boolean;
    db?: string;
    catalog?: string[];
    repo?: string[];
    requests?: string[];
  }) {
    const demo = opts.demo ? await demoOptions(opts.db, undefined) : undefined;
    const repos = [...(demo?.repos ?? []), ...(opts.repo ?? [])];
    if (repos.length === 0) {
      throw new AppError(
        'invalid-input',
        'No repository to read.',
        'Pass --repo DIR (repeat it for several), or --demo to see the demo organisation.',
      );
    }
    return {
      ...(demo ? { catalog: demo.catalog, db: demo.db } : {}),
      requests: [...(demo?.requests ?? []), ...(opts.requests ?? [])],
      repos,
    };
  }

  /** The demo's catalog, repository and store, judged as of the demo's last day. */
  async function demoOptions(db: string | undefined, today: string | undefined) {
    return {
      catalog: [DEMO_CATALOG],
      repos: [await ensureDemoRepo(io.cwd)],
      db: db ?? DEMO_DB,
      today: today ?? DEMO_END_DATE,
      requests: [DEMO_REQUESTS],
    };
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (error) {
    return reportError(error, io);
  }
}
