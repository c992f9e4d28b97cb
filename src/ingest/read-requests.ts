import { readFile } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../errors.js';
import {
  type Catalog,
  DEFAULT_NAMESPACE,
  type RequestRecord,
  type RequestsConfig,
  type User,
} from '../model/index.js';

// One file for the three formats: they share the CSV reader, the date parser, team
// matching and the row checks, and each format is a short function of its own.

/** The request-queue exports `orgwire ingest --requests` reads. */
export const REQUEST_FORMATS = ['jira-csv', 'github-json', 'csv'] as const;
export type RequestFormat = (typeof REQUEST_FORMATS)[number];

/**
 * Something in an export that could not be read. `error`: the file as a whole (its
 * format, its header, its JSON) is wrong and nothing was read from it; `warning`: one row
 * was skipped and the rest kept.
 */
export interface RequestProblem {
  file: string;
  /** 1-based; for a CSV record that spans lines, the line where it starts. */
  line: number;
  message: string;
  hint: string;
  severity: 'error' | 'warning';
}

export interface ParseRequestsOptions {
  /** The file as shown to the user, for problems and `source`. */
  file: string;
  /** Detected from the text when not given. */
  format?: RequestFormat;
  catalog: Catalog;
  /** `requests` from `orgwire.yaml`. */
  mapping?: RequestsConfig;
}

export interface ParsedRequests {
  /** The format read: as given, else as detected; absent when it cannot be told. */
  format?: RequestFormat;
  /** In file order. */
  requests: RequestRecord[];
  problems: RequestProblem[];
}

/** The plain CSV's columns; the first four are required. */
export const PLAIN_REQUEST_COLUMNS = [
  'id',
  'requester',
  'provider',
  'created',
  'started',
  'done',
  'type',
] as const;
const PLAIN_REQUIRED = PLAIN_REQUEST_COLUMNS.slice(0, 4);

/** Jira's columns for the providing team when `requests.jira.provider` is not set, in order. */
const JIRA_PROVIDER_COLUMNS = ['Project', 'Project name', 'Project key'];
const GH_EXPORT =
  'gh issue list --state all --json number,title,state,createdAt,closedAt,labels,author';
const DATE_HINT =
  'Write dates as ISO 8601 (2026-03-12, 2026-03-12T09:41:00Z) or as Jira exports them (12/Mar/26 9:41 AM).';

const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
const columnKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The format of an export from its content: a JSON array or object is GitHub issues; a CSV
 * header with `Issue key` is a Jira export; one with id, requester, provider and created
 * is the plain CSV. When the content does not tell, a `.json` file is taken as GitHub
 * issues (so that its JSON error is reported); otherwise undefined.
 */
export function detectRequestFormat(text: string, file: string): RequestFormat | undefined {
  const body = stripBom(text).trimStart();
  if (body.startsWith('[') || body.startsWith('{')) return 'github-json';
  if (body !== '') {
    const header = csvHeader(body)?.map(columnKey);
    if (header?.includes('issue key')) return 'jira-csv';
    if (header && PLAIN_REQUIRED.every((column) => header.includes(column))) return 'csv';
  }
  return /\.json$/i.test(file) ? 'github-json' : undefined;
}

function csvHeader(text: string): string[] | undefined {
  try {
    return parse(text, { ...CSV_OPTIONS, to: 1 })[0];
  } catch {
    return undefined;
  }
}

/**
 * Reads a request export (pure: the text is given). Teams are matched as
 * {@link createTeamMatcher} says; a row that cannot be used (no id, no or a bad date, done
 * before created, a team that is not in the catalog, an id seen before) is reported with
 * its line as a warning and skipped; a file that cannot be read as its format, or whose
 * header lacks required columns, is one error and no request is read.
 */
export function parseRequests(text: string, options: ParseRequestsOptions): ParsedRequests {
  const body = stripBom(text);
  const format = options.format ?? detectRequestFormat(body, options.file);
  const context = createContext(options);
  if (format === undefined) {
    context.fail(
      1,
      body.trim() === ''
        ? 'the request export is empty'
        : 'cannot tell what kind of request export this is',
      `Pass --requests-format ${REQUEST_FORMATS.join('|')}; a plain CSV starts with the header ${PLAIN_REQUEST_COLUMNS.join(',')}.`,
    );
    return { requests: [], problems: context.problems };
  }
  if (format === 'github-json') readGithubJson(body, context);
  else if (format === 'jira-csv') readJiraCsv(body, context);
  else readPlainCsv(body, context);
  return { format, requests: context.requests, problems: context.problems };
}

/**
 * Reads a request export from disk and parses it. Throws an {@link AppError} when the file
 * is missing, a folder, unreadable, or not UTF-8 text; problems name it as `shownAs`.
 */
export async function readRequestFile(
  path: string,
  options: Omit<ParseRequestsOptions, 'file'> & { shownAs?: string },
): Promise<ParsedRequests> {
  const shown = options.shownAs ?? path;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new AppError(
        'not-found',
        `No request export at ${shown}.`,
        'Check the path given to --requests.',
      );
    }
    if (code === 'EISDIR') {
      throw new AppError(
        'invalid-input',
        `${shown} is a folder; --requests takes one export file.`,
        'Pass the CSV or JSON file itself, e.g. --requests exports/jira.csv.',
      );
    }
    throw new AppError(
      'invalid-input',
      `Cannot read ${shown} (${code ?? String(error)}).`,
      'Check that the file exists and that you may read it.',
    );
  }
  return parseRequests(decodeText(bytes, shown), { ...options, file: shown });
}

/** The text of an export, refusing what is not UTF-8 text with a way to fix it. */
function decodeText(bytes: Buffer, shown: string): string {
  const notText = (what: string, hint: string) =>
    new AppError('invalid-input', `${shown} is ${what}, not UTF-8 text.`, hint);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw notText(
      'UTF-16',
      'Save it as "CSV UTF-8", or convert it: iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8.csv.',
    );
  }
  if (bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
    throw notText('a zip archive (an Excel workbook?)', 'Export the issues as CSV or JSON.');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notText(
      'in another encoding',
      'Export it as UTF-8, or convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8.csv.',
    );
  }
  if (text.includes('\0')) {
    throw notText('a binary file', 'Export the issues as CSV or JSON.');
  }
  return text;
}

// ---------------------------------------------------------------------------------------
// Dates

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const JIRA =
  /^(\d{1,2})\/([a-z]{3})\/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?)?)?$/i;

/**
 * A date as exports write it, in seconds since the epoch (fractions of a second dropped):
 * ISO 8601 (`2026-03-12`, `2026-03-12T09:41`, `2026-03-12 09:41:07.5+01:00`, `…Z`) or
 * Jira's default export format (`12/Mar/26 9:41 AM`; two-digit years are 20yy; also
 * four-digit years, 24-hour times and dates alone). A time without a zone — Jira writes
 * the exporting user's local time without one — is read as UTC. Undefined for anything
 * else, including days that do not exist (30 February).
 */
export function parseRequestDate(value: string): number | undefined {
  const text = value.trim();
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, zone] = iso;
    return toSeconds(
      Number(y),
      Number(mo),
      Number(d),
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(s ?? 0),
      zoneMinutes(zone),
    );
  }
  const jira = JIRA.exec(text);
  if (!jira) return undefined;
  const [, d, monthName, y, h, mi, s, half] = jira;
  const month = MONTHS.indexOf((monthName as string).toLowerCase()) + 1;
  const year = (y as string).length === 2 ? 2000 + Number(y) : Number(y);
  let hour = Number(h ?? 0);
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half.toLowerCase() === 'p' ? 12 : 0);
  }
  if (month === 0) return undefined;
  return toSeconds(year, month, Number(d), hour, Number(mi ?? 0), Number(s ?? 0), 0);
}

/** Minutes east of UTC for `Z`, `+01`, `+0100` or `-01:00`. */
function zoneMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function toSeconds(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offsetMinutes: number | undefined,
): number | undefined {
  if (offsetMinutes === undefined || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  // Date.UTC rolls 30 February over into March; a day that does not exist is refused.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1) return undefined;
  if (check.getUTCDate() !== day) return undefined;
  return Math.floor(ms / 1000) - offsetMinutes * 60;
}

// ---------------------------------------------------------------------------------------
// Teams

/**
 * Finds the Group an export names, case-insensitively, trying in order: a full or
 * namespaced ref (`group:default/billing`, `default/billing`, `group:billing`); a name in
 * the default namespace or a whole `github.com/team-slug` (`acme/billing-team`, also with
 * a leading `@`); a name in any namespace; the part of a team slug after the slash; a
 * display name or title (spaces collapsed). The first step that names exactly one group
 * wins; a step that names several is passed over. Returns the group's ref, or undefined.
 */
export function createTeamMatcher(
  catalog: Pick<Catalog, 'groups'>,
): (name: string) => string | undefined {
  const steps = Array.from({ length: 5 }, () => new Map<string, Set<string>>());
  const add = (step: number, key: string | undefined, ref: string) => {
    if (key === undefined || key === '') return;
    const map = steps[step] as Map<string, Set<string>>;
    map.set(key, (map.get(key) ?? new Set()).add(ref));
  };
  for (const group of catalog.groups) {
    const name = group.name.toLowerCase();
    const namespace = group.namespace.toLowerCase();
    add(0, group.ref, group.ref);
    add(0, `${namespace}/${name}`, group.ref);
    if (namespace === DEFAULT_NAMESPACE) {
      add(0, `group:${name}`, group.ref);
      add(1, name, group.ref);
    }
    add(1, group.teamSlug, group.ref);
    add(2, name, group.ref);
    add(3, group.teamSlug?.split('/')[1], group.ref);
    for (const display of [group.displayName, group.title]) {
      if (display !== undefined) add(4, columnKey(display), group.ref);
    }
  }
  return (value) => {
    const key = value.trim().replace(/^@/, '').toLowerCase();
    for (const [step, map] of steps.entries()) {
      const refs = map.get(step === 4 ? columnKey(key) : key);
      if (refs?.size === 1) return [...refs][0];
    }
    return undefined;
  };
}

/** Users by the keys `keysOf` gives, lower-cased; a key two users share finds neither. */
function createUserIndex(
  users: readonly User[],
  keysOf: (user: User) => (string | undefined)[],
): (key: string) => User | undefined {
  const index = new Map<string, User | null>();
  for (const user of users) {
    for (const key of new Set(keysOf(user).map((k) => k?.trim().toLowerCase()))) {
      if (key === undefined || key === '') continue;
      index.set(key, index.has(key) && index.get(key) !== user ? null : user);
    }
  }
  return (key) => index.get(key.trim().toLowerCase()) ?? undefined;
}

// ---------------------------------------------------------------------------------------
// Rows

type Outcome<T> = { ok: true; value: T } | { ok: false; message: string; hint: string };
const fail = (message: string, hint: string): Outcome<never> => ({ ok: false, message, hint });

interface Context {
  file: string;
  catalog: Catalog;
  mapping: RequestsConfig;
  matchTeam: (name: string) => string | undefined;
  requests: RequestRecord[];
  problems: RequestProblem[];
  /** Where each id was first read. */
  seen: Map<string, number>;
  fail(line: number, message: string, hint: string): void;
  skip(line: number, message: string, hint: string): void;
}

function createContext(options: ParseRequestsOptions): Context {
  const problems: RequestProblem[] = [];
  const problem =
    (severity: RequestProblem['severity']) => (line: number, message: string, hint: string) => {
      problems.push({ file: options.file, line, message, hint, severity });
    };
  return {
    file: options.file,
    catalog: options.catalog,
    mapping: options.mapping ?? {},
    matchTeam: createTeamMatcher(options.catalog),
    requests: [],
    problems,
    seen: new Map(),
    fail: problem('error'),
    skip: problem('warning'),
  };
}

/** One request as read, before it is checked. Dates are as written; '' when empty. */
interface RowValues {
  line: number;
  id: string;
  /** How the format calls its id, for messages. */
  idField: string;
  /** The id as people write it, for messages (`#12` for an issue). */
  shownId?: string;
  dates: { field: string; value: string; role: 'created' | 'started' | 'done' }[];
  requester: Outcome<string>;
  provider: Outcome<string>;
  type?: string;
}

/** Checks a row and keeps it, or reports why it is skipped. */
function addRow(context: Context, row: RowValues): void {
  const skip = (message: string, hint: string) =>
    context.skip(row.line, row.id === '' ? message : `${row.shownId ?? row.id}: ${message}`, hint);
  if (row.id === '') {
    skip(`the ${row.idField} is empty`, `Every request needs its ${row.idField}.`);
    return;
  }
  const times: Partial<Record<'created' | 'started' | 'done', number>> = {};
  const fields: Partial<Record<'created' | 'started' | 'done', string>> = {};
  for (const date of row.dates) {
    fields[date.role] = date.field;
    if (date.value === '') {
      if (date.role === 'created') {
        skip(`${date.field} is empty`, 'Every request needs the date it was created.');
        return;
      }
      continue;
    }
    const seconds = parseRequestDate(date.value);
    if (seconds === undefined) {
      skip(`${date.field} "${date.value}" is not a date`, DATE_HINT);
      return;
    }
    times[date.role] = seconds;
  }
  const { created, started, done } = times;
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
  const first = context.seen.get(row.id);
  if (first !== undefined) {
    skip(
      `the ${row.idField} was already read at line ${first}`,
      'Each request appears once in an export; remove the repeated row.',
    );
    return;
  }
  context.seen.set(row.id, row.line);
  context.requests.push({
    id: row.id,
    requester: (row.requester as { value: string }).value,
    provider: (row.provider as { value: string }).value,
    created,
    ...(started === undefined ? {} : { started }),
    ...(done === undefined ? {} : { done }),
    ...(row.type === undefined || row.type === '' ? {} : { type: row.type }),
    source: `${context.file}:${row.line}`,
  });
}

const isoTime = (seconds: number): string =>
  new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

/** Values mapped to teams in orgwire.yaml, by their {@link columnKey}, and the setting's name. */
interface TeamAliases {
  setting: string;
  teams: ReadonlyMap<string, string>;
}

/**
 * The one team that `values` name (through `aliases` first). Values that name no team
 * are passed over when another names one, so that a repeated column such as Jira's
 * Labels may hold other labels too.
 */
function pickTeam(
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
function teamOfPerson(
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

// ---------------------------------------------------------------------------------------
// CSV

const CSV_OPTIONS = {
  relax_column_count: true,
  // A stray quote inside an unquoted value is kept as written rather than failing the row.
  relax_quotes: true,
  skip_empty_lines: true,
  trim: true,
  record_delimiter: ['\r\n', '\n', '\r'],
};
/** Past this many records with unclosed quotes, the file is not read as CSV at all. */
const MAX_CSV_SYNTAX_ERRORS = 20;

interface CsvRow {
  /** The line the record starts on. */
  line: number;
  cells: string[];
}

interface CsvTable {
  rows: CsvRow[];
  /** The cell of `row` under the first column named `name` (case-insensitive), trimmed. */
  cell(row: CsvRow, name: string): string;
  /** The non-empty cells under every column named `name` (Jira repeats Labels, Sprint, …). */
  cells(row: CsvRow, name: string): string[];
  has(name: string): boolean;
}

/**
 * Reads CSV records with the line each starts on (a quoted value may span lines). A record
 * whose quote is never closed would swallow the rest of the file: it is reported, and
 * reading resumes on the line after the one it starts on. Blank records are left out.
 */
function readCsvRecords(text: string, context: Context): CsvRow[] | undefined {
  const bytes = Buffer.from(text, 'utf8');
  // csv-parse counts bytes: lines are found from the byte offset where each record starts.
  const lineStarts = [0];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 0x0a || (byte === 0x0d && bytes[i + 1] !== 0x0a)) lineStarts.push(i + 1);
  }
  const lineAt = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  const skipNewlines = (offset: number): number => {
    let at = offset;
    while (bytes[at] === 0x0a || bytes[at] === 0x0d) at++;
    return at;
  };
  const rows: CsvRow[] = [];
  let errors = 0;
  let offset = 0;
  while (offset < bytes.length) {
    let end = offset;
    try {
      const base = offset;
      parse(bytes.subarray(offset), {
        ...CSV_OPTIONS,
        on_record: (cells: string[], info) => {
          const start = skipNewlines(end);
          end = base + info.bytes;
          if (cells.some((c) => c !== '')) rows.push({ line: lineAt(start), cells });
          return null;
        },
      });
      break;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const line = lineAt(skipNewlines(end));
      if (++errors > MAX_CSV_SYNTAX_ERRORS) {
        context.problems.length = 0;
        context.fail(
          line,
          `more than ${MAX_CSV_SYNTAX_ERRORS} records have a quote that is never closed; this is not a CSV file orgwire can read`,
          'Check that the file is a comma-separated export with values quoted by double quotes.',
        );
        return undefined;
      }
      context.problems.push({
        file: context.file,
        line,
        message:
          error.code === 'CSV_QUOTE_NOT_CLOSED'
            ? 'a quoted value that starts in this record is never closed'
            : error.message,
        hint: 'Close the quote; a quote inside a quoted value is written twice ("").',
        severity: 'warning',
      });
      offset = lineStarts[line] ?? bytes.length;
    }
  }
  return rows;
}

/** The CSV with its header checked; undefined (and one error) when it cannot be read. */
function readCsvTable(
  text: string,
  context: Context,
  required: readonly string[],
  hint: string,
): CsvTable | undefined {
  const rows = readCsvRecords(text, context);
  if (rows === undefined) return undefined;
  const [head, ...data] = rows;
  const firstProblem = context.problems[0];
  if (firstProblem !== undefined && (head === undefined || firstProblem.line < head.line)) {
    context.problems.length = 0;
    context.fail(
      firstProblem.line,
      'the header is not valid CSV: a quoted value in it is never closed',
      hint,
    );
    return undefined;
  }
  if (head === undefined) {
    context.fail(1, 'the request export is empty', hint);
    return undefined;
  }
  const keys = head.cells.map(columnKey);
  const missing = required.filter((name) => !keys.includes(columnKey(name)));
  if (missing.length > 0) {
    context.fail(
      head.line,
      `the header lacks the column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}; no request was read`,
      hint,
    );
    return undefined;
  }
  const found = new Map<string, number[]>();
  const indices = (name: string): number[] => {
    const key = columnKey(name);
    let list = found.get(key);
    if (list === undefined) {
      list = keys.flatMap((k, i) => (k === key ? [i] : []));
      found.set(key, list);
    }
    return list;
  };
  return {
    rows: data.filter((row) => {
      if (row.cells.length <= head.cells.length) return true;
      context.skip(
        row.line,
        `${row.cells.length} values, but the header has ${head.cells.length}`,
        'Quote values that hold a comma: "a, b".',
      );
      return false;
    }),
    cell: (row, name) => row.cells[indices(name)[0] ?? -1]?.trim() ?? '',
    cells: (row, name) =>
      indices(name)
        .map((i) => row.cells[i]?.trim() ?? '')
        .filter((v) => v !== ''),
    has: (name) => keys.includes(columnKey(name)),
  };
}

/** Sorts problems by line, the order a person fixes them in. */
function sortByLine(context: Context): void {
  context.problems.sort((a, b) => a.line - b.line);
}

function readPlainCsv(text: string, context: Context): void {
  const table = readCsvTable(
    text,
    context,
    PLAIN_REQUIRED,
    `A plain request CSV starts with the header ${PLAIN_REQUEST_COLUMNS.join(',')} (started, done and type may be left out).`,
  );
  if (!table) return;
  for (const row of table.rows) {
    const cell = (name: string) => table.cell(row, name);
    addRow(context, {
      line: row.line,
      id: cell('id'),
      idField: 'id',
      dates: (['created', 'started', 'done'] as const).map((role) => ({
        field: role,
        value: cell(role),
        role,
      })),
      requester: pickTeam(context, 'requester', 'requester', [cell('requester')]),
      provider: pickTeam(context, 'provider', 'provider', [cell('provider')]),
      type: cell('type'),
    });
  }
  sortByLine(context);
}

function readJiraCsv(text: string, context: Context): void {
  const jira = context.mapping.jira ?? {};
  const present = csvHeader(text)?.map(columnKey) ?? [];
  const providerField =
    jira.provider ??
    JIRA_PROVIDER_COLUMNS.find((name) => present.includes(columnKey(name))) ??
    'Project';
  const requesterField = jira.requester ?? 'Reporter';
  const aliases: TeamAliases = {
    setting: 'requests.jira.teams',
    teams: new Map(
      Object.entries(jira.teams ?? {}).map(([value, team]) => [columnKey(value), team]),
    ),
  };
  const table = readCsvTable(
    text,
    context,
    ['Issue key', 'Created', 'Resolved', providerField, requesterField],
    'Export the issues from Jira with all fields (Export > CSV (all fields)), or name the team columns in orgwire.yaml: requests.jira.provider and requests.jira.requester.',
  );
  if (!table) return;
  const reporter = createUserIndex(context.catalog.users, (u) => [
    u.name,
    u.displayName,
    u.title,
    u.githubLogin,
    ...u.emails,
  ]);
  for (const row of table.rows) {
    const id = table.cell(row, 'Issue key');
    addRow(context, {
      line: row.line,
      id,
      idField: 'Issue key',
      dates: [
        { field: 'Created', value: table.cell(row, 'Created'), role: 'created' },
        { field: 'Resolved', value: table.cell(row, 'Resolved'), role: 'done' },
      ],
      requester:
        jira.requester === undefined
          ? teamOfPerson(
              table.cell(row, 'Reporter'),
              reporter,
              'the Reporter',
              'Add the reporter to the catalog (name, display name or e-mail) with their team, or set requests.jira.requester in orgwire.yaml to the column that names the requesting team.',
            )
          : pickTeam(
              context,
              'requester',
              requesterField,
              table.cells(row, requesterField),
              aliases,
            ),
      provider: pickTeam(
        context,
        'provider',
        providerField,
        table.cells(row, providerField),
        aliases,
      ),
      ...(table.has('Issue Type') ? { type: table.cell(row, 'Issue Type') } : {}),
    });
  }
  sortByLine(context);
}

// ---------------------------------------------------------------------------------------
// GitHub issues JSON

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
// gh writes Go's zero time for an issue that was never closed.
const ZERO_TIME = /^0001-01-01/;

/**
 * GitHub issues as `gh issue list --json …` writes them (camelCase, `author`, states
 * OPEN/CLOSED) or as the REST API returns them (snake_case, `user`, open/closed, pull
 * requests among the issues, which are left out), as a list, a search result's `items`,
 * or one issue.
 */
function readGithubJson(text: string, context: Context): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    context.fail(
      lineOfIndex(text, position === undefined ? text.length : Number(position)),
      `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
      `Export the issues again, e.g. ${GH_EXPORT} > issues.json.`,
    );
    return;
  }
  const items = isObject(data) && Array.isArray(data.items) ? data.items : undefined;
  const one = isObject(data) && 'number' in data ? [data] : undefined;
  const issues: unknown[] | undefined = Array.isArray(data) ? data : (items ?? one);
  if (issues === undefined) {
    const said =
      isObject(data) && typeof data.message === 'string' ? ` (GitHub said: ${data.message})` : '';
    context.fail(
      1,
      `this JSON is not a list of GitHub issues${said}`,
      `Export the issues with ${GH_EXPORT}, or save what the REST API's issue list returns.`,
    );
    return;
  }
  const objects = issues.filter(isObject);
  const missing = [['number'], ['createdAt', 'created_at'], ['closedAt', 'closed_at']].filter(
    (names) => objects.length > 0 && !objects.some((o) => names.some((n) => n in o)),
  );
  if (missing.length > 0) {
    context.fail(
      1,
      `the issues have no ${missing.map((names) => names[0]).join(', ')}; no request was read`,
      `Export them with ${GH_EXPORT}.`,
    );
    return;
  }
  const lines =
    one === undefined
      ? elementLines(text, items !== undefined)
      : [lineOfIndex(text, text.search(/\S/))];
  const github = context.mapping.github ?? {};
  const requesterPrefix = (github.requesterLabelPrefix ?? 'requester:').toLowerCase();
  const providerPrefix = (github.providerLabelPrefix ?? 'team:').toLowerCase();
  const byLogin = createUserIndex(context.catalog.users, (u) => [u.githubLogin]);
  const repositoryOwners = repositoryOwnerIndex(context.catalog);
  issues.forEach((issue, index) => {
    const line = lines[index] ?? 1;
    if (!isObject(issue)) {
      context.skip(
        line,
        `item ${index + 1} is not an issue object`,
        `Export the issues with ${GH_EXPORT}.`,
      );
      return;
    }
    if (isObject(issue.pull_request)) return;
    const number = issue.number;
    const id = typeof number === 'number' && Number.isInteger(number) ? String(number) : '';
    const labels = (Array.isArray(issue.labels) ? issue.labels : [])
      .map((label) => (isObject(label) ? label.name : label))
      .filter((name): name is string => typeof name === 'string');
    const labelled = (prefix: string) =>
      labels.filter((l) => l.toLowerCase().startsWith(prefix)).map((l) => l.slice(prefix.length));
    const field = (...keys: string[]): string => {
      for (const key of keys) {
        const value = issue[key];
        if (typeof value === 'string') return value;
      }
      return '';
    };
    const closed = field('closedAt', 'closed_at');
    const state = field('state').toLowerCase();
    const author = isObject(issue.author) ? issue.author : isObject(issue.user) ? issue.user : {};
    const requesters = labelled(requesterPrefix);
    const providers = labelled(providerPrefix);
    const repository = /\/repos\/([^/]+\/[^/]+)$/.exec(field('repository_url'))?.[1];
    const owner =
      repository === undefined ? undefined : repositoryOwners.get(repository.toLowerCase());
    addRow(context, {
      line,
      id,
      idField: 'issue number',
      shownId: `#${id}`,
      // Messages name the fields as the export spells them.
      dates: [
        {
          field: 'created_at' in issue ? 'created_at' : 'createdAt',
          value: field('createdAt', 'created_at'),
          role: 'created',
        },
        {
          field: 'closed_at' in issue ? 'closed_at' : 'closedAt',
          value: state === 'open' || ZERO_TIME.test(closed) ? '' : closed,
          role: 'done',
        },
      ],
      requester:
        requesters.length > 0
          ? pickTeam(context, 'requester', `label ${requesterPrefix}`, requesters)
          : teamOfPerson(
              typeof author.login === 'string' ? author.login : '',
              byLogin,
              'no requester label, and the author',
              `Label the issue ${requesterPrefix}TEAM, or give the author's User the annotation github.com/user-login and a team.`,
            ),
      provider:
        providers.length > 0
          ? pickTeam(context, 'provider', `label ${providerPrefix}`, providers)
          : github.provider !== undefined
            ? pickTeam(context, 'provider', 'requests.github.provider', [github.provider])
            : owner !== undefined
              ? { ok: true, value: owner }
              : fail(
                  `no provider: no ${providerPrefix} label, and requests.github.provider is not set`,
                  `Label the issue ${providerPrefix}TEAM, or set requests.github.provider in orgwire.yaml to the team that owns the repository.`,
                ),
    });
  });
  sortByLine(context);
}

/** Groups that own a component with `github.com/project-slug`, by the slug (lower case). */
function repositoryOwnerIndex(catalog: Catalog): Map<string, string> {
  const owners = new Map<string, string>();
  for (const component of catalog.components) {
    const slug = component.annotations['github.com/project-slug']?.trim().toLowerCase();
    if (slug && component.owner.startsWith('group:')) owners.set(slug, component.owner);
  }
  return owners;
}

const lineOfIndex = (text: string, index: number): number =>
  text.slice(0, Math.max(0, index)).split('\n').length;

/**
 * The line where each element of the issue list starts: the top-level array, or the array
 * under the top-level `items` key. The text is known to be valid JSON, so raw line breaks
 * occur only between tokens.
 */
function elementLines(text: string, underItems: boolean): number[] {
  const lines: number[] = [];
  const stack: string[] = [];
  let line = 1;
  let listDepth = -1;
  let expecting = false;
  let stringStart = -1;
  let lastString: unknown;
  let key: unknown;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      line++;
      continue;
    }
    if (stringStart >= 0) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        if (stack.length === 1) lastString = JSON.parse(text.slice(stringStart, i + 1));
        stringStart = -1;
      }
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') continue;
    if (expecting && ch !== ']') lines.push(line);
    expecting = false;
    if (ch === '"') stringStart = i;
    else if (ch === '[' || ch === '{') {
      stack.push(ch);
      const isList = underItems ? stack.length === 2 && key === 'items' : stack.length === 1;
      if (ch === '[' && listDepth === -1 && isList) {
        listDepth = stack.length;
        expecting = true;
      }
    } else if (ch === ']' || ch === '}') {
      if (stack.length === listDepth) return lines;
      stack.pop();
    } else if (ch === ',') expecting = stack.length === listDepth;
    else if (ch === ':' && stack.length === 1) key = lastString;
  }
  return lines;
}
