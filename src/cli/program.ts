import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import { DEMO_CATALOG, ensureDemoRepo } from '../demo/index.js';
import { AppError } from '../errors.js';
import { analyze } from './commands/analyze.js';
import { init } from './commands/init.js';
import { owners } from './commands/owners.js';
import { validate } from './commands/validate.js';
import { catalogDir, InputProblems, loadConfig } from './context.js';
import { type Io, OUTPUT_FORMATS, type OutputFormat } from './io.js';
import { formatProblem } from './render.js';

const VERSION = '0.1.0';

/** Exit statuses: 0 done, 2 the input is wrong (nothing written), 70 a bug in orgwire. */
export const EXIT = { ok: 0, input: 2, internal: 70 } as const;

const formatOption = () =>
  new Option('--format <format>', 'output format')
    .choices(OUTPUT_FORMATS)
    .default('table' as OutputFormat);
const catalogOption = () =>
  new Option(
    '--catalog <dir>',
    'the catalog folder (default: ./catalog, or `catalog` in orgwire.yaml)',
  );
const collect = (value: string, previous: string[] = []) => [...previous, value];

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
  const config = () => loadConfig(io, program.opts<{ config?: string }>().config);

  program
    .command('validate')
    .description(
      'check a catalog: every problem at once, with file:line:column and a hint (exit 2 on any error)',
    )
    .addOption(catalogOption())
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples([
        'orgwire validate',
        'orgwire validate --catalog ../backstage/catalog --format json',
      ]),
    )
    .action(async (opts: { catalog?: string; format: OutputFormat }) => {
      const loaded = await config();
      status = await validate(io, {
        catalog: catalogDir(io, loaded, opts.catalog),
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
      status = await init(io, { dir, format: opts.format });
    });

  program
    .command('owners')
    .description('say which component and team own each path, and which rule decided it')
    .argument('<paths...>', 'paths in the repository')
    .option('--repo <dir>', 'the git repository', '.')
    .addOption(catalogOption())
    .option('--demo', 'use the demo organisation')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples([
        'orgwire owners services/checkout/api.ts infra/main.tf --repo ~/src/shop --catalog catalog',
        'orgwire owners --demo infra/terraform/billing/main.tf --format json',
      ]),
    )
    .action(
      async (
        paths: string[],
        opts: { repo: string; catalog?: string; demo?: boolean; format: OutputFormat },
      ) => {
        const loaded = await config();
        const demo = opts.demo ? { catalog: DEMO_CATALOG, repo: await ensureDemoRepo(io.cwd) } : {};
        status = await owners(io, loaded, { paths, ...opts, ...demo });
      },
    );

  program
    .command('analyze')
    .description('check the catalog, then report who owns what and who is who in the repositories')
    .addOption(catalogOption())
    .option('--repo <dir>', 'a git repository to read (repeat for several)', collect)
    .option('--demo', 'analyse the demo organisation (builds its repository under .orgwire/demo)')
    .option('--include-bots', 'count bots as authors instead of leaving them out', false)
    .option('--merges', 'count merge commits too', false)
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples([
        'orgwire analyze --repo .',
        'orgwire analyze --catalog catalog --repo ../shop --repo ../payments --format json',
        'orgwire analyze --demo',
      ]),
    )
    .action(
      async (opts: {
        catalog?: string;
        repo?: string[];
        demo?: boolean;
        format: OutputFormat;
        includeBots: boolean;
        merges: boolean;
      }) => {
        const loaded = await config();
        let catalog = opts.catalog;
        let repos = opts.repo ?? [];
        if (opts.demo) {
          catalog = DEMO_CATALOG;
          repos = [await ensureDemoRepo(io.cwd)];
          if (opts.format === 'table')
            io.out(
              `${pc.bold('orgwire demo')} — Trailhead Outfitters, a fictional retailer (examples/demo)\n\n`,
            );
        } else if (repos.length === 0) {
          throw new AppError(
            'invalid-input',
            'No repository to analyse.',
            'Pass --repo DIR (repeat it for several), or --demo to see the demo organisation.',
          );
        }
        status = await analyze(io, loaded, {
          ...opts,
          ...(catalog === undefined ? {} : { catalog }),
          repos,
        });
      },
    );

  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (error) {
    return report(error, io);
  }
}

/** The one place errors become messages and exit statuses. */
function report(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.exitCode === 0
    )
      return EXIT.ok;
    if (error.code === 'commander.help') return EXIT.ok;
    io.err(
      `${pc.dim('Run `orgwire --help` for the commands, `orgwire COMMAND --help` for their options.')}\n`,
    );
    return EXIT.input;
  }
  if (error instanceof InputProblems) {
    for (const problem of error.problems)
      if (problem.severity !== 'note') io.err(`${formatProblem(problem)}\n`);
    io.err(`${pc.red('error:')} ${error.summary} Nothing was written.\n`);
    return EXIT.input;
  }
  if (error instanceof AppError) {
    io.err(`${pc.red('error:')} ${error.message}\n`);
    if (error.hint) io.err(`  ${pc.dim(error.hint)}\n`);
    return EXIT.input;
  }
  io.err(
    `${pc.red('orgwire failed unexpectedly — this is a bug; please report it with the output below.')}\n${(error as Error)?.stack ?? String(error)}\n`,
  );
  return EXIT.internal;
}
