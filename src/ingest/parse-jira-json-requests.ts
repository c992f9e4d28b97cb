import { columnKey } from './column-key.js';
import { jiraTracker } from './parse-jira-requests.js';
import {
  addRow,
  type Context,
  isObject,
  type Json,
  peopleIndex,
  pickTeam,
  readJson,
  sortByLine,
  teamAliases,
  teamOfPerson,
} from './request-context.js';
import { parseRequestDate } from './request-dates.js';
import { type StatusChange, statusWaits } from './status-waits.js';

const JIRA_SEARCH =
  'GET /rest/api/2/search?jql=…&expand=changelog,names&maxResults=100 (every page; save them as one JSON array of pages, or their issues as one list)';

/**
 * Whether a JSON text is Jira's: its issues have `key` and `fields` (GitHub's have
 * `number`). Looked for in the first 64 KiB: the first issue begins there.
 */
export function looksLikeJiraJson(text: string): boolean {
  const head = text.slice(0, 65_536);
  return /"fields"\s*:\s*\{/.test(head) && /"key"\s*:\s*"/.test(head);
}

/**
 * Jira issues as its REST search returns them (`/rest/api/2/search` or `3/search/jql`,
 * `issues` with `key` and `fields`), one page, an array of pages, pages one after another
 * (as a script or `gh`-like tool writes them), or an array of issues;
 * with `expand=changelog`, each issue's status history gives when work started and how long
 * the request waited (see {@link statusWaits}); `expand=names` lets `requests.jira.provider`
 * and `requester` name custom fields as Jira shows them.
 */
export function parseJiraJsonRequests(text: string, context: Context): void {
  const values = readJson(text, context, `Save the search's answer again: ${JIRA_SEARCH}.`);
  if (values === undefined) return;
  const pages = values
    .flatMap(({ value }) => (Array.isArray(value) ? value : [value]))
    .filter(isObject);
  const issues: Json[] = [];
  const names = new Map<string, string>();
  for (const page of pages) {
    if (Array.isArray(page.issues)) issues.push(...page.issues.filter(isObject));
    else if ('key' in page && 'fields' in page) issues.push(page);
    if (isObject(page.names))
      for (const [id, name] of Object.entries(page.names))
        if (typeof name === 'string') names.set(columnKey(name), id);
  }
  if (issues.length === 0) {
    context.fail(
      1,
      'this JSON holds no Jira issues (no "issues" with "key" and "fields")',
      `Save what Jira's search answers: ${JIRA_SEARCH}.`,
    );
    return;
  }
  const jira = context.mapping.jira ?? {};
  const aliases = teamAliases('requests.jira.teams', jira.teams);
  const reporter = peopleIndex(context);
  const waiting = new Set((jira.waiting ?? []).map(columnKey));
  const lines = keyLines(text);
  let cut = 0;
  for (const issue of issues) {
    const key = typeof issue.key === 'string' ? issue.key : '';
    const fields = isObject(issue.fields) ? issue.fields : {};
    const line = lines.get(key) ?? 1;
    const values = (field: string) => fieldValues(fields, names, field);
    const history = statusHistory(issue);
    if (history?.cut) cut++;
    const created = parseRequestDate(str(fields.created));
    // Workflows that close without a resolution leave resolutiondate empty: an issue in a
    // status of Jira's done category was done when it last entered that status.
    const status = isObject(fields.status) ? fields.status : {};
    const category = isObject(status.statusCategory) ? status.statusCategory.key : undefined;
    const closedAt =
      str(fields.resolutiondate) === '' && category === 'done'
        ? history?.changes.findLast((c) => columnKey(c.to) === columnKey(str(status.name)))?.at
        : undefined;
    const doneValue = closedAt ?? str(fields.resolutiondate);
    const done = typeof doneValue === 'number' ? doneValue : parseRequestDate(doneValue);
    const waits =
      history && history.changes.length > 0 && created !== undefined
        ? statusWaits(created, done, history.changes, waiting)
        : undefined;
    const project = isObject(fields.project) ? str(fields.project.key) : '';
    const person = isObject(fields.reporter) ? fields.reporter : {};
    addRow(context, {
      line,
      tracker: project === '' ? jiraTracker(key) : `jira:${project.toUpperCase()}`,
      id: key,
      idField: 'key',
      dates: [
        { field: 'fields.created', value: str(fields.created), role: 'created' },
        ...(waits?.started === undefined
          ? []
          : [{ field: 'changelog', value: waits.started, role: 'started' as const }]),
        {
          field: closedAt === undefined ? 'fields.resolutiondate' : 'changelog',
          value: doneValue,
          role: 'done',
        },
        { field: 'fields.updated', value: str(fields.updated), role: 'updated' },
      ],
      requester:
        jira.requester === undefined
          ? teamOfPerson(
              str(person.emailAddress) || str(person.displayName) || str(person.name),
              reporter,
              'the reporter',
              'Add the reporter to the catalog (name, display name or e-mail) with their team, or set requests.jira.requester in orgwire.yaml to the field that names the requesting team.',
            )
          : pickTeam(context, 'requester', jira.requester, values(jira.requester), aliases),
      provider: pickTeam(
        context,
        'provider',
        jira.provider ?? 'Project',
        values(jira.provider ?? 'Project'),
        aliases,
      ),
      ...(isObject(fields.issuetype) ? { type: str(fields.issuetype.name) } : {}),
      ...(waits?.waited === undefined ? {} : { waited: waits.waited }),
    });
  }
  if (cut > 0)
    context.note(
      1,
      `the changelogs of ${cut} issue${cut === 1 ? '' : 's'} are cut short (a search embeds only the first entries): when work started may be read late`,
      'Fetch each such issue\'s whole history (GET /rest/api/2/issue/KEY/changelog) into its "changelog", or search with fewer issues per page.',
    );
  sortByLine(context);
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The values of a field as the settings name it: `Project` (its name), `Project key`,
 * `Labels`, `Component/s`, a field's name through the export's `names` (`Custom field
 * (Team)` or `Team`), or its id. Objects give their `value`, `name`, `displayName` or `key`.
 */
function fieldValues(fields: Json, names: ReadonlyMap<string, string>, field: string): string[] {
  const wanted = columnKey(field);
  const project = isObject(fields.project) ? fields.project : {};
  if (wanted === 'project' || wanted === 'project name') return [str(project.name)];
  if (wanted === 'project key') return [str(project.key)];
  const custom = /^custom field \((.+)\)$/.exec(wanted)?.[1];
  const id =
    wanted === 'labels'
      ? 'labels'
      : wanted === 'component/s' || wanted === 'components'
        ? 'components'
        : (names.get(custom ?? wanted) ?? field);
  const value = fields[id];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => {
    if (typeof v === 'string') return [v];
    if (typeof v === 'number') return [String(v)];
    if (!isObject(v)) return [];
    const named = [v.value, v.name, v.displayName, v.key].find((x) => typeof x === 'string');
    return named === undefined ? [] : [named as string];
  });
}

/**
 * The status changes of an issue's changelog, oldest first; `cut` when Jira embedded fewer
 * histories than there are. Undefined when the issue has no changelog (searched without
 * `expand=changelog`).
 */
function statusHistory(issue: Json): { changes: StatusChange[]; cut: boolean } | undefined {
  if (!isObject(issue.changelog) || !Array.isArray(issue.changelog.histories)) return undefined;
  const histories = issue.changelog.histories.filter(isObject);
  const changes: StatusChange[] = [];
  for (const history of histories) {
    const at = parseRequestDate(str(history.created));
    if (at === undefined || !Array.isArray(history.items)) continue;
    for (const item of history.items.filter(isObject))
      if (item.field === 'status')
        changes.push({ at, from: str(item.fromString), to: str(item.toString) });
  }
  changes.sort((a, b) => a.at - b.at);
  const total = issue.changelog.total;
  return { changes, cut: typeof total === 'number' && total > histories.length };
}

/**
 * The line where each issue key first appears (`"key": "PLAT-1"`), for messages. One pass:
 * the next line break is looked for only once the matches pass it (a search answer saved
 * on one line has none, and looking again at each match read it whole each time).
 */
function keyLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const pattern = /"key"\s*:\s*"([^"\\]+)"/g;
  let line = 1;
  let newline = text.indexOf('\n');
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    while (newline !== -1 && newline < match.index) {
      line++;
      newline = text.indexOf('\n', newline + 1);
    }
    const key = match[1] as string;
    if (!lines.has(key)) lines.set(key, line);
  }
  return lines;
}
