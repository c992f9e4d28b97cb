import type { Catalog, RequestRecord, RequestsConfig, User } from '../model/index.js';
import { columnKey } from './column-key.js';
import { type JsonValue, readJsonValues } from './json-values.js';
import { parseRequestDate } from './request-dates.js';
import type { ParseRequestsOptions, RequestAmendment, RequestProblem } from './request-types.js';
import { createTeamMatcher, createUserIndex } from './team-matcher.js';

const DATE_HINT =
  'Write dates as ISO 8601 (2026-03-12, 2026-03-12T09:41:00Z) or as Jira exports them (12/Mar/26 9:41 AM).';

/** A JSON object, as the JSON exports' readers look into them. */
export type Json = Record<string, unknown>;
export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string; hint: string };
export const fail = (message: string, hint: string): Outcome<never> => ({
  ok: false,
  message,
  hint,
});

export interface Context {
  file: string;
  catalog: Catalog;
  mapping: RequestsConfig;
  /** See `ParseRequestsOptions.repository`. */
  repository?: string;
  matchTeam: (name: string) => string | undefined;
  requests: RequestRecord[];
  amendments: RequestAmendment[];
  problems: RequestProblem[];
  /** Where each ticket (tracker and id) was first read. */
  seen: Map<string, number>;
  fail(line: number, message: string, hint: string): void;
  skip(line: number, message: string, hint: string): void;
  note(line: number, message: string, hint: string): void;
}

export function createContext(options: ParseRequestsOptions): Context {
  const problems: RequestProblem[] = [];
  const problem =
    (severity: RequestProblem['severity']) => (line: number, message: string, hint: string) => {
      problems.push({ file: options.file, line, message, hint, severity });
    };
  return {
    file: options.file,
    catalog: options.catalog,
    mapping: options.mapping ?? {},
    ...(options.repository === undefined ? {} : { repository: options.repository }),
    matchTeam: createTeamMatcher(options.catalog),
    requests: [],
    amendments: [],
    problems,
    seen: new Map(),
    fail: problem('error'),
    skip: problem('warning'),
    note: problem('note'),
  };
}

/** One request as read, before it is checked. Dates are as written; '' when empty. */
interface RowValues {
  line: number;
  /** See `RequestRecord.tracker`. */
  tracker: string;
  id: string;
  /** How the format calls its id, for messages. */
  idField: string;
  /** The id as people write it, for messages (`#12` for an issue). */
  shownId?: string;
  /**
   * As written ('' when empty), or a time the reader worked out (seconds since the epoch,
   * e.g. from a status history). `updated` when the export says when the ticket last
   * changed (see `RequestRecord.updated`).
   */
  dates: { field: string; value: string | number; role: DateRole }[];
  requester: Outcome<string>;
  provider: Outcome<string>;
  type?: string;
  /** See `RequestRecord.waited`: from a status history, of a done request. */
  waited?: number;
}

type DateRole = 'created' | 'started' | 'done' | 'updated';

/** Checks a row and keeps it, or reports why it is skipped. */
export function addRow(context: Context, row: RowValues): void {
  const skip = (message: string, hint: string) =>
    context.skip(row.line, row.id === '' ? message : `${row.shownId ?? row.id}: ${message}`, hint);
  if (row.id === '') {
    skip(`the ${row.idField} is empty`, `Every request needs its ${row.idField}.`);
    return;
  }
  const times: Partial<Record<DateRole, number>> = {};
  const fields: Partial<Record<DateRole, string>> = {};
  for (const date of row.dates) {
    fields[date.role] = date.field;
    if (date.value === '') {
      if (date.role === 'created') {
        skip(`${date.field} is empty`, 'Every request needs the date it was created.');
        return;
      }
      continue;
    }
    const seconds = typeof date.value === 'number' ? date.value : parseRequestDate(date.value);
    if (seconds === undefined) {
      skip(`${date.field} "${date.value}" is not a date`, DATE_HINT);
      return;
    }
    times[date.role] = seconds;
  }
  const { created, started, done, updated } = times;
  if (created === undefined) {
    skip('it has no creation date', 'Every request needs the date it was created.');
    return;
  }
  const order: ['started' | 'done', 'created' | 'started'][] = [
    ['started', 'created'],
    ['done', 'created'],
    ['done', 'started'],
  ];
  for (const [later, earlier] of order) {
    const a = times[later];
    const b = times[earlier];
    if (a !== undefined && b !== undefined && a < b) {
      skip(
        `${fields[later]} (${isoTime(a)}) is before ${fields[earlier]} (${isoTime(b)})`,
        'Correct the dates in the export.',
      );
      return;
    }
  }
  for (const team of [row.requester, row.provider]) {
    if (!team.ok) {
      skip(team.message, team.hint);
      return;
    }
  }
  const ticket = `${row.tracker}\n${row.id}`;
  const first = context.seen.get(ticket);
  if (first !== undefined) {
    skip(
      `the ${row.idField} was already read at line ${first}`,
      'Each request appears once in an export; remove the repeated row.',
    );
    return;
  }
  context.seen.set(ticket, row.line);
  context.requests.push({
    tracker: row.tracker,
    id: row.id,
    requester: (row.requester as { value: string }).value,
    provider: (row.provider as { value: string }).value,
    created,
    ...(started === undefined ? {} : { started }),
    ...(done === undefined ? {} : { done }),
    ...(row.type === undefined || row.type === '' ? {} : { type: row.type }),
    ...(row.waited === undefined || done === undefined ? {} : { waited: row.waited }),
    updated: updated ?? done ?? started ?? created,
    source: `${context.file}:${row.line}`,
  });
}

const isoTime = (seconds: number): string =>
  new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

/** Values mapped to teams in orgwire.yaml, by their {@link columnKey}, and the setting's name. */
export interface TeamAliases {
  setting: string;
  teams: ReadonlyMap<string, string>;
}

/** A `teams` setting (`requests.jira.teams`, …) as {@link TeamAliases}. */
export function teamAliases(
  setting: string,
  teams: Readonly<Record<string, string>> | undefined,
): TeamAliases {
  return {
    setting,
    teams: new Map(Object.entries(teams ?? {}).map(([value, team]) => [columnKey(value), team])),
  };
}

/**
 * The catalog's Users by how a tracker may name a person (a reporter, a creator): name,
 * display name, title, GitHub login or e-mail.
 */
export function peopleIndex(context: Context): (key: string) => User | undefined {
  return createUserIndex(context.catalog.users, (u) => [
    u.name,
    u.displayName,
    u.title,
    u.githubLogin,
    ...u.emails,
  ]);
}

/**
 * The one team that `values` name (through `aliases` first). Values that name no team
 * are passed over when another names one, so that a repeated column such as Jira's
 * Labels may hold other labels too.
 */
export function pickTeam(
  context: Context,
  role: 'requester' | 'provider',
  field: string,
  values: readonly string[],
  aliases?: TeamAliases,
): Outcome<string> {
  const named = values.map((v) => v.trim()).filter((v) => v !== '');
  if (named.length === 0) {
    return fail(
      `${field} is empty, so the ${role} is unknown`,
      `Name the ${role === 'requester' ? 'requesting' : 'providing'} team in ${field}.`,
    );
  }
  const refs = new Set<string>();
  for (const value of named) {
    const alias = aliases?.teams.get(columnKey(value));
    const ref = context.matchTeam(alias ?? value);
    if (ref !== undefined) refs.add(ref);
    else if (alias !== undefined) {
      return fail(
        `${field} "${value}" is mapped to "${alias}" in orgwire.yaml (${aliases?.setting}), which is no team`,
        `Correct ${aliases?.setting} in orgwire.yaml, or add the team to the catalog.`,
      );
    }
  }
  if (refs.size === 1) return { ok: true, value: [...refs][0] as string };
  if (refs.size > 1) {
    return fail(
      `${field} names ${refs.size} teams (${[...refs].join(', ')})`,
      `Name one ${role === 'requester' ? 'requesting' : 'providing'} team per request.`,
    );
  }
  const shown = named.map((v) => `"${v}"`).join(', ');
  return fail(
    `${role} ${shown} is no team in the catalog`,
    `Name a Group by ref, name, github.com/team-slug or display name${
      aliases === undefined
        ? ''
        : `, or map the value to a team in orgwire.yaml (${aliases.setting})`
    }; or add the team to the catalog.`,
  );
}

/** The first team of a person, found by `find`. */
export function teamOfPerson(
  person: string,
  find: (key: string) => User | undefined,
  who: string,
  hint: string,
): Outcome<string> {
  if (person.trim() === '') return fail(`no requester: ${who} is empty`, hint);
  const user = find(person);
  if (!user) return fail(`no requester: ${who} ${person} is no User in the catalog`, hint);
  const team = user.memberOf[0];
  if (team === undefined)
    return fail(`no requester: ${who} ${person} (${user.ref}) is in no team`, hint);
  return { ok: true, value: team };
}

/**
 * The values of a JSON export (see {@link readJsonValues}), or undefined once the text that
 * is not JSON has been reported as the export's one error, with `hint`.
 */
export function readJson(text: string, context: Context, hint: string): JsonValue[] | undefined {
  const read = readJsonValues(text);
  if (read.ok) return read.values;
  context.fail(read.line, `not valid JSON: ${read.message}`, hint);
  return undefined;
}

/** Sorts problems by line, the order a person fixes them in. */
export function sortByLine(context: Context): void {
  context.problems.sort((a, b) => a.line - b.line);
}
