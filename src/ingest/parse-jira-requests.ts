import { columnKey } from './column-key.js';
import { csvHeader, readCsvTable } from './read-csv-records.js';
import {
  addRow,
  type Context,
  peopleIndex,
  pickTeam,
  sortByLine,
  teamAliases,
  teamOfPerson,
} from './request-context.js';

/** Jira's columns for the providing team when `requests.jira.provider` is not set, in order. */
const JIRA_PROVIDER_COLUMNS = ['Project', 'Project name', 'Project key'];

/**
 * The tracker of a Jira issue: its project, from its key (`PLAT-12` is in `jira:PLAT`); a
 * key of another shape, in `jira`.
 */
export function jiraTracker(key: string): string {
  const project = /^([A-Za-z][A-Za-z0-9_]*)-\d+$/.exec(key.trim())?.[1];
  return project === undefined ? 'jira' : `jira:${project.toUpperCase()}`;
}

export function parseJiraRequests(text: string, context: Context): void {
  const jira = context.mapping.jira ?? {};
  const present = csvHeader(text)?.map(columnKey) ?? [];
  const providerField =
    jira.provider ??
    JIRA_PROVIDER_COLUMNS.find((name) => present.includes(columnKey(name))) ??
    'Project';
  const requesterField = jira.requester ?? 'Reporter';
  const aliases = teamAliases('requests.jira.teams', context.mapping.jira?.teams);
  const table = readCsvTable(
    text,
    context,
    ['Issue key', 'Created', 'Resolved', providerField, requesterField],
    'Export the issues from Jira with all fields (Export > CSV (all fields)), or name the team columns in orgwire.yaml: requests.jira.provider and requests.jira.requester.',
  );
  if (!table) return;
  const reporter = peopleIndex(context);
  for (const row of table.rows) {
    const id = table.cell(row, 'Issue key');
    addRow(context, {
      line: row.line,
      tracker: jiraTracker(id),
      id,
      idField: 'Issue key',
      dates: [
        { field: 'Created', value: table.cell(row, 'Created'), role: 'created' },
        { field: 'Resolved', value: table.cell(row, 'Resolved'), role: 'done' },
        ...(table.has('Updated')
          ? [{ field: 'Updated', value: table.cell(row, 'Updated'), role: 'updated' as const }]
          : []),
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
