import { resolve } from 'node:path';
import { AppError } from '../../errors.js';
import { displayPath, readTextFile } from '../../ingest/index.js';
import { parseScenario } from '../../model/index.js';
import { createWhatIf } from '../../usecases/index.js';
import { catalogOrEmpty } from '../catalog-or-empty.js';
import type { LoadedConfig } from '../context.js';
import { InputProblems } from '../input-problems.js';
import { type Io, JSON_VERSION } from '../io.js';
import { openStore } from '../open-store.js';
import { columns, plural, ratio, short } from '../render.js';
import { windowFlags } from '../window-flags.js';
import { ingestForReport, plainReportFlags, reportOptions } from './analyze.js';
import { whatifSuggest } from './whatif-suggest.js';

export interface WhatIfOptions {
  /** The scenario file; none with `suggest`. */
  scenario?: string | undefined;
  suggest?: boolean;
  /** With `suggest`: the team size cap, as written. */
  maxTeamSize?: string;
  /** With `suggest`: `component=team`. */
  pin?: string[];
  /** With `suggest`: where to write the suggested scenario. */
  write?: string;
  catalog?: string[];
  repos: string[];
  db?: string;
  since?: string;
  until?: string;
  window?: string;
  requests?: string[];
  ignore?: string[];
  format: 'table' | 'json';
  quiet: boolean;
}

/**
 * `orgwire whatif SCENARIO.yaml`: the scenario's changes applied to the catalog and the same
 * work analysed under both, before → after → change. Exit 2 on a scenario that is not valid
 * or names what the catalog does not have; 0 otherwise.
 */
export async function whatif(
  io: Io,
  config: LoadedConfig,
  options: WhatIfOptions,
): Promise<number> {
  if (options.suggest && options.scenario !== undefined)
    throw new AppError(
      'invalid-input',
      'Pass a scenario file or --suggest, not both.',
      'orgwire whatif SCENARIO.yaml tries a scenario; orgwire whatif --suggest --write FILE suggests one.',
    );
  if (options.suggest) return whatifSuggest(io, config, options);
  if (options.scenario === undefined)
    throw new AppError(
      'invalid-input',
      'Name a scenario file, or pass --suggest.',
      'orgwire whatif SCENARIO.yaml tries a scenario (README, What-if); --suggest gives the boundaries the work implies.',
    );
  const shown = displayPath(io.cwd, options.scenario);
  const text = await readTextFile(resolve(io.cwd, options.scenario), {
    shownAs: shown,
    what: 'scenario',
  });
  const parsed = parseScenario(text, shown);
  if (!parsed.scenario)
    throw new InputProblems(parsed.problems, `${shown} is not a valid scenario.`);
  const { loaded, ownership } = await catalogOrEmpty(io, config, options.catalog, options.repos);
  const store = await openStore(io, options.db);
  try {
    const flags = plainReportFlags(options, windowFlags(options), ownership);
    // The work held fixed: one ingest, the same commits and requests under both catalogs.
    const input = await ingestForReport(io, config, loaded.catalog, store, flags);
    const report = reportOptions(config, flags, input);
    const outcome = await createWhatIf(store, loaded.catalog, input.repositories, report).run(
      parsed.scenario,
    );
    if ('problems' in outcome)
      throw new InputProblems(outcome.problems, `${shown} does not apply to the catalog.`);
    const { before, after, changes } = outcome.result;
    if (options.format === 'json') {
      io.out(
        `${JSON.stringify({ version: JSON_VERSION, scenario: parsed.scenario.name, before, after, changes }, null, 2)}\n`,
      );
      return 0;
    }
    const pts = (x: number | null) =>
      x === null ? '–' : `${x > 0 ? '+' : ''}${Math.round(x * 100)} pts`;
    const out = [
      `What if: ${parsed.scenario.name} (${plural(parsed.scenario.changes.length, 'change')}), the work of ${before.window.since} to ${before.window.until} held fixed.`,
      '',
      `Congruence  ${ratio(changes.congruence.before.weighted)} → ${ratio(changes.congruence.after.weighted)}  (${pts(changes.congruence.delta)})`,
    ];
    const needs = (title: string, list: typeof changes.resolved) => {
      out.push('', `${title} (${list.length})`);
      if (list.length > 0)
        out.push(
          columns(
            list
              .slice(0, 10)
              .map((n) => [n.teams.map(short).join(' + '), String(Math.round(n.weight * 10) / 10)]),
          ),
        );
      if (list.length > 10) out.push(`  … and ${list.length - 10} more (see --format json).`);
    };
    needs('Unwired needs it resolves', changes.resolved);
    needs('Unwired needs it creates', changes.created);
    if (changes.changed.length > 0) {
      const w = (x: number) => String(Math.round(x * 10) / 10);
      out.push('', `Unwired needs it makes heavier or lighter (${changes.changed.length})`);
      out.push(
        columns(
          changes.changed
            .slice(0, 10)
            .map((n) => [n.teams.map(short).join(' + '), `${w(n.before)} → ${w(n.after)}`]),
        ),
      );
      if (changes.changed.length > 10)
        out.push(`  … and ${changes.changed.length - 10} more (see --format json).`);
    }
    if (changes.teams.length > 0) {
      out.push('', 'Teams it changes: members, components owned (before → after)');
      out.push(
        columns(
          changes.teams.map((t) => [
            short(t.team),
            `${t.members[0]} → ${t.members[1]} people`,
            `${t.owns[0]} → ${t.owns[1]} components`,
          ]),
        ),
      );
    }
    if (changes.bets.length > 0) {
      out.push('', 'Bets it changes: handoffs, feasibility (before → after)');
      out.push(
        columns(
          changes.bets.map((b) => [
            short(b.bet),
            `${b.handoffs[0]} → ${b.handoffs[1]} handoffs`,
            `${ratio(b.feasibility[0])} → ${ratio(b.feasibility[1])} feasible`,
          ]),
        ),
      );
    }
    if (changes.queues.length > 0) {
      const days = (x: number | null) => (x === null ? '–' : `${x} d`);
      out.push('', 'Queues it changes: arrivals, people, mean lead time (after: estimated)');
      out.push(
        columns(
          changes.queues.map((q) => [
            short(q.team),
            `${q.arrivals[0]} → ${q.arrivals[1]} requests`,
            `${q.people[0]} → ${q.people[1]} people`,
            q.unstable
              ? `${days(q.meanLeadTime[0])} → unstable: more arrives than they can do`
              : `${days(q.meanLeadTime[0])} → ${q.arrivals[1] === 0 ? 'no queue' : days(q.meanLeadTime[1])}`,
          ]),
        ),
      );
    }
    for (const k of changes.knowledge) {
      out.push(
        '',
        k.components.length === 0
          ? `When ${short(k.user)} leaves, no component loses the person who made more of its commits than anyone else.`
          : `When ${short(k.user)} leaves, ${plural(k.components.length, 'component')} lose${k.components.length === 1 ? 's' : ''} the person who made more of ${k.components.length === 1 ? 'its' : 'their'} commits than anyone else (their commits, their share, owner)`,
      );
      if (k.components.length > 0)
        out.push(
          columns(
            k.components
              .slice(0, 10)
              .map((c) => [
                short(c.component),
                String(c.commits),
                ratio(c.share),
                c.owner === null ? 'no owner' : short(c.owner),
              ]),
          ),
        );
      if (k.components.length > 10)
        out.push(`  … and ${k.components.length - 10} more (see --format json).`);
    }
    io.out(`${out.join('\n')}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
