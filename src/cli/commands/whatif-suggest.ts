import { resolve } from 'node:path';
import { AppError } from '../../errors.js';
import { displayPath } from '../../ingest/index.js';
import { type Catalog, parseEntityRef, stringifyEntityRef } from '../../model/index.js';
import { suggestBoundaries } from '../../usecases/index.js';
import { catalogOrEmpty } from '../catalog-or-empty.js';
import type { LoadedConfig } from '../context.js';
import { type Io, JSON_VERSION } from '../io.js';
import { openStore } from '../open-store.js';
import { columns, componentLabel, plural, short } from '../render.js';
import { windowFlags } from '../window-flags.js';
import { writeAtomically } from '../write-atomically.js';
import { ingestForReport, plainReportFlags, reportOptions } from './analyze.js';
import type { WhatIfOptions } from './whatif.js';

/** Suggested teams shown in the table; the JSON and the scenario have them all. */
const SHOWN = 20;

/**
 * `orgwire whatif --suggest`: the team boundaries the work implies, fitted on the first two
 * thirds of the window and shown when they cut unwired coordination on the last third.
 * Exit 0 with or without a suggestion; 2 on bad flags.
 */
export async function whatifSuggest(
  io: Io,
  config: LoadedConfig,
  options: WhatIfOptions,
): Promise<number> {
  const maxTeamSize = Number(options.maxTeamSize ?? '9');
  if (!Number.isInteger(maxTeamSize) || maxTeamSize < 1)
    throw new AppError(
      'invalid-input',
      `--max-team-size must be a whole number of 1 or more, not "${options.maxTeamSize}".`,
      'Pass the most people a suggested team may have, e.g. --max-team-size 9.',
    );
  const { loaded, ownership } = await catalogOrEmpty(io, config, options.catalog, options.repos);
  const pins = pinsOf(loaded.catalog, options.pin ?? []);
  const store = await openStore(io, options.db);
  try {
    const flags = plainReportFlags(options, windowFlags(options), ownership);
    const input = await ingestForReport(io, config, loaded.catalog, store, flags);
    const found = await suggestBoundaries(store, loaded.catalog, input.repositories, {
      ...reportOptions(config, flags, input),
      suggest: { maxTeamSize, pins },
    });
    const written = options.write !== undefined && found.cuts;
    if (written && options.write !== undefined)
      await writeAtomically(
        resolve(io.cwd, options.write),
        found.scenario.yaml,
        'Pass --write with a file in a folder you can write to.',
      );
    if (options.format === 'json') {
      const { fitted, checked, unwired, agreement, runs } = found;
      const why = found.unnamed ? 'unnamed' : 'no-cut';
      io.out(
        `${JSON.stringify(
          {
            version: JSON_VERSION,
            fitted,
            checked,
            unwired,
            agreement,
            runs,
            suggested: found.cuts
              ? {
                  teams: found.teams,
                  scenario: found.scenario,
                  before: found.before,
                  after: found.after,
                }
              : null,
            ...(found.cuts ? {} : { why }),
          },
          null,
          2,
        )}\n`,
      );
      return 0;
    }
    const w = (x: number) => String(Math.round(x * 10) / 10);
    const out = [
      `Suggested boundaries: fitted on the work of ${found.fitted.since} to ${found.fitted.until}, checked on ${found.checked.since} to ${found.checked.until}.`,
      found.unnamed
        ? 'The catalog names none of the people the work groups, so no team can be suggested: add them as Users (`orgwire identities` suggests them) and try again.'
        : `Unwired coordination on the checked period: ${w(found.unwired.before)} → ${w(found.unwired.after)}${found.cuts ? '' : ' — the boundaries the work implies would not cut it, so there is no suggestion.'}`,
      `The ${found.runs} runs agreed on ${Math.round(found.agreement * 100)} % of linked pairs.`,
    ];
    if (!found.cuts && options.write !== undefined)
      out.push(`Nothing was written to ${options.write}: there is no suggestion to keep.`);
    if (found.cuts) {
      out.push('', `Teams (${found.teams.length})`);
      out.push(
        columns(
          found.teams.slice(0, SHOWN).map((t) => [
            `${short(t.name)}${t.existing ? '' : ' (new)'}`,
            `${plural(t.members.length, 'person', 'people')}${t.unnamed > 0 ? ` + ${t.unnamed} not in the catalog` : ''}`,
            `${plural(t.components.length, 'component')}: ${t.components
              .slice(0, 3)
              .map((c) => componentLabel(c))
              .join(', ')}${t.components.length > 3 ? ', …' : ''}`,
          ]),
        ),
      );
      if (found.teams.length > SHOWN)
        out.push(`  … and ${found.teams.length - SHOWN} more (see --format json).`);
      out.push(
        '',
        written && options.write !== undefined
          ? `Scenario written to ${displayPath(io.cwd, resolve(io.cwd, options.write))} (${plural(found.scenario.changes.length, 'change')}): edit it, then \`orgwire whatif ${options.write}\`.`
          : `The scenario has ${plural(found.scenario.changes.length, 'change')}: pass --write FILE to keep it, then \`orgwire whatif FILE\`.`,
      );
    }
    io.out(`${out.join('\n')}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** `--pin component=team`, each side a catalog reference; wrong ones are input errors. */
function pinsOf(catalog: Catalog, written: readonly string[]): Map<string, string> {
  const pins = new Map<string, string>();
  for (const text of written) {
    const [component, team, ...rest] = text.split('=');
    if (team === undefined || rest.length > 0)
      throw new AppError(
        'invalid-input',
        `--pin ${text}: not COMPONENT=TEAM.`,
        'Pin a catalog component to a catalog team: --pin checkout=web.',
      );
    const ref = (value: string | undefined, kind: 'component' | 'group') => {
      const parsed = parseEntityRef(value?.trim() ?? '', {
        defaultKind: kind,
        defaultNamespace: 'default',
      });
      const found = parsed.ok ? catalog.byRef.get(stringifyEntityRef(parsed.ref)) : undefined;
      if (!found || found.kind !== (kind === 'group' ? 'Group' : 'Component'))
        throw new AppError(
          'invalid-input',
          `--pin ${text}: ${parsed.ok ? `no ${kind === 'group' ? 'team' : 'component'} ${value} in the catalog` : 'not COMPONENT=TEAM'}.`,
          'Pin a catalog component to a catalog team: --pin checkout=web.',
        );
      return found.ref;
    };
    pins.set(ref(component, 'component'), ref(team, 'group'));
  }
  return pins;
}
