import { columnKey } from './column-key.js';
import { looksLikeGithubProject, parseGithubProject } from './parse-github-project.js';
import { parseGithubRequests } from './parse-github-requests.js';
import { looksLikeJiraJson, parseJiraJsonRequests } from './parse-jira-json-requests.js';
import { parseJiraRequests } from './parse-jira-requests.js';
import { LINEAR_COLUMNS, parseLinearRequests } from './parse-linear-requests.js';
import {
  PLAIN_REQUEST_COLUMNS,
  PLAIN_REQUIRED,
  parsePlainRequests,
} from './parse-plain-requests.js';
import { csvHeader } from './read-csv-records.js';
import { readTextFile } from './read-text-file.js';
import { createContext } from './request-context.js';
import {
  type ParsedRequests,
  type ParseRequestsOptions,
  REQUEST_FORMATS,
  type RequestFormat,
} from './request-types.js';

// The formats share the CSV reader (read-csv-records.ts), the date parser
// (request-dates.ts), team matching (team-matcher.ts) and the row checks
// (request-context.ts); each format has a file of its own (parse-*-requests.ts).

export { amendRequests } from './amend-requests.js';
export * from './request-types.js';

const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * The format of an export from its content: JSON whose issues have `key` and `fields` is
 * Jira's search answer, JSON whose items have `content` a GitHub project's items, other
 * JSON GitHub issues; a CSV header with `Issue key` is a Jira
 * export, one with ID, Team, Created and Completed Linear's, one with id, requester,
 * provider and created the plain CSV. When the content does not tell, a `.json` file is
 * taken as GitHub issues (so that its JSON error is reported); otherwise undefined.
 */
export function detectRequestFormat(text: string, file: string): RequestFormat | undefined {
  const body = stripBom(text).trimStart();
  if (body.startsWith('[') || body.startsWith('{')) {
    if (looksLikeJiraJson(body)) return 'jira-json';
    return looksLikeGithubProject(body) ? 'github-project' : 'github-json';
  }
  if (body !== '') {
    const header = csvHeader(body)?.map(columnKey);
    if (header?.includes('issue key')) return 'jira-csv';
    if (header && LINEAR_COLUMNS.every((column) => header.includes(column))) return 'linear-csv';
    if (header && PLAIN_REQUIRED.every((column) => header.includes(column))) return 'csv';
  }
  return /\.json$/i.test(file) ? 'github-json' : undefined;
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
    return { requests: [], amendments: [], problems: context.problems };
  }
  if (format === 'github-json') parseGithubRequests(body, context);
  else if (format === 'jira-csv') parseJiraRequests(body, context);
  else if (format === 'jira-json') parseJiraJsonRequests(body, context);
  else if (format === 'linear-csv') parseLinearRequests(body, context);
  else if (format === 'github-project') parseGithubProject(body, context);
  else parsePlainRequests(body, context);
  return {
    format,
    requests: context.requests,
    amendments: context.amendments,
    problems: context.problems,
  };
}

/**
 * Reads a request export from disk and parses it. Throws an {@link AppError} when the file
 * is missing, a folder, not a regular file, unreadable, or not text (see
 * {@link readTextFile}); problems name it as `shownAs`.
 */
export async function readRequestFile(
  path: string,
  options: Omit<ParseRequestsOptions, 'file'> & { shownAs?: string },
): Promise<ParsedRequests> {
  const shown = options.shownAs ?? path;
  const text = await readTextFile(path, {
    shownAs: shown,
    what: 'request export',
    flag: '--requests',
  });
  return parseRequests(text, { ...options, file: shown });
}
