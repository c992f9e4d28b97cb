import { isAbsolute } from 'node:path';
import type { Kysely } from 'kysely';
import type {
  CommitRecord,
  FileChange,
  MergeLoginEvidence,
  Person,
  RequestRecord,
} from '../model/index.js';
import { byCodePoint } from './dialect-of.js';
import { createRecords, type Records } from './records.js';
import type { CommitTable, Database } from './schema.js';

/** A repository as the store knows it. */
export interface StoredRepository {
  id: number;
  /** The absolute path of the repository folder. */
  path: string;
  label: string;
}

/** A commit read back from the store, with the repository it belongs to. */
export type StoredCommit = CommitRecord & { repositoryId: number };

/** Which commits to read: those of some repositories, optionally within a time window. */
export interface CommitQuery {
  repositoryIds: readonly number[];
  /** Earliest author time, in seconds since the epoch, inclusive. */
  since?: number;
  /** Latest author time, in seconds since the epoch, inclusive. */
  until?: number;
}

/** Everything orgwire keeps between runs, behind one async interface. */
export interface Store extends Records {
  /** The repository at `path` (absolute), created when new; a changed label is updated. */
  repository(path: string, label: string): Promise<StoredRepository>;
  /** The last commit ingested for (repository, ref), or null when it was never ingested. */
  tip(repositoryId: number, ref: string): Promise<string | null>;
  /**
   * Saves commits and moves the tip of (repository, ref) in one transaction, so a process
   * killed mid-way leaves the store at a batch boundary. Commits already stored (same
   * repository and sha, hence same time) are left as they are. An empty batch only moves
   * the tip.
   */
  saveBatch(
    repositoryId: number,
    ref: string,
    commits: readonly CommitRecord[],
    tip: string,
  ): Promise<void>;
  /** Forgets a repository's commits and tips (after its history was rewritten). */
  resetRepository(repositoryId: number): Promise<void>;
  /**
   * Streams commits repository by repository (by id), each newest first in history
   * order — the reverse of the order they were ingested in, so every commit comes before
   * its parents, whatever their author times say — with memory bounded whatever the
   * history's size. While the stream is open it holds
   * the SQLite connection: finish or `break` out of it before calling the store again.
   */
  commits(query: CommitQuery): AsyncIterable<StoredCommit>;
  /**
   * Each commit's parent count and files, as {@link commits} would give them but in no
   * order and with nothing else: what counting changes needs, read at a third of the cost
   * (SQLite sorts no rows and decodes no authors). Holds the connection as `commits` does.
   */
  commitFiles(query: CommitQuery): AsyncIterable<Pick<StoredCommit, 'parents' | 'files'>>;
  /** The oldest and newest author times among the repositories' commits; null when none. */
  timeRange(repositoryIds: readonly number[]): Promise<{ oldest: number; newest: number } | null>;
  /** How many commits the repositories hold. */
  counts(repositoryIds: readonly number[]): Promise<{ commits: number }>;
  /**
   * Keeps these requests by their identity (tracker and id), in one transaction: a ticket
   * already kept is replaced when this reading is as new or newer (`updated`), and left as
   * it is when older; tickets not among these stay. `exportPath` (absolute) also forgets what
   * an earlier orgwire kept of that export, by its path (see migration 0008).
   */
  saveRequests(exportPath: string, requests: readonly RequestRecord[]): Promise<void>;
  /** Every request kept, from every tracker, by creation then tracker and id. */
  requests(): Promise<RequestRecord[]>;
  /** The trackers requests are kept from, with how many tickets, and how many open. */
  requestTrackers(): Promise<{ tracker: string; tickets: number; open: number }[]>;
  /** Forgets the requests of a tracker; how many there were. */
  forgetRequests(tracker: string): Promise<number>;
  /** The pull-request merge logins last read for a repository, and the HEAD they were read at. */
  mergeLogins(
    repositoryId: number,
  ): Promise<{ head: string; evidence: MergeLoginEvidence[] } | null>;
  /** Replaces a repository's merge logins with these, read at `head`, in one transaction. */
  saveMergeLogins(
    repositoryId: number,
    head: string,
    evidence: readonly MergeLoginEvidence[],
  ): Promise<void>;
  /**
   * Per repository, a mark that moves whenever its stored commits change: a batch saved,
   * a history reset or read again. Read from the repository's row, not its commits.
   */
  commitMarks(repositoryIds: readonly number[]): Promise<{ repositoryId: number; mark: number }[]>;
  /**
   * The drift series kept under `key` (see {@link saveDriftSeries}): its stamp and its weeks
   * in week order; null when none is kept.
   */
  driftSeries(key: string): Promise<{ stamp: string; weeks: KeptDriftWeek[] } | null>;
  /** The stamp of the drift series kept under `key`; null when none is kept. */
  driftStamp(key: string): Promise<string | null>;
  /**
   * The weeks of the drift series kept under `key`, in week order, a few at a time: a large
   * organisation's weeks are megabytes each. Holds the connection as {@link commits} does.
   */
  driftWeeks(key: string): AsyncIterable<KeptDriftWeek>;
  /**
   * Keeps a drift series under `key`, replacing what was kept under it, in one transaction;
   * only the `keep` series saved most recently stay (a series per setup, not one per run).
   * `weeks` is read once, a few at a time: a generator may make each week's JSON on demand.
   * The weeks in `unchanged` (week → digest) stay as they were kept under `key`, without
   * being written again: the caller found their digests unchanged. When one of them is no
   * longer there with that digest (another process replaced or dropped the series
   * meanwhile), nothing is kept under `key`: the next run measures it whole rather than read
   * a series with holes.
   */
  saveDriftSeries(
    key: string,
    stamp: string,
    weeks: Iterable<KeptDriftWeek>,
    options?: { keep?: number; unchanged?: ReadonlyMap<string, string> },
  ): Promise<void>;
  /** The result of `kind` kept under `key` (see {@link keepResult}); undefined when none is. */
  keptResult(kind: string, key: string): Promise<string | undefined>;
  /**
   * Keeps a result of `kind` under `key` (a hash of everything it depends on), replacing
   * what was kept under it; only the `keep` results of that kind saved most recently stay.
   */
  keepResult(kind: string, key: string, value: string, keep?: number): Promise<void>;
  /** Closes the database. */
  close(): Promise<void>;
}

/** A week of a kept drift series: the digest of its window's facts and its figures as JSON. */
export interface KeptDriftWeek {
  week: string;
  digest: string;
  data: string;
}

/**
 * Drift series kept by default: a few setups (trailing windows, rule settings) side by side,
 * each with the series `drift` prints and the radiator's trend and report beside it.
 */
const KEPT_DRIFT_SERIES = 12;

/**
 * Drift weeks per insert: a week's JSON is megabytes on a large organisation (2.3 MB on 1,000
 * teams), and weeks given one by one (an iterable) are turned into JSON only as they are saved.
 */
const DRIFT_WEEKS_PER_STATEMENT = 8;

/** Values in one `in (…)` of a delete: far below either database's limit on parameters. */
const DELETES_PER_STATEMENT = 500;

/** Results of each kind kept by default: today's and the one before (a catalog edited back). */
const KEPT_RESULTS = 2;

export interface StoreOptions {
  /** The clock for `updated_at`; the system clock unless a test passes one. */
  now?: () => Date;
}

// SQLite allows 32,766 bound values per statement; 8 columns × 500 rows stays far below it.
// Measured on 80,000 commits, 500 rows per statement was as fast as 4,000 (the cost is in
// SQLite's b-trees, not in statement count) and keeps each statement's SQL text small.
const INSERT_CHUNK_ROWS = 500;

/** Wraps a migrated database in the `Store` interface. The store owns `db` from here. */
export function createStore(db: Kysely<Database>, options: StoreOptions = {}): Store {
  /** The commits a query asks for, before their columns are chosen. */
  const asked = (query: CommitQuery) => {
    let from = db.selectFrom('commits').where('repository_id', 'in', query.repositoryIds);
    if (query.since !== undefined) from = from.where('time', '>=', query.since);
    if (query.until !== undefined) from = from.where('time', '<=', query.until);
    return from;
  };
  const now = options.now ?? (() => new Date());
  const driftStamp = async (key: string) => {
    const series = await db
      .selectFrom('drift_series')
      .select('stamp')
      .where('key', '=', key)
      .executeTakeFirst();
    return series?.stamp ?? null;
  };
  const driftWeeks = (key: string): AsyncIterable<KeptDriftWeek> =>
    db
      .selectFrom('drift_weeks')
      .select(['week', 'digest', 'data'])
      .where('series', '=', key)
      .orderBy(byCodePoint(db, 'week'))
      .stream(DRIFT_WEEKS_PER_STATEMENT);

  return {
    ...createRecords(db),
    async repository(path, label) {
      if (!isAbsolute(path)) {
        throw new Error(`The store keeps repositories by absolute path, not ${path}.`);
      }
      await db
        .insertInto('repositories')
        .values({ path, label })
        .onConflict((oc) => oc.column('path').doNothing())
        .execute();
      const row = await db
        .selectFrom('repositories')
        .select(['id', 'path', 'label'])
        .where('path', '=', path)
        .executeTakeFirstOrThrow();
      if (row.label === label) return row;
      await db.updateTable('repositories').set({ label }).where('id', '=', row.id).execute();
      return { ...row, label };
    },

    async tip(repositoryId, ref) {
      const row = await db
        .selectFrom('ingest_state')
        .select('tip')
        .where('repository_id', '=', repositoryId)
        .where('ref', '=', ref)
        .executeTakeFirst();
      return row?.tip ?? null;
    },

    async saveBatch(repositoryId, ref, commits, tip) {
      const updatedAt = now().toISOString();
      await db.transaction().execute(async (tx) => {
        // Taking the numbers locks the repository's row: one writer per repository at a time.
        const taken = await tx
          .updateTable('repositories')
          .set((eb) => ({ next_seq: eb('next_seq', '+', commits.length) }))
          .where('id', '=', repositoryId)
          .returning('next_seq')
          .executeTakeFirst();
        if (taken === undefined) {
          throw new Error(`The store has no repository ${repositoryId} to save commits to.`);
        }
        const first = Number(taken.next_seq) - commits.length;
        for (let start = 0; start < commits.length; start += INSERT_CHUNK_ROWS) {
          const rows = commits
            .slice(start, start + INSERT_CHUNK_ROWS)
            .map((commit, i) => toRow(repositoryId, commit, first + start + i));
          await tx
            .insertInto('commits')
            .values(rows)
            .onConflict((oc) => oc.columns(['repository_id', 'time', 'sha']).doNothing())
            .execute();
        }
        await tx
          .insertInto('ingest_state')
          .values({ repository_id: repositoryId, ref, tip, updated_at: updatedAt })
          .onConflict((oc) =>
            oc.columns(['repository_id', 'ref']).doUpdateSet({
              tip: (eb) => eb.ref('excluded.tip'),
              updated_at: (eb) => eb.ref('excluded.updated_at'),
            }),
          )
          .execute();
      });
    },

    async resetRepository(repositoryId) {
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('commits').where('repository_id', '=', repositoryId).execute();
        // Numbers are never taken again: the mark of what is stored moves (commitMarks).
        await tx
          .updateTable('repositories')
          .set((eb) => ({ next_seq: eb('next_seq', '+', 1) }))
          .where('id', '=', repositoryId)
          .execute();
        await tx.deleteFrom('ingest_state').where('repository_id', '=', repositoryId).execute();
        await tx.deleteFrom('merge_logins').where('repository_id', '=', repositoryId).execute();
        await tx
          .deleteFrom('merge_login_heads')
          .where('repository_id', '=', repositoryId)
          .execute();
      });
    },

    async *commits(query) {
      // `in ()` is not valid SQL, and no repositories means no commits.
      if (query.repositoryIds.length === 0) return;
      const rows = asked(query)
        .select([
          'repository_id',
          'sha',
          'time',
          'author_name',
          'author_email',
          'co_authors',
          'parents',
          'files',
          'seq',
        ])
        .orderBy('repository_id', 'asc')
        .orderBy('seq', 'desc')
        .stream(STREAM_CHUNK_ROWS);
      for await (const row of rows) yield fromRow(row);
    },

    async *commitFiles(query) {
      if (query.repositoryIds.length === 0) return;
      const rows = asked(query).select(['parents', 'files']).stream(STREAM_CHUNK_ROWS);
      for await (const row of rows)
        yield { parents: row.parents, files: JSON.parse(row.files) as FileChange[] };
    },

    async timeRange(repositoryIds) {
      if (repositoryIds.length === 0) return null;
      // Per repository, each end by its own subquery: both databases then read one entry
      // of the (repository_id, time) key. min and max over `in (…)` together scanned every
      // commit in SQLite (180 ms for a million, three times at each radiator's start).
      const rows = await db
        .selectFrom('repositories as r')
        .select((eb) => [
          eb
            .selectFrom('commits as c')
            .select((c) => c.fn.min('c.time').as('t'))
            .whereRef('c.repository_id', '=', 'r.id')
            .as('oldest'),
          eb
            .selectFrom('commits as c')
            .select((c) => c.fn.max('c.time').as('t'))
            .whereRef('c.repository_id', '=', 'r.id')
            .as('newest'),
        ])
        .where('r.id', 'in', repositoryIds)
        .execute();
      let oldest = Number.POSITIVE_INFINITY;
      let newest = Number.NEGATIVE_INFINITY;
      for (const row of rows) {
        if (row.oldest == null || row.newest == null) continue;
        oldest = Math.min(oldest, Number(row.oldest));
        newest = Math.max(newest, Number(row.newest));
      }
      return oldest <= newest ? { oldest, newest } : null;
    },

    async counts(repositoryIds) {
      if (repositoryIds.length === 0) return { commits: 0 };
      const row = await db
        .selectFrom('commits')
        .select((eb) => eb.fn.countAll().as('commits'))
        .where('repository_id', 'in', repositoryIds)
        .executeTakeFirstOrThrow();
      return { commits: Number(row.commits) };
    },

    async saveRequests(exportPath, requests) {
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('tickets').where('tracker', '=', `export:${exportPath}`).execute();
        for (let start = 0; start < requests.length; start += INSERT_CHUNK_ROWS) {
          const rows = requests.slice(start, start + INSERT_CHUNK_ROWS).map((r) => ({
            tracker: r.tracker,
            id: r.id,
            requester: r.requester,
            provider: r.provider,
            created: r.created,
            started: r.started ?? null,
            done: r.done ?? null,
            type: r.type ?? null,
            waited: r.waited ?? null,
            updated: r.updated,
            source: r.source,
          }));
          await tx
            .insertInto('tickets')
            .values(rows)
            .onConflict((oc) =>
              oc
                .columns(['tracker', 'id'])
                .doUpdateSet((eb) => ({
                  requester: eb.ref('excluded.requester'),
                  provider: eb.ref('excluded.provider'),
                  created: eb.ref('excluded.created'),
                  started: eb.ref('excluded.started'),
                  done: eb.ref('excluded.done'),
                  type: eb.ref('excluded.type'),
                  waited: eb.ref('excluded.waited'),
                  updated: eb.ref('excluded.updated'),
                  source: eb.ref('excluded.source'),
                }))
                // An older export read after a newer one changes nothing.
                .where('tickets.updated', '<=', (eb) => eb.ref('excluded.updated')),
            )
            .execute();
        }
      });
    },

    async requests() {
      const rows = await db
        .selectFrom('tickets')
        .selectAll()
        .orderBy('created')
        .orderBy(byCodePoint(db, 'tracker'))
        .orderBy(byCodePoint(db, 'id'))
        .execute();
      return rows.map((r) => ({
        tracker: r.tracker,
        id: r.id,
        requester: r.requester,
        provider: r.provider,
        created: Number(r.created),
        ...(r.started === null ? {} : { started: Number(r.started) }),
        ...(r.done === null ? {} : { done: Number(r.done) }),
        ...(r.type === null ? {} : { type: r.type }),
        ...(r.waited === null ? {} : { waited: Number(r.waited) }),
        updated: Number(r.updated),
        source: r.source,
      }));
    },

    async requestTrackers() {
      const rows = await db
        .selectFrom('tickets')
        .select((eb) => [
          'tracker',
          eb.fn.countAll().as('tickets'),
          eb.fn.count('id').filterWhere('done', 'is', null).as('open'),
        ])
        .groupBy('tracker')
        .orderBy(byCodePoint(db, 'tracker'))
        .execute();
      return rows.map((r) => ({
        tracker: r.tracker,
        tickets: Number(r.tickets),
        open: Number(r.open),
      }));
    },

    async forgetRequests(tracker) {
      const result = await db
        .deleteFrom('tickets')
        .where('tracker', '=', tracker)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async mergeLogins(repositoryId) {
      const head = await db
        .selectFrom('merge_login_heads')
        .select('head')
        .where('repository_id', '=', repositoryId)
        .executeTakeFirst();
      if (!head) return null;
      const rows = await db
        .selectFrom('merge_logins')
        .select(['email', 'login', 'commits'])
        .where('repository_id', '=', repositoryId)
        .orderBy(byCodePoint(db, 'email'))
        .orderBy(byCodePoint(db, 'login'))
        .execute();
      return { head: head.head, evidence: rows.map((r) => ({ ...r, commits: Number(r.commits) })) };
    },

    async saveMergeLogins(repositoryId, head, evidence) {
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('merge_logins').where('repository_id', '=', repositoryId).execute();
        for (let start = 0; start < evidence.length; start += INSERT_CHUNK_ROWS) {
          const rows = evidence
            .slice(start, start + INSERT_CHUNK_ROWS)
            .map((e) => ({ repository_id: repositoryId, ...e }));
          await tx.insertInto('merge_logins').values(rows).execute();
        }
        await tx
          .insertInto('merge_login_heads')
          .values({ repository_id: repositoryId, head })
          .onConflict((oc) =>
            oc.column('repository_id').doUpdateSet({ head: (eb) => eb.ref('excluded.head') }),
          )
          .execute();
      });
    },

    async commitMarks(repositoryIds) {
      if (repositoryIds.length === 0) return [];
      // `next_seq` only grows: every batch saved and every reset moves it (see saveBatch and
      // resetRepository), so it marks the commits without counting them (280 ms for a million).
      const rows = await db
        .selectFrom('repositories')
        .select(['id', 'next_seq'])
        .where('id', 'in', repositoryIds)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ repositoryId: Number(r.id), mark: Number(r.next_seq) }));
    },

    async driftSeries(key) {
      const stamp = await driftStamp(key);
      if (stamp === null) return null;
      const weeks: KeptDriftWeek[] = [];
      for await (const week of driftWeeks(key)) weeks.push(week);
      return { stamp, weeks };
    },
    driftStamp,
    driftWeeks,

    async saveDriftSeries(key, stamp, weeks, options = {}) {
      const { keep = KEPT_DRIFT_SERIES, unchanged = new Map<string, string>() } = options;
      await db.transaction().execute(async (tx) => {
        const forget = (weeks?: readonly string[]) => {
          let query = tx.deleteFrom('drift_weeks').where('series', '=', key);
          if (weeks) query = query.where('week', 'in', weeks);
          return query.execute();
        };
        if (unchanged.size === 0) await forget();
        else {
          const stored = await tx
            .selectFrom('drift_weeks')
            .select(['week', 'digest'])
            .where('series', '=', key)
            .execute();
          const stays = (row: { week: string; digest: string }) =>
            unchanged.get(row.week) === row.digest;
          if (stored.filter(stays).length < unchanged.size) {
            await forget();
            await tx.deleteFrom('drift_series').where('key', '=', key).execute();
            return;
          }
          const goes = stored.filter((row) => !stays(row)).map((row) => row.week);
          for (let at = 0; at < goes.length; at += DELETES_PER_STATEMENT)
            await forget(goes.slice(at, at + DELETES_PER_STATEMENT));
        }
        const saved = await nextSaved(tx, 'drift_series');
        await tx
          .insertInto('drift_series')
          .values({ key, stamp, saved })
          .onConflict((oc) =>
            oc.column('key').doUpdateSet({
              stamp: (eb) => eb.ref('excluded.stamp'),
              saved: (eb) => eb.ref('excluded.saved'),
            }),
          )
          .execute();
        let rows: (KeptDriftWeek & { series: string })[] = [];
        for (const week of weeks) {
          rows.push({ series: key, ...week });
          if (rows.length < DRIFT_WEEKS_PER_STATEMENT) continue;
          await tx.insertInto('drift_weeks').values(rows).execute();
          rows = [];
        }
        if (rows.length > 0) await tx.insertInto('drift_weeks').values(rows).execute();
        const old = await tx
          .selectFrom('drift_series')
          .select('key')
          .orderBy('saved', 'desc')
          .offset(keep)
          .limit(1_000)
          .execute();
        for (const { key: stale } of old) {
          await tx.deleteFrom('drift_weeks').where('series', '=', stale).execute();
          await tx.deleteFrom('drift_series').where('key', '=', stale).execute();
        }
      });
    },

    async keptResult(kind, key) {
      const row = await db
        .selectFrom('kept_results')
        .select('value')
        .where('kind', '=', kind)
        .where('key', '=', key)
        .executeTakeFirst();
      return row?.value;
    },

    async keepResult(kind, key, value, keep = KEPT_RESULTS) {
      await db.transaction().execute(async (tx) => {
        const saved = await nextSaved(tx, 'kept_results');
        await tx
          .insertInto('kept_results')
          .values({ kind, key, saved, value })
          .onConflict((oc) =>
            oc.columns(['kind', 'key']).doUpdateSet({
              saved: (eb) => eb.ref('excluded.saved'),
              value: (eb) => eb.ref('excluded.value'),
            }),
          )
          .execute();
        const newest = tx
          .selectFrom('kept_results')
          .select('key')
          .where('kind', '=', kind)
          .orderBy('saved', 'desc')
          .limit(keep);
        await tx
          .deleteFrom('kept_results')
          .where('kind', '=', kind)
          .where('key', 'not in', newest)
          .execute();
      });
    },

    async close() {
      await db.destroy();
    },
  };
}

/** The number the next saved row of a kept table takes: the oldest are let go first. */
async function nextSaved(
  tx: Kysely<Database>,
  table: 'drift_series' | 'kept_results',
): Promise<number> {
  const last = await tx
    .selectFrom(table)
    .select((eb) => eb.fn.max('saved').as('saved'))
    .executeTakeFirst();
  return Number(last?.saved ?? 0) + 1;
}

// Rows fetched per round trip: a PostgreSQL cursor's batch, or a chunk of SQLite's rows
// (see sqlite-dialect.ts).
const STREAM_CHUNK_ROWS = 1_000;

function toRow(repositoryId: number, commit: CommitRecord, seq: number): CommitTable {
  return {
    repository_id: repositoryId,
    seq,
    sha: commit.sha,
    time: commit.time,
    author_name: commit.author.name,
    author_email: commit.author.email,
    co_authors: JSON.stringify(commit.coAuthors.map(({ name, email }) => ({ name, email }))),
    parents: commit.parents,
    files: JSON.stringify(commit.files),
  };
}

function fromRow(row: CommitTable): StoredCommit {
  return {
    repositoryId: row.repository_id,
    sha: row.sha,
    time: Number(row.time),
    author: { name: row.author_name, email: row.author_email },
    coAuthors: JSON.parse(row.co_authors) as Person[],
    parents: row.parents,
    files: JSON.parse(row.files) as FileChange[],
  };
}
