import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe } from 'vitest';
import { parseRequests, type RequestFormat } from '../../src/ingest/index.js';
import { loadCatalog, type RequestsConfig } from '../../src/model/index.js';
import { mutated, mutatedText, nastyString, yamlValue } from './arbitraries.js';
import { fuzzParser } from './fuzz-parser.js';

const team = (name: string, extra = '') =>
  `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: ${name}${extra}}\nspec: {type: team, children: [], profile: {displayName: ${name} team}}\n`;
const { catalog } = loadCatalog([
  {
    path: 'org.yaml',
    text: [
      team(
        'billing-integration',
        ', annotations: {github.com/team-slug: trailhead/billing-integration}',
      ),
      team('checkout'),
      team('platform'),
      team('mobile-apps'),
    ].join('---\n'),
  },
]);
const MAPPING: RequestsConfig = {
  jira: { requester: 'Custom field (Requesting team)', teams: { BILL: 'billing-integration' } },
  github: { provider: 'platform' },
};
const fixture = (name: string) => readFileSync(`test/fixtures/requests/${name}`, 'utf8');

/** Parses an export as a given format, or as detected, with and without orgwire.yaml's mapping. */
const parse = ({
  text,
  format,
  mapped,
}: {
  text: string;
  format?: RequestFormat;
  mapped: boolean;
}) =>
  parseRequests(text, {
    file: 'export',
    catalog,
    ...(format ? { format } : {}),
    ...(mapped ? { mapping: MAPPING } : {}),
  });
const show = ({ text }: { text: string }) => text;

/** Rows of a CSV with these columns, cells from anything to nearly right, quoted or not. */
function csvRows(header: readonly string[], sample: readonly string[][]) {
  const cell = fc.oneof(
    fc.constantFrom(...sample.flat()),
    nastyString,
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  );
  const quote = (v: string) => (/[",\n\r]/.test(v) || false ? `"${v.replaceAll('"', '""')}"` : v);
  return fc
    .array(fc.array(cell, { minLength: 0, maxLength: header.length + 2 }), { maxLength: 8 })
    .map((rows) => [header.join(','), ...rows.map((r) => r.map(quote).join(','))].join('\n'));
}

const CSV_TEXTS: Record<'csv' | 'jira-csv', string> = {
  csv: fixture('requests.csv'),
  'jira-csv': fixture('jira-export.csv'),
};
const header = (text: string) => (text.replace(/^\ufeff/, '').split('\n')[0] as string).split(',');
const sampleCells = (text: string) =>
  text
    .split('\n')
    .slice(1, 6)
    .map((line) => line.split(','));

const withOptions = (text: fc.Arbitrary<string>, format: RequestFormat) =>
  fc.record({
    text,
    format: fc.constantFrom(format, undefined),
    mapped: fc.boolean(),
  }) as fc.Arbitrary<{ text: string; format?: RequestFormat; mapped: boolean }>;

describe('request export fuzzing', () => {
  for (const format of ['csv', 'jira-csv'] as const) {
    const text = CSV_TEXTS[format];
    fuzzParser(
      `requests ${format} (rows)`,
      withOptions(csvRows(header(text), sampleCells(text)), format),
      parse,
      show,
    );
    fuzzParser(
      `requests ${format} (text edits)`,
      withOptions(
        mutatedText(text, [',', '"', '\n', '\r', '""', '\ufeff', '\0', ';', '\t']),
        format,
      ),
      parse,
      show,
    );
  }

  for (const name of ['rest-issues.json', 'gh-issue-list.txt']) {
    const issues = JSON.parse(fixture(name)) as unknown[];
    fuzzParser(
      `requests github-json (${name}, fields)`,
      withOptions(
        fc
          .constantFrom(...issues.slice(0, 5))
          .chain((issue) => mutated(issue))
          .map((issue) => JSON.stringify([issue, ...issues.slice(5, 7)])),
        'github-json',
      ),
      parse,
      show,
    );
    fuzzParser(
      `requests github-json (${name}, text edits)`,
      withOptions(
        mutatedText(JSON.stringify(issues.slice(0, 3), null, 1), [
          '{',
          '}',
          '[',
          ']',
          '"',
          ',',
          ':',
          'null',
          '1e999',
          '-',
          '\\u0000',
        ]),
        'github-json',
      ),
      parse,
      show,
    );
  }

  fuzzParser(
    'requests (any text, any format)',
    fc.record({
      text: fc.oneof(
        fc.string({ maxLength: 300 }),
        yamlValue.map((v) => JSON.stringify(v) ?? ''),
      ),
      format: fc.constantFrom<RequestFormat | undefined>(
        'csv',
        'jira-csv',
        'github-json',
        undefined,
      ),
      mapped: fc.boolean(),
    }) as fc.Arbitrary<{ text: string; format?: RequestFormat; mapped: boolean }>,
    parse,
    show,
  );
});
