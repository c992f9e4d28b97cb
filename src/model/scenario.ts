import { stringify } from 'yaml';
import { z } from 'zod';
import { formatIssue } from './format-issue.js';
import { parseYamlDocument } from './parse-yaml-document.js';
import type { Problem, SourcePosition } from './problem.js';
import { INTERACTION_MODES, ORGWIRE_API_VERSION } from './schemas.js';

const name = z.string().trim().min(1);
const names = z.array(name).min(1);
/**
 * The changes of a Scenario (issue 14), by kind, applied in order to the catalog with the
 * work held fixed. Teams, people and components are named as in the catalog (`web`,
 * `group:web`).
 */
const CHANGES = {
  movePerson: z.object({ user: name, to: name, from: name.optional() }).strict(),
  moveComponent: z.object({ component: name, to: name }).strict(),
  mergeTeams: z.object({ teams: names, into: name }).strict(),
  splitTeam: z
    .object({
      team: name,
      into: z
        .array(
          z
            .object({
              name,
              members: z.array(name).default([]),
              components: z.array(name).default([]),
            })
            .strict(),
        )
        .min(2),
    })
    .strict(),
  createTeam: z
    .object({
      name,
      members: z.array(name).default([]),
      components: z.array(name).default([]),
      parent: name.optional(),
    })
    .strict(),
  dissolveTeam: z.object({ team: name, into: name.optional() }).strict(),
  interaction: z
    .object({ between: z.tuple([name, name]), mode: z.enum(INTERACTION_MODES) })
    .strict(),
  removeInteraction: z.object({ between: z.tuple([name, name]) }).strict(),
  embed: z.object({ provider: name, into: names }).strict(),
  leave: z.object({ user: name }).strict(),
};

type Kinds = typeof CHANGES;
/** One change: a mapping with one key, the change's kind. */
export type ScenarioChange = {
  [K in keyof Kinds]: { [key in K]: z.infer<Kinds[K]> };
}[keyof Kinds];

const scenarioSchema = z
  .object({
    apiVersion: z.literal(ORGWIRE_API_VERSION),
    kind: z.literal('Scenario'),
    metadata: z.object({ name, description: z.string().optional() }).loose(),
    spec: z.object({ changes: z.array(z.record(z.string(), z.unknown())).min(1) }).strict(),
  })
  .strict();

/** A scenario as read: its changes, each with where it is written. */
export interface Scenario {
  name: string;
  description?: string;
  changes: { change: ScenarioChange; at: SourcePosition }[];
}

const KINDS = Object.keys(CHANGES).join(', ');

/**
 * Reads a Scenario file (`apiVersion: orgwire.dev/v1alpha1`, `kind: Scenario`,
 * `spec.changes`). Never throws on bad input: every problem has its file, line and column.
 */
export function parseScenario(
  text: string,
  file: string,
): { scenario?: Scenario; problems: Problem[] } {
  const { value, problems, positionOf } = parseYamlDocument(text, file, scenarioSchema, {
    code: 'scenario/invalid',
    unknownKeys: (keys, path) => ({
      message: `${path.length === 0 ? '' : `${path.join('.')}: `}unknown field ${keys.join(', ')}`,
      hint:
        path[0] === 'spec' && path[1] === 'changes'
          ? `Each change is one of ${KINDS}, with its own fields (README, What-if).`
          : 'A scenario has apiVersion, kind, metadata and spec.changes.',
    }),
  });
  if (!value || !positionOf) return { problems };
  // Each change by its kind's schema, so that a problem points into the change.
  const changes: Scenario['changes'] = [];
  value.spec.changes.forEach((written, i) => {
    const at = positionOf(['spec', 'changes', i]);
    const keys = Object.keys(written);
    const kind = keys[0] as keyof Kinds;
    if (keys.length !== 1 || !(kind in CHANGES)) {
      problems.push({
        severity: 'error',
        code: 'scenario/invalid',
        ...at,
        message: `spec.changes.${i}: ${keys.length === 1 ? `unknown change ${keys[0]}` : `a change has one kind, not ${keys.length === 0 ? 'none' : keys.join(' and ')}`}`,
        hint: `A change is one of ${KINDS}: \`- movePerson: {user: ana, to: web}\`.`,
      });
      return;
    }
    const parsed = CHANGES[kind].safeParse(written[kind], { reportInput: true });
    if (parsed.success) {
      changes.push({ change: { [kind]: parsed.data } as ScenarioChange, at });
      return;
    }
    for (const issue of parsed.error.issues) {
      const path = ['spec', 'changes', i, kind, ...(issue.path as (string | number)[])];
      const { message, hint } =
        issue.code === 'unrecognized_keys'
          ? {
              message: `${path.join('.')}: unknown field ${issue.keys.join(', ')}`,
              hint: `${kind} takes ${Object.keys(CHANGES[kind].shape).join(', ')}.`,
            }
          : formatIssue(issue, path.join('.'));
      problems.push({
        severity: 'error',
        code: 'scenario/invalid',
        ...positionOf(path),
        message,
        hint,
      });
    }
  });
  if (problems.length > 0) return { problems };
  return {
    scenario: {
      name: value.metadata.name,
      ...(value.metadata.description === undefined
        ? {}
        : { description: value.metadata.description }),
      changes,
    },
    problems,
  };
}

/**
 * A scenario as the YAML file `orgwire whatif` reads: each change in flow style, one a line,
 * after the comment lines given.
 */
export function formatScenario(
  scenario: { name: string; description?: string; changes: readonly ScenarioChange[] },
  comments: readonly string[] = [],
): string {
  const head = stringify({
    apiVersion: ORGWIRE_API_VERSION,
    kind: 'Scenario',
    metadata: {
      name: scenario.name,
      ...(scenario.description === undefined ? {} : { description: scenario.description }),
    },
  });
  // `- kind: { … }`, as the demo's scenarios are written: the kind first, its fields in flow.
  const changes = scenario.changes.map((c) => {
    const [kind, fields] = Object.entries(c)[0] as [string, unknown];
    return `    - ${kind}: ${stringify(fields, { collectionStyle: 'flow', lineWidth: 0 }).trim()}`;
  });
  return [
    ...comments.map((c) => `# ${c}`),
    head.trimEnd(),
    'spec:',
    '  changes:',
    ...changes,
    '',
  ].join('\n');
}
