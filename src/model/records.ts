import type { BetSpec } from './schemas.js';

/** A bet's status as the catalog and check-ins say it. */
export type BetStatus = NonNullable<BetSpec['status']>;

/** A check-in on a bet, written through the radiator. */
export interface Checkin {
  id: number;
  /** The bet's reference. */
  bet: string;
  /** When it was written (ISO 8601 UTC). */
  at: string;
  /** The bet's status from now on; null when the check-in only reports progress. */
  status: BetStatus | null;
  /** The measured value of the shot's metric; null when none was given. */
  outcomeValue: number | null;
  note: string;
  /** The name of the token that wrote it. */
  by: string;
}

/** A metric reading of a goal, written through the radiator. */
export interface Reading {
  id: number;
  /** The goal's reference. */
  goal: string;
  value: number;
  /** When the value was measured (ISO 8601). */
  at: string;
  by: string;
}

/** A learning written through the radiator: a catalog Learning's fields, plus who and when. */
export interface LearningRecord {
  id: number;
  /** Unique among learnings, catalog and radiator alike. */
  name: string;
  title: string;
  bet?: string;
  incident?: string;
  situation: string;
  complication: string;
  resolution: string;
  lessons: string[];
  /** `YYYY-MM-DD`. */
  date: string;
  authors: string[];
  at: string;
  by: string;
}

/** An access token for the radiator's writes; only its SHA-256 is kept. */
export interface TokenRecord {
  id: number;
  name: string;
  /** Hex SHA-256 of the token. */
  hash: string;
  /** When it was made, as an ISO 8601 UTC timestamp. */
  createdAt: string;
  /**
   * When it last let a request through, as an ISO 8601 UTC timestamp; null: never. Up to a
   * minute behind: a server records a token's use at most once a minute.
   */
  lastUsedAt: string | null;
}
