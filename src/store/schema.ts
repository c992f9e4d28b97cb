import type { Generated } from 'kysely';

/**
 * The tables orgwire keeps, as Kysely sees them. Column names are the SQL names; the store
 * maps rows to the model's shapes so that no other folder sees them.
 */
export interface Database {
  repositories: RepositoryTable;
  ingest_state: IngestStateTable;
  commits: CommitTable;
  tickets: TicketTable;
  tokens: TokenTable;
  checkins: CheckinTable;
  readings: ReadingTable;
  learnings: LearningTable;
  merge_login_heads: MergeLoginHeadTable;
  merge_logins: MergeLoginTable;
  drift_series: DriftSeriesTable;
  drift_weeks: DriftWeekTable;
  kept_results: KeptResultTable;
}

/** A result kept between runs (see `Store.keptResult`). */
export interface KeptResultTable {
  kind: string;
  key: string;
  /** The order results were saved in. */
  saved: number;
  value: string;
}

/** A drift series kept between runs: keyed by its setup, stamped with the commits it saw. */
export interface DriftSeriesTable {
  key: string;
  stamp: string;
  /** The order series were saved in. */
  saved: number;
}

/** One week of a kept drift series: the digest of its window's facts and its figures (JSON). */
export interface DriftWeekTable {
  series: string;
  week: string;
  digest: string;
  data: string;
}

/** The HEAD a repository's pull-request merge logins were read at: the cache's key. */
export interface MergeLoginHeadTable {
  repository_id: number;
  head: string;
}

/** How often one login's pull requests brought in one author e-mail's commits. */
export interface MergeLoginTable {
  repository_id: number;
  email: string;
  login: string;
  commits: number;
}

/** An access token for the radiator's writes, by the hex SHA-256 of its secret. */
export interface TokenTable {
  id: Generated<number>;
  name: string;
  hash: string;
  created_at: string;
  /** When the token last let a request through, as an ISO 8601 UTC timestamp; null: never. */
  last_used_at: string | null;
}

/** A check-in on a bet, written through the radiator. */
export interface CheckinTable {
  id: Generated<number>;
  bet: string;
  at: string;
  status: string | null;
  outcome_value: number | null;
  note: string;
  author: string;
}

/** A goal's metric reading, written through the radiator. */
export interface ReadingTable {
  id: Generated<number>;
  goal: string;
  value: number;
  at: string;
  author: string;
}

/** A learning written through the radiator; `body` is the JSON of its fields. */
export interface LearningTable {
  id: Generated<number>;
  name: string;
  at: string;
  body: string;
  author: string;
}

/** A request by its identity in its tracker (see `RequestRecord`). */
export interface TicketTable {
  tracker: string;
  id: string;
  requester: string;
  provider: string;
  created: number;
  started: number | null;
  done: number | null;
  type: string | null;
  /** Seconds spent waiting, from the status history (see `RequestRecord.waited`). */
  waited: number | null;
  updated: number;
  /** Where it was read: `file:line`. */
  source: string;
}

/** A repository orgwire has ingested, identified by its absolute path. */
export interface RepositoryTable {
  id: Generated<number>;
  /** The absolute path of the repository folder; unique. */
  path: string;
  /** The name shown to people (usually the folder name). */
  label: string;
  /** The `seq` the repository's next ingested commit gets. */
  next_seq: Generated<number>;
}

/** How far ingestion got: one row per (repository, ref). */
export interface IngestStateTable {
  repository_id: number;
  /** The ref that was ingested, as given (`HEAD`, `main`, `refs/remotes/origin/main`). */
  ref: string;
  /** The last commit ingested; the next run reads from here. */
  tip: string;
  /** When the tip was last set, as an ISO 8601 UTC timestamp. */
  updated_at: string;
}

/**
 * One row per commit, with its co-authors and files as JSON text. Denormalised on purpose:
 * analyses read every commit of a window and aggregate in memory, and one row per commit
 * with JSON columns reads several times faster than joining file and author tables.
 * Keyed by (repository_id, time, sha); see the migration for why time comes before sha.
 */
export interface CommitTable {
  repository_id: number;
  sha: string;
  /** Author time in seconds since the epoch. */
  time: number;
  author_name: string;
  author_email: string;
  /** JSON array of `{ name, email }`. */
  co_authors: string;
  /** How many parents: 0 for a root commit, 2 or more for a merge. */
  parents: number;
  /** JSON array of `FileChange`. */
  files: string;
  /** Ingest order within the repository: a commit's parents have lower numbers. */
  seq: number;
}
