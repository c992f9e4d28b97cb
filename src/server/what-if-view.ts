import {
  type Catalog,
  formatScenario,
  ORGWIRE_API_VERSION,
  type Problem,
  parseScenario,
  type Scenario,
  type ScenarioChange,
} from '../model/index.js';
import type { Report, Suggestion, WhatIfResult } from '../usecases/index.js';
import type {
  ScenarioDocument,
  WhatIfAnswer,
  WhatIfMap,
  WhatIfRefusal,
  WhatIfSuggestion,
  WhatIfTeam,
} from './api-types.js';
import { summarize } from './labels.js';

/** Needs a What-if map carries at most, the strongest. */
const MAP_NEEDS = 2_000;

/**
 * The wiring a report finds under a catalog, compactly: each team with its people, what it
 * owns (as the analysis decided it, ownership files included) and its commits; the needs of
 * at least the headline weight; congruence.
 */
export function whatIfMap(report: Report, catalog: Catalog): WhatIfMap {
  const kept = maps.get(report);
  if (kept?.catalog === catalog) return kept.map;
  const map = mapOf(report, catalog);
  maps.set(report, { catalog, map });
  return map;
}

/** Each report's map, made once: every answer carries today's, from the same kept report. */
const maps = new WeakMap<Report, { catalog: Catalog; map: WhatIfMap }>();

function mapOf(report: Report, catalog: Catalog): WhatIfMap {
  const owned = new Map<string, string[]>();
  for (const c of report.ownership.components)
    if (c.owner) owned.set(c.owner, [...(owned.get(c.owner) ?? []), c.ref]);
  const commits = new Map(report.identities.teams.map((t) => [t.ref, t.commits]));
  const { coordination } = report;
  const teams = report.teams.map(
    (t): WhatIfTeam => ({
      ...summarize(catalog, t.ref),
      kind: 'group',
      teamType: (t.type as WhatIfTeam['teamType']) ?? null,
      members: t.members.map((m) => summarize(catalog, m)),
      components: (owned.get(t.ref) ?? []).map((c) => summarize(catalog, c)),
      commits: commits.get(t.ref) ?? 0,
    }),
  );
  return {
    congruence: coordination.congruence,
    teams,
    needs: coordination.needs
      .filter((n) => n.weight >= coordination.minWeight)
      .sort((a, b) => b.weight - a.weight)
      .slice(0, MAP_NEEDS)
      .map((n) => ({ teams: n.teams, weight: n.weight, wired: n.wired })),
    minWeight: coordination.minWeight,
    totalNeeds: coordination.needs.length,
  };
}

/** A scenario as JSON, the document `orgwire whatif` reads, defaults filled in. */
export function scenarioDocument(scenario: Scenario): ScenarioDocument {
  return {
    apiVersion: ORGWIRE_API_VERSION,
    kind: 'Scenario',
    metadata: {
      name: scenario.name,
      ...(scenario.description === undefined ? {} : { description: scenario.description }),
    },
    spec: { changes: scenario.changes.map((c) => c.change) },
  };
}

/** The document as a scenario file: each change on one line, as the demo's are written. */
export function scenarioYaml(document: ScenarioDocument): string {
  const { name, description } = document.metadata;
  return formatScenario(
    {
      name,
      ...(description === undefined ? {} : { description }),
      changes: document.spec.changes as ScenarioChange[],
    },
    [`Try it: orgwire whatif ${name}.yaml`],
  );
}

/**
 * The text parseScenario reads for a JSON body: `apiVersion` and `kind` filled in when
 * absent, so a page need not repeat them.
 */
export function scenarioJsonText(body: Record<string, unknown>): string {
  return JSON.stringify({ apiVersion: ORGWIRE_API_VERSION, kind: 'Scenario', ...body }, null, 2);
}

/** `POST /api/whatif`'s answer for a scenario that applied. */
export function whatIfAnswer(
  result: WhatIfResult,
  today: Catalog,
  scenario: Scenario,
  yaml: string | undefined,
): WhatIfAnswer {
  const document = scenarioDocument(scenario);
  return {
    window: result.after.window,
    scenario: { name: scenario.name, description: scenario.description ?? null },
    yaml: yaml ?? scenarioYaml(document),
    document,
    changes: result.changes,
    before: whatIfMap(result.before, today),
    after: whatIfMap(result.after, result.catalog),
  };
}

/**
 * A refusal naming the first problem and the change it is in: by position when the scenario
 * was read (a change the catalog cannot take), else by the `spec.changes.N` its message names.
 */
export function whatIfRefusal(
  problems: readonly Problem[],
  scenario: Scenario | undefined,
  yaml: boolean,
): WhatIfRefusal {
  const first = problems[0] as Problem;
  const at = scenario?.changes.findIndex(
    (c) => c.at.line === first.line && c.at.column === first.column,
  );
  const named = /\bspec\.changes\.(\d+)\b/.exec(first.message);
  const change = at !== undefined && at >= 0 ? at : named ? Number(named[1]) : null;
  return {
    error: {
      code: 'bad-request',
      message: first.message,
      hint: first.hint,
      change,
      line: yaml ? first.line : null,
    },
  };
}

/**
 * `GET /api/whatif/suggestion`'s answer: the suggestion as the CLI's JSON has it, without the
 * two reports (the page tries the scenario itself), its teams named for people, and its
 * scenario as the document a shipped scenario is: the file `orgwire whatif --suggest --write`
 * writes, read back.
 */
export function whatIfSuggestion(found: Suggestion, catalog: Catalog): WhatIfSuggestion {
  const { fitted, checked, agreement, runs, unwired } = found;
  const head = { fitted, checked, agreement, runs, unwired };
  if (!found.cuts) return { ...head, suggested: null, why: found.unnamed ? 'unnamed' : 'no-cut' };
  const read = parseScenario(found.scenario.yaml, '(suggested)');
  // The file is written from the catalog itself, so a problem here is orgwire's own bug.
  if (!read.scenario)
    throw new Error(`the suggested scenario does not read back: ${read.problems[0]?.message}`);
  return {
    ...head,
    suggested: {
      teams: found.teams.map((t) => ({
        ...summarize(catalog, t.name),
        existing: t.existing,
        members: t.members.map((m) => summarize(catalog, m)),
        unnamed: t.unnamed,
        components: t.components.map((c) => summarize(catalog, c)),
      })),
      scenario: scenarioDocument(read.scenario),
    },
  };
}
