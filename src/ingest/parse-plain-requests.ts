import { readCsvTable } from './read-csv-records.js';
import { addRow, type Context, pickTeam, sortByLine } from './request-context.js';

/** The plain CSV's columns; the first four are required. */
export const PLAIN_REQUEST_COLUMNS = [
  'id',
  'requester',
  'provider',
  'created',
  'started',
  'done',
  'type',
  'updated',
  'tracker',
] as const;
export const PLAIN_REQUIRED = PLAIN_REQUEST_COLUMNS.slice(0, 4);

export function parsePlainRequests(text: string, context: Context): void {
  const table = readCsvTable(
    text,
    context,
    PLAIN_REQUIRED,
    `A plain request CSV starts with the header ${PLAIN_REQUEST_COLUMNS.join(',')} (started, done, type, updated and tracker may be left out).`,
  );
  if (!table) return;
  for (const row of table.rows) {
    const cell = (name: string) => table.cell(row, name);
    const tracker = cell('tracker').trim();
    addRow(context, {
      line: row.line,
      tracker: tracker === '' ? 'csv' : `csv:${tracker}`,
      id: cell('id'),
      idField: 'id',
      dates: (['created', 'started', 'done', 'updated'] as const).map((role) => ({
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
