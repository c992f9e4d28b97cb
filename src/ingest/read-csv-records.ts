import { CsvError, parse } from 'csv-parse/sync';
import { columnKey } from './column-key.js';
import type { Context } from './request-context.js';

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
export function readCsvRecords(text: string, context: Context): CsvRow[] | undefined {
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
export function readCsvTable(
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

export function csvHeader(text: string): string[] | undefined {
  try {
    return parse(text, { ...CSV_OPTIONS, to: 1 })[0];
  } catch {
    return undefined;
  }
}
