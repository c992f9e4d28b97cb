import type { Kysely } from 'kysely';
import type { BetStatus, Checkin, LearningRecord, Reading, TokenRecord } from '../model/index.js';
import { byCodePoint } from './dialect-of.js';
import type { Database } from './schema.js';

/** What the radiator writes: tokens, check-ins, goal readings and learnings. */
export interface Records {
  /** Saves a token's hash under a name; false when the name or hash is taken. */
  createToken(name: string, hash: string): Promise<boolean>;
  /** Every token, oldest first. */
  tokens(): Promise<TokenRecord[]>;
  /**
   * Records that the token of that hash let a request through at `at` (ISO 8601 UTC);
   * false when no token has that hash (revoked meanwhile).
   */
  touchToken(hash: string, at: string): Promise<boolean>;
  /** Deletes the token of that name, which revokes it; false when there is none. */
  deleteToken(name: string): Promise<boolean>;
  addCheckin(checkin: Omit<Checkin, 'id'>): Promise<Checkin>;
  /** Every check-in, oldest first. */
  checkins(): Promise<Checkin[]>;
  addReading(reading: Omit<Reading, 'id'>): Promise<Reading>;
  /** Every reading, by measurement time, oldest first. */
  readings(): Promise<Reading[]>;
  addLearning(learning: Omit<LearningRecord, 'id'>): Promise<LearningRecord>;
  /** Every learning written through the radiator, oldest first. */
  learnings(): Promise<LearningRecord[]>;
}

type LearningBody = Omit<LearningRecord, 'id' | 'name' | 'at' | 'by'>;

export function createRecords(db: Kysely<Database>): Records {
  return {
    async createToken(name, hash) {
      const taken = await db
        .selectFrom('tokens')
        .select('id')
        .where((eb) => eb.or([eb('name', '=', name), eb('hash', '=', hash)]))
        .executeTakeFirst();
      if (taken) return false;
      await db
        .insertInto('tokens')
        .values({ name, hash, created_at: new Date().toISOString() })
        .execute();
      return true;
    },

    async tokens() {
      const rows = await db.selectFrom('tokens').selectAll().orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        hash: r.hash,
        createdAt: r.created_at,
        lastUsedAt: r.last_used_at,
      }));
    },

    async touchToken(hash, at) {
      const result = await db
        .updateTable('tokens')
        .set({ last_used_at: at })
        .where('hash', '=', hash)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async deleteToken(name) {
      const result = await db.deleteFrom('tokens').where('name', '=', name).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async addCheckin(checkin) {
      const row = await db
        .insertInto('checkins')
        .values({
          bet: checkin.bet,
          at: checkin.at,
          status: checkin.status,
          outcome_value: checkin.outcomeValue,
          note: checkin.note,
          author: checkin.by,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, ...checkin };
    },

    async checkins() {
      const rows = await db.selectFrom('checkins').selectAll().orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id,
        bet: r.bet,
        at: r.at,
        status: r.status as BetStatus | null,
        outcomeValue: r.outcome_value === null ? null : Number(r.outcome_value),
        note: r.note,
        by: r.author,
      }));
    },

    async addReading(reading) {
      const row = await db
        .insertInto('readings')
        .values({ goal: reading.goal, value: reading.value, at: reading.at, author: reading.by })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, ...reading };
    },

    async readings() {
      const rows = await db
        .selectFrom('readings')
        .selectAll()
        .orderBy(byCodePoint(db, 'at'))
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        goal: r.goal,
        value: Number(r.value),
        at: r.at,
        by: r.author,
      }));
    },

    async addLearning(learning) {
      const { name, at, by, ...body } = learning;
      const row = await db
        .insertInto('learnings')
        .values({ name, at, author: by, body: JSON.stringify(body satisfies LearningBody) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, ...learning };
    },

    async learnings() {
      const rows = await db.selectFrom('learnings').selectAll().orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        at: r.at,
        by: r.author,
        ...(JSON.parse(r.body) as LearningBody),
      }));
    },
  };
}
