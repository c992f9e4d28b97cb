import { isMap, parseDocument } from 'yaml';
import { DEFAULT_COUPLING, type IdentitySummary } from '../../analysis/index.js';
import { AppError } from '../../errors.js';
import { displayPath, readTextFile } from '../../ingest/index.js';
import { humanizeEntityRef } from '../../model/index.js';
import { catalogOrEmpty } from '../catalog-or-empty.js';
import { type LoadedConfig, loadConfig } from '../context.js';
import { type Io, type OutputFormat, writeJson } from '../io.js';
import { openStore } from '../open-store.js';
import { columns, plural, ratio, truncate } from '../render.js';
import { todayFlag, windowFlags } from '../window-flags.js';
import { writeAtomically } from '../write-atomically.js';
import { ingestAndReport } from './analyze.js';

export interface IdentitiesOptions {
  repos: string[];
  catalog?: string[];
  db?: string;
  since?: string;
  until?: string;
  window?: string;
  format: OutputFormat;
  /** Write every suggestion scoring at least `minScore` as an alias in orgwire.yaml. */
  accept: boolean;
  minScore: number;
  quiet: boolean;
}

/**
 * `orgwire identities`: who made the window's commits, the authors no User matches (most
 * commits first) with the User each probably is, and with `--accept` those suggestions
 * kept as `identities.aliases` in orgwire.yaml — then the coverage they bring.
 */
export async function identities(
  io: Io,
  config: LoadedConfig,
  options: IdentitiesOptions,
): Promise<number> {
  const window = windowFlags(options);
  const { loaded, ownership } = await catalogOrEmpty(io, config, options.catalog, options.repos);
  if (loaded.catalog.users.length === 0) {
    throw new AppError(
      'invalid-input',
      'The catalog has no User to match authors to.',
      'Pass --catalog with a folder of Users and Groups (or a team file), or run `orgwire init`.',
    );
  }
  const store = await openStore(io, options.db);
  const summarize = async (current: LoadedConfig) =>
    (
      await ingestAndReport(io, current, loaded.catalog, store, {
        repos: options.repos,
        merges: false,
        lines: false,
        quiet: options.quiet,
        coupling: DEFAULT_COUPLING,
        files: false,
        includeBots: false,
        today: todayFlag(undefined),
        window,
        ownership,
      })
    ).identities;
  try {
    const before = await summarize(config);
    const accepted = options.accept
      ? before.unmatched.flatMap((u) =>
          u.suggestion && u.suggestion.score >= options.minScore
            ? [{ email: u.email, user: u.suggestion.user }]
            : [],
        )
      : [];
    if (accepted.length > 0) await writeAliases(config.file, accepted);
    // Read back as written: the coverage after is what the next run will see.
    const after = accepted.length > 0 ? await summarize(await loadConfig(io, config.file)) : before;
    if (options.format === 'json') {
      writeJson(io, {
        identities: after,
        accepted,
        ...(accepted.length > 0 ? { coverageBefore: before.coverage } : {}),
      });
      return 0;
    }
    io.out(renderIdentities(after));
    if (options.accept) {
      const file = displayPath(io.cwd, config.file);
      io.out(
        accepted.length === 0
          ? `\nNo suggestion scores ${options.minScore} or more: nothing written. Add aliases by hand under identities.aliases in ${file}, or lower --min-score.\n`
          : `\nAccepted ${plural(accepted.length, 'suggestion')} into ${file} (identities.aliases): coverage ${ratio(before.coverage)} → ${ratio(after.coverage)}.\n`,
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}

function renderIdentities(ids: IdentitySummary): string {
  const out = [
    `${plural(ids.peopleCommits, 'commit')} by people in the window (${plural(ids.botCommits, 'bot commit')} left out); coverage ${ratio(ids.coverage)}: ${ids.creditedCommits} credited to a team.`,
  ];
  if (ids.unmatched.length === 0) {
    out.push('Every author is a User or a bot.');
    return `${out.join('\n')}\n`;
  }
  out.push(
    '',
    `${plural(ids.unmatched.length, 'author is', 'authors are')} no User, most commits first:`,
    columns([
      ['AUTHOR', 'COMMITS', 'PROBABLY', 'SCORE', 'WHY'],
      ...ids.unmatched.map((u) => [
        truncate(`${u.name} <${u.email}>`, 44),
        String(u.commits),
        u.suggestion ? humanizeEntityRef(u.suggestion.user) : '–',
        u.suggestion ? u.suggestion.score.toFixed(2) : '',
        u.suggestion ? truncate(u.suggestion.why, 60) : '',
      ]),
    ]),
    '',
    'Keep the right ones with --accept (suggestions scoring at least --min-score), or write',
    'them under identities.aliases in orgwire.yaml: "e-mail or name": user-name.',
  );
  return `${out.join('\n')}\n`;
}

/**
 * Adds aliases to orgwire.yaml (created when missing), keeping its comments and layout:
 * the YAML is edited as a document, written beside the file and renamed over it.
 */
async function writeAliases(
  file: string,
  aliases: readonly { email: string; user: string }[],
): Promise<void> {
  const text = await readTextFile(file, { shownAs: file, what: 'config file' }).catch(
    (error: unknown) => {
      if (error instanceof AppError && error.code === 'not-found') return '';
      throw error;
    },
  );
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) {
    throw new AppError(
      'invalid-input',
      `Cannot add aliases to ${file}: it is not a YAML mapping.`,
      'Fix the file (orgwire validate reads it too), then run again.',
    );
  }
  for (const { email, user } of aliases)
    doc.setIn(['identities', 'aliases', email], humanizeEntityRef(user));
  await writeAtomically(
    file,
    doc.toString(),
    'Run from a folder you can write to, or pass --config with a writable orgwire.yaml.',
  );
}
