import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRequests } from '../ingest/index.js';
import { type Catalog, loadCatalog, type RequestRecord } from '../model/index.js';
import { openStore } from './open-store.js';

// Exports are windows onto one tracker: they overlap, are read in any order, under any
// names, and each ticket counts once, as its newest reading says (see `Store.saveRequests`).

const CATALOG = ['web', 'ops', 'data']
  .map(
    (name) =>
      `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: ${name}}\nspec: {type: team, children: []}\n`,
  )
  .join('---\n');

let catalog: Catalog;
let dir: string;
beforeAll(async () => {
  catalog = loadCatalog([{ path: 'org.yaml', text: CATALOG }]).catalog;
  dir = await mkdtemp(join(tmpdir(), 'orgwire-requests-once-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Ticket {
  id: string;
  requester: string;
  provider: string;
  created: number;
  done?: number | undefined;
}

const day = (seconds: number) => new Date(seconds * 1000).toISOString();
const csv = (tickets: readonly Ticket[]) =>
  [
    'id,requester,provider,created,done',
    ...tickets.map((t) =>
      [t.id, t.requester, t.provider, day(t.created), t.done === undefined ? '' : day(t.done)].join(
        ',',
      ),
    ),
  ].join('\n');

const ticket = fc.record({
  n: fc.integer({ min: 1, max: 40 }),
  requester: fc.constantFrom('web', 'ops', 'data'),
  provider: fc.constantFrom('web', 'ops', 'data'),
  created: fc.integer({ min: 1_600_000_000, max: 1_800_000_000 }),
  doneAfter: fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: undefined }),
});
const tickets = fc
  .uniqueArray(ticket, { selector: (t) => t.n, minLength: 1, maxLength: 20 })
  .map((ts) =>
    ts.map(
      (t): Ticket => ({
        id: `T-${t.n}`,
        requester: t.requester,
        provider: t.provider,
        created: t.created,
        done: t.doneAfter === undefined ? undefined : t.created + t.doneAfter,
      }),
    ),
  );
const name = fc.stringMatching(/^[a-z]{1,8}\.csv$/);

let runs = 0;
/** Reads the exports, in order, into a new store; what it then keeps, without `source`. */
async function readInto(exports: readonly { name: string; text: string }[][]) {
  const store = await openStore({ dialect: 'sqlite', file: join(dir, `${++runs}.db`) });
  try {
    const after: Omit<RequestRecord, 'source'>[][] = [];
    for (const round of exports) {
      for (const file of round) {
        const parsed = parseRequests(file.text, { file: file.name, catalog });
        expect(parsed.problems).toEqual([]);
        await store.saveRequests(join(dir, file.name), parsed.requests);
      }
      after.push((await store.requests()).map(({ source: _, ...rest }) => rest));
    }
    return after;
  } finally {
    await store.close();
  }
}

const asKept = (t: Ticket): Omit<RequestRecord, 'source'> => ({
  tracker: 'csv',
  id: t.id,
  requester: `group:default/${t.requester}`,
  provider: `group:default/${t.provider}`,
  created: t.created,
  ...(t.done === undefined ? {} : { done: t.done }),
  updated: t.done ?? t.created,
});
const byKey = (a: { created: number; id: string }, b: { created: number; id: string }) =>
  a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('requests read from overlapping exports', () => {
  it('keeps every ticket of any exports once; reading them again, in any order and under any names, changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        tickets.chain((all) =>
          fc.tuple(
            fc.constant(all),
            fc.array(fc.tuple(fc.shuffledSubarray(all), name), { minLength: 1, maxLength: 4 }),
            fc.array(name, { minLength: 4, maxLength: 4 }),
          ),
        ),
        async ([, exports, names]) => {
          const first = exports.map(([ts, n]) => ({ name: n, text: csv(ts) }));
          const again = [...first]
            .reverse()
            .map((file, i) => ({ name: names[i] as string, text: file.text }));
          const [read, reread] = await readInto([first, again]);
          const union = new Map(exports.flatMap(([ts]) => ts.map((t) => [t.id, t])));
          expect(read).toEqual([...union.values()].map(asKept).sort(byKey));
          expect(reread).toEqual(read);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('keeps the newer reading of a ticket, whichever export is read last', async () => {
    await fc.assert(
      fc.asyncProperty(tickets, fc.boolean(), name, name, async (all, newerFirst, a, b) => {
        // The older export saw every ticket open; the newer one, as they are now.
        const older = { name: a, text: csv(all.map((t) => ({ ...t, done: undefined }))) };
        const newer = { name: b, text: csv(all) };
        const [read] = await readInto([newerFirst ? [newer, older] : [older, newer]]);
        expect(read).toEqual(all.map(asKept).sort(byKey));
      }),
      { numRuns: 30 },
    );
  });
});
