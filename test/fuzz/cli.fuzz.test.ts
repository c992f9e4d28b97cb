import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { mutated, mutatedText, toYaml } from './arbitraries.js';
import { FUZZ_RUNS } from './budget.js';
import { KINDS, TEMPLATES, withOthers } from './catalog-templates.js';
import type { FuzzReport } from './fuzz-parser.js';

/**
 * The built CLI on a sample of fuzzed files: whatever the files say, orgwire ends with 0 (it
 * read them) or 2 (an input error, said plainly), never 70 (a bug), never hangs. A thousandth
 * of the parsers' budget, at least 20 files per kind (an eighth as many configs, one per
 * run), up to 25 files per run of the CLI.
 */
const FILES = Math.max(20, Math.round(FUZZ_RUNS / 1000));
const PER_RUN = 25;
/** A run of the CLI over a batch of files taking longer than this counts as a hang. */
const RUN_TIMEOUT_MS = 60_000;
const BIN = resolve('bin/orgwire.js');
const REPORTS = process.env.ORGWIRE_FUZZ_REPORTS;
const work = mkdtempSync(join(tmpdir(), 'orgwire-cli-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CATALOG = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: ops}
spec: {type: team, children: []}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: web}
spec: {type: team, children: []}
`;

/**
 * Runs the CLI once per batch of samples and counts how each run ended. `prepare` writes a
 * batch's files into a fresh folder (which holds catalog/org.yaml) and gives the arguments.
 */
function fuzzCli(
  kind: string,
  samples: string[],
  prepare: (dir: string, texts: string[]) => string[],
  perRun = PER_RUN,
) {
  it(
    `cli ${kind}: exits 0 or 2 on ${samples.length} fuzzed files, never 70, never hangs`,
    () => {
      const report: FuzzReport = {
        parser: `cli ${kind}`,
        inputs: 0,
        crashes: 0,
        hangs: 0,
        wrongExits: 0,
        examples: [],
        done: false,
      };
      const save = () => {
        if (!REPORTS) return;
        const file = join(REPORTS, `cli-${kind}.json`);
        writeFileSync(`${file}.tmp`, JSON.stringify(report));
        renameSync(`${file}.tmp`, file);
      };
      for (let start = 0; start < samples.length; start += perRun) {
        const dir = join(work, `${kind}-${start}`);
        mkdirSync(join(dir, 'catalog'), { recursive: true });
        writeFileSync(join(dir, 'catalog', 'org.yaml'), CATALOG);
        const texts = samples.slice(start, start + perRun);
        const result = spawnSync(process.execPath, [BIN, ...prepare(dir, texts)], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
          timeout: RUN_TIMEOUT_MS,
        });
        report.inputs += texts.length;
        let failure: string | undefined;
        if (result.status === null) {
          report.hangs++;
          failure = `killed after ${RUN_TIMEOUT_MS} ms`;
        } else if (result.status === 70 || /\n\s+at .+:\d+:\d+\)?\n/.test(result.stderr)) {
          report.crashes++;
          failure = `exit ${result.status}: ${result.stderr}`;
        } else if (result.status !== 0 && result.status !== 2) {
          report.wrongExits = (report.wrongExits ?? 0) + 1;
          failure = `exit ${result.status}: ${result.stderr}`;
        }
        if (failure && report.examples.length < 10)
          report.examples.push({ input: texts.join('\n=====\n'), error: failure });
        save();
      }
      report.done = true;
      save();
      expect(report.examples).toEqual([]);
    },
    30_000 + Math.ceil(samples.length / perRun) * RUN_TIMEOUT_MS,
  );
}

const fixture = (name: string) => readFileSync(`test/fixtures/requests/${name}`, 'utf8');
const CONFIG = {
  catalog: 'catalog',
  ignore: ['docs/**'],
  needs: { minWeight: 2 },
  identities: {
    bots: { include: false, extra: ['ci@example.com'] },
    aliases: { 'a@example.com': 'alice' },
  },
  requests: { jira: { provider: 'Project' }, github: { provider: 'ops' } },
  rules: { 'team/size': 'off' },
};
const seed = Number(process.env.ORGWIRE_FUZZ_SEED ?? 11);
const sample = <T>(arbitrary: fc.Arbitrary<T>, n = FILES) =>
  fc.sample(arbitrary, { numRuns: n, seed });

describe('the built CLI on fuzzed files', () => {
  const catalogs = sample(
    fc.oneof(
      fc
        .constantFrom(...KINDS)
        .chain((kind) => mutated(TEMPLATES[kind]).map((doc) => withOthers(kind, doc))),
      fc.constantFrom(...KINDS).chain((kind) => mutatedText(toYaml(TEMPLATES[kind]))),
    ),
  );
  // Each sample is a catalog file of its own; validate reads them all in one run.
  fuzzCli('catalog', catalogs, (dir, texts) => {
    texts.forEach((text, i) => {
      writeFileSync(join(dir, 'catalog', `fuzz-${i}.yaml`), text);
    });
    return ['validate', '--format', 'json'];
  });

  const configs = sample(mutatedText(toYaml(CONFIG)), Math.max(3, Math.round(FILES / 8)));
  // One orgwire.yaml per run (an eighth as many, at least 3: a run of the CLI each).
  fuzzCli(
    'config',
    configs,
    (dir, [text]) => {
      writeFileSync(join(dir, 'orgwire.yaml'), text ?? '');
      return ['validate'];
    },
    1,
  );

  const exports = sample(
    fc.oneof(
      mutatedText(fixture('requests.csv'), [',', '"', '\n', '\r', '\0']),
      mutatedText(fixture('jira-export.csv'), [',', '"', '\n', '\r']),
      mutatedText(fixture('rest-issues.json').slice(0, 3000), ['{', '}', '[', ']', '"', ',']),
    ),
  );
  // Every export of the batch in one run of queues, into a fresh store.
  fuzzCli('requests', exports, (dir, texts) => {
    const args = ['queues', '--db', join(dir, 'store.db'), '--format', 'json'];
    texts.forEach((text, i) => {
      writeFileSync(join(dir, `export-${i}`), text);
      args.push('--requests', `export-${i}`);
    });
    return args;
  });
});
