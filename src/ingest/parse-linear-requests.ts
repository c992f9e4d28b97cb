import { columnKey } from './column-key.js';
import { readCsvTable } from './read-csv-records.js';
import {
  addRow,
  type Context,
  peopleIndex,
  pickTeam,
  sortByLine,
  teamAliases,
  teamOfPerson,
} from './request-context.js';

/** The columns that tell Linear's CSV export from other CSV, by {@link columnKey}. */
export const LINEAR_COLUMNS = ['id', 'team', 'created', 'completed'];

/**
 * The tracker of a Linear issue: its team's key, from its identifier (`IN-10` is in
 * `linear:IN`); an identifier of another shape, in `linear`.
 */
export function linearTracker(id: string): string {
  const team = /^([A-Za-z][A-Za-z0-9]*)-\d+$/.exec(id.trim())?.[1];
  return team === undefined ? 'linear' : `linear:${team.toUpperCase()}`;
}

/**
 * Linear's CSV export (Settings › Import/export › Export CSV, or a view's export): `ID`,
 * `Team` (the providing team, by name), `Creator`, `Created`, `Started` (when work started),
 * `Completed`, `Canceled`, `Updated`, and `Labels` (one cell, labels separated by commas).
 * A canceled issue left the queue when it was canceled: it is done then, as a Jira issue
 * resolved Won't Do or a GitHub issue closed as not planned. The columns are found by name:
 * Linear has added columns over the years.
 */
export function parseLinearRequests(text: string, context: Context): void {
  const linear = context.mapping.linear ?? {};
  const providerField = linear.provider ?? 'Team';
  const requesterField = linear.requester ?? 'Creator';
  const aliases = teamAliases('requests.linear.teams', linear.teams);
  const table = readCsvTable(
    text,
    context,
    ['ID', 'Created', providerField, requesterField],
    'Export the issues from Linear as CSV (Settings › Import/export › Export CSV), or name the team columns in orgwire.yaml: requests.linear.provider and requests.linear.requester.',
  );
  if (!table) return;
  const creator = peopleIndex(context);
  // Linear writes all of an issue's labels into one cell.
  const values = (row: Parameters<typeof table.cell>[0], field: string): string[] =>
    columnKey(field) === 'labels'
      ? table.cells(row, field).flatMap((cell) => cell.split(','))
      : table.cells(row, field);
  const dated = (
    field: string,
    role: 'created' | 'started' | 'done' | 'updated',
    value?: string,
  ) => (table.has(field) ? [{ field, value: value ?? '', role }] : []);
  for (const row of table.rows) {
    const id = table.cell(row, 'ID');
    const completed = table.cell(row, 'Completed');
    const canceled = table.has('Canceled') ? table.cell(row, 'Canceled') : '';
    addRow(context, {
      line: row.line,
      tracker: linearTracker(id),
      id,
      idField: 'ID',
      dates: [
        { field: 'Created', value: table.cell(row, 'Created'), role: 'created' },
        ...dated('Started', 'started', table.cell(row, 'Started')),
        ...(completed === '' && canceled !== ''
          ? [{ field: 'Canceled', value: canceled, role: 'done' as const }]
          : dated('Completed', 'done', completed)),
        ...dated('Updated', 'updated', table.cell(row, 'Updated')),
      ],
      requester:
        linear.requester === undefined
          ? teamOfPerson(
              table.cell(row, 'Creator'),
              creator,
              'the Creator',
              "Add the issue's creator to the catalog (name, display name or e-mail) with their team, or set requests.linear.requester in orgwire.yaml to the column that names the requesting team (e.g. Labels).",
            )
          : pickTeam(context, 'requester', requesterField, values(row, requesterField), aliases),
      provider: pickTeam(context, 'provider', providerField, values(row, providerField), aliases),
    });
  }
  sortByLine(context);
}
