#!/usr/bin/env node
// A copy of a SQLite store in PostgreSQL, so that the serve benchmark can run the same
// organisation on both dialects (bench/generate-org.mjs writes its history into SQLite only).
//
//   npm run build && node bench/copy-store.mjs FROM.db postgres://postgres@127.0.0.1:5432/NAME
//       [--force]
//
// One step after the other:
//
//   database  NAME is created (through the server's `postgres` database) when it does not
//             exist. One that exists and holds rows in any of its tables is refused, unless
//             --force: then it is dropped and created again. One that exists and holds no
//             rows is used as it is.
//   schema    orgwire's own migrations (dist/store: createDb + migrateToLatest) bring NAME's
//             schema up to date, so that it is exactly what `orgwire --db URL` would make.
//   copy      every table FROM and NAME both have, parents before children (NAME's foreign
//             keys), in one transaction: rows are streamed from FROM (opened read-only, in
//             one read transaction) and inserted in batches of 5,000 rows, one `unnest` of an
//             array per column, so memory stays bounded by a batch, not by the store. Ids are
//             kept (OVERRIDING SYSTEM VALUE), and each identity then starts past the largest
//             id FROM ever gave (its max id, or its sqlite_sequence entry when higher).
//             The schema's own records (kysely_migration*) are NAME's, not copied.
//   check     each table's rows are counted again in NAME, after the commit, against FROM;
//             then ANALYZE, so that the first queries of a benchmark are planned with
//             statistics rather than at whatever moment autovacuum would get to it.
//
// A column NAME has and FROM lacks (FROM written by an older orgwire) gets its default, and a
// table FROM lacks stays empty; both are said. FROM is never written, though SQLite creates
// the -shm and -wal files beside a WAL store for any reader, as it does for orgwire itself.
//
// Prints each table's rows and the time each step took on stdout, progress on stderr.
//
// Exit status: 0 when copied; 2 when the input is wrong (bad arguments, FROM not an orgwire
// store or newer than this orgwire, NAME holding rows without --force, no PostgreSQL
// answering, orgwire not built); 1 when a step failed (creating NAME, the migrations, the
// copy, or a row count that does not match: then NAME holds no trustworthy copy).

import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { quoteIdent, redact, since, timedSteps } from './common.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STORE = join(ROOT, 'dist', 'store', 'index.js');

/** Rows per INSERT: a few MB of commits at most, and one round trip per 5,000 rows. */
const BATCH = 5_000;
/** Rows between two progress lines. */
const PROGRESS = 100_000;
/** The schema's own records, written by the migrations in NAME, never copied. */
const SCHEMA_RECORDS = /^kysely_migration/;
/** Databases that must not be dropped with --force nor filled. */
const RESERVED = new Set(['postgres', 'template0', 'template1']);

const USAGE = `Usage: node bench/copy-store.mjs FROM.db postgres://USER@HOST:PORT/NAME [--force]

Copies every table and row of the orgwire SQLite store FROM.db into the PostgreSQL database
NAME, creating it when it does not exist, with orgwire's own schema and the same ids.
Build first: npm run build.

  --force   drop and recreate NAME if it exists (without it, a NAME holding rows is refused)
`;

/** Wrong input: says what and how to fix it, exits 2. */
function refuse(message) {
  process.stderr.write(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** A step failed: carries what to print before exiting 1. */
class StepFailure extends Error {}

function parseArgs(argv) {
  const options = { from: undefined, url: undefined, force: false };
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (arg === '--force') {
      options.force = true;
    } else if (arg.startsWith('-')) {
      refuse(`unknown option ${arg}.`);
    } else if (options.from === undefined) {
      options.from = arg;
    } else if (options.url === undefined) {
      options.url = arg;
    } else {
      refuse(`one FROM and one URL only, got a third argument "${arg}".`);
    }
  }
  if (options.from === undefined) refuse('FROM (the SQLite store) is missing.');
  if (options.url === undefined) refuse('the PostgreSQL URL is missing.');
  if (!/^postgres(ql)?:\/\//i.test(options.url)) {
    refuse(`the second argument must be a postgres:// URL, not "${options.url}".`);
  }
  let name;
  try {
    name = decodeURIComponent(new URL(options.url).pathname.slice(1));
  } catch {
    refuse(`"${redact(options.url)}" is not a URL.`);
  }
  if (!name || name.includes('/')) {
    refuse(`the URL must name one database (postgres://…/NAME), not "${redact(options.url)}".`);
  }
  if (RESERVED.has(name)) refuse(`${name} is PostgreSQL's own database: name another.`);
  return { ...options, name };
}

const thousands = (n) => n.toLocaleString('en');

// --- FROM ---------------------------------------------------------------------------------

/**
 * FROM, read-only, with its tables and their columns, or a refusal when it is not an orgwire
 * store. Everything is read in one read transaction, so counts and rows agree even if an
 * orgwire process writes to FROM meanwhile.
 */
function openSource(file) {
  if (!existsSync(file) || !statSync(file).isFile()) refuse(`no file at ${file}.`);
  let db;
  try {
    db = new Sqlite(file, { readonly: true, fileMustExist: true });
    db.exec('begin');
    const names = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'",
      )
      .pluck()
      .all();
    if (!names.includes('kysely_migration') || !names.includes('repositories')) {
      refuse(`${file} is not an orgwire store (it has no kysely_migration or repositories table).`);
    }
    const tables = new Map();
    for (const name of names.filter((n) => !SCHEMA_RECORDS.test(n))) {
      const columns = db
        .prepare('select name from pragma_table_info(?) order by cid')
        .pluck()
        .all(name);
      const rows = db
        .prepare(`select count(*) from ${quoteIdent(name)}`)
        .pluck()
        .get();
      tables.set(name, { columns, rows });
    }
    const hasSequences = db
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'sqlite_sequence'")
      .get();
    const sequences = new Map(
      hasSequences ? db.prepare('select name, seq from sqlite_sequence').raw().all() : [],
    );
    return { db, tables, sequences };
  } catch (error) {
    db?.close();
    refuse(`cannot read ${file} as a SQLite store (${error.message}).`);
  }
}

// --- PostgreSQL ---------------------------------------------------------------------------

async function connect(url) {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 10_000,
    application_name: 'orgwire copy-store',
  });
  client.on('error', () => {}); // a dropped connection shows up as the next query's error
  await client.connect();
  return client;
}

/** The same server's `postgres` database, where NAME is created and dropped. */
function adminUrl(url) {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** The tables of NAME's schema that hold at least one row, but for the schema's records. */
async function tablesWithRows(url) {
  const client = await connect(url);
  try {
    const { rows } = await client.query(
      "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name",
    );
    const full = [];
    for (const { table_name: name } of rows.filter((r) => !SCHEMA_RECORDS.test(r.table_name))) {
      const { rows: hit } = await client.query(`select 1 from ${quoteIdent(name)} limit 1`);
      if (hit.length > 0) full.push(name);
    }
    return full;
  } finally {
    await client.end();
  }
}

/** Makes sure NAME exists and holds no rows: creates it, or drops it first with --force. */
async function prepareDatabase(options) {
  let admin;
  try {
    admin = await connect(adminUrl(options.url));
  } catch (error) {
    refuse(`no PostgreSQL answers at ${redact(adminUrl(options.url))} (${error.message}).`);
  }
  try {
    const { rows } = await admin.query('select 1 from pg_database where datname = $1', [
      options.name,
    ]);
    let exists = rows.length > 0;
    if (exists && options.force) {
      try {
        await admin.query(`drop database ${quoteIdent(options.name)}`);
      } catch (error) {
        throw new StepFailure(
          `could not drop ${options.name} (${error.message}). Close what is connected to it (an orgwire serve?) and run again.`,
        );
      }
      exists = false;
    }
    if (exists) {
      const full = await tablesWithRows(options.url);
      if (full.length > 0) {
        refuse(
          `the database ${options.name} already holds rows (in ${full.join(', ')}); pass --force to drop and recreate it, or name another database.`,
        );
      }
      return 'existed, empty';
    }
    await admin.query(`create database ${quoteIdent(options.name)}`);
    return options.force && rows.length > 0 ? 'dropped and created' : 'created';
  } finally {
    await admin.end();
  }
}

/** Brings NAME's schema up to date with orgwire's own migrations. */
async function migrate(url) {
  const { createDb, migrateToLatest } = await import(STORE);
  const db = createDb({ dialect: 'postgres', url });
  try {
    const report = await migrateToLatest(db);
    if (report.error) throw new StepFailure(report.error.message);
    return report.results.length;
  } finally {
    await db.destroy();
  }
}

/**
 * NAME's tables with their columns (SQL type, identity or not), in an order where every
 * table comes after the tables its foreign keys name.
 */
async function targetTables(client) {
  const { rows: columns } = await client.query(`
    select c.relname as table, a.attname as column,
           format_type(a.atttypid, a.atttypmod) as type, a.attidentity <> '' as identity
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r' and a.attnum > 0
      and not a.attisdropped
    order by c.relname, a.attnum`);
  const { rows: keys } = await client.query(`
    select c.relname as child, p.relname as parent
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = current_schema()`);
  const tables = new Map();
  for (const row of columns) {
    if (SCHEMA_RECORDS.test(row.table)) continue;
    if (!tables.has(row.table)) tables.set(row.table, { columns: [], parents: new Set() });
    tables.get(row.table).columns.push(row);
  }
  for (const { child, parent } of keys) {
    if (child !== parent) tables.get(child)?.parents.add(parent);
  }
  const ordered = [];
  const placed = new Set();
  const place = (name, path) => {
    if (placed.has(name)) return;
    if (path.has(name)) throw new StepFailure(`foreign keys form a cycle through ${name}.`);
    path.add(name);
    for (const parent of [...tables.get(name).parents].sort()) place(parent, path);
    path.delete(name);
    placed.add(name);
    ordered.push({ name, ...tables.get(name) });
  };
  for (const name of [...tables.keys()].sort()) place(name, new Set());
  return ordered;
}

/**
 * Streams one table from FROM into NAME in batches. One array parameter per column, unnested
 * into rows: a handful of parameters per batch instead of rows × columns (PostgreSQL takes at
 * most 65,535), in one named statement PostgreSQL parses once per table.
 */
async function copyTable(client, source, table, columns) {
  const list = columns.map((c) => quoteIdent(c.column)).join(', ');
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const overriding = columns.some((c) => c.identity) ? ' overriding system value' : '';
  const insert = {
    name: `copy ${table}`,
    text: `insert into ${quoteIdent(table)} (${list})${overriding} select * from unnest(${arrays})`,
  };
  const select = source.db
    .prepare(`select ${list} from ${quoteIdent(table)}`)
    .raw()
    .iterate();
  const total = source.tables.get(table).rows;
  let copied = 0;
  let batch = columns.map(() => []);
  const flush = async () => {
    await client.query({ ...insert, values: batch });
    copied += batch[0].length;
    if (
      total >= PROGRESS &&
      Math.floor(copied / PROGRESS) > Math.floor((copied - batch[0].length) / PROGRESS)
    ) {
      process.stderr.write(`  ${table}: ${thousands(copied)} / ${thousands(total)} rows\n`);
    }
    batch = columns.map(() => []);
  };
  for (const row of select) {
    for (let i = 0; i < row.length; i++) batch[i].push(row[i]);
    if (batch[0].length === BATCH) await flush();
  }
  if (batch[0].length > 0) await flush();
  return copied;
}

/** Starts each identity of `table` past the largest id FROM has given out. */
async function advanceIdentities(client, source, table, columns) {
  for (const { column } of columns.filter((c) => c.identity)) {
    const { rows } = await client.query(
      `select coalesce(max(${quoteIdent(column)}), 0)::bigint as max from ${quoteIdent(table)}`,
    );
    const next = Math.max(Number(rows[0].max), Number(source.sequences.get(table) ?? 0)) + 1;
    await client.query('select setval(pg_get_serial_sequence($1, $2), $3, false)', [
      quoteIdent(table),
      column,
      next,
    ]);
  }
}

// --- main ---------------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(STORE)) refuse('orgwire is not built: run `npm run build` first.');
  const source = openSource(options.from);
  const shown = redact(options.url);

  const { step, times } = timedSteps();
  const t0 = performance.now();
  const how = await step('database', () => prepareDatabase(options));
  const applied = await step('schema', () => migrate(options.url));

  const client = await connect(options.url);
  try {
    const tables = await targetTables(client);
    const unknown = [...source.tables.keys()].filter((t) => !tables.some((u) => u.name === t));
    const extra = tables.flatMap(({ name, columns }) =>
      (source.tables.get(name)?.columns ?? [])
        .filter((c) => !columns.some((u) => u.column === c))
        .map((c) => `${name}.${c}`),
    );
    if (unknown.length > 0 || extra.length > 0) {
      refuse(
        `${options.from} has ${[...unknown, ...extra].join(', ')}, which this orgwire's schema does not: it was written by a newer orgwire. Build that version and copy with it.`,
      );
    }
    const notes = [];
    const plan = tables.map(({ name, columns }) => {
      const from = source.tables.get(name);
      if (!from) {
        notes.push(`${name}: not in FROM (its schema is older), left empty`);
        return { name, columns: [], rows: 0 };
      }
      const missing = columns.filter((c) => !from.columns.includes(c.column));
      for (const c of missing) notes.push(`${name}.${c.column}: not in FROM, its default`);
      return {
        name,
        columns: columns.filter((c) => from.columns.includes(c.column)),
        rows: from.rows,
      };
    });

    const tableTimes = new Map();
    await step('copy', async () => {
      let current = 'begin';
      try {
        await client.query('begin');
        for (const { name, columns } of plan.filter((t) => t.columns.length > 0)) {
          current = name;
          const t1 = performance.now();
          await copyTable(client, source, name, columns);
          await advanceIdentities(client, source, name, columns);
          tableTimes.set(name, since(t1));
        }
        current = 'commit';
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw new StepFailure(
          `the copy failed at ${current} (${error.message}); it was rolled back, ${options.name} holds orgwire's schema and no rows.`,
        );
      }
    });

    const counts = await step('check', async () => {
      const counted = new Map();
      for (const { name } of plan) {
        const { rows } = await client.query(
          `select count(*)::bigint as n from ${quoteIdent(name)}`,
        );
        counted.set(name, Number(rows[0].n));
      }
      const wrong = plan.filter(({ name, rows }) => counted.get(name) !== rows);
      if (wrong.length > 0) {
        throw new StepFailure(
          `row counts differ: ${wrong.map(({ name, rows }) => `${name} ${thousands(rows)} in FROM, ${thousands(counted.get(name))} copied`).join('; ')}. Run again with --force.`,
        );
      }
      return counted;
    });
    await step('analyze', () => client.query('analyze'));

    const width = Math.max(...plan.map(({ name }) => name.length), 5);
    const column = Math.max(...plan.map(({ rows }) => thousands(rows).length), 4);
    process.stdout.write(
      [
        `Copied ${options.from} into ${shown} (database ${how}; ${applied} migrations applied)`,
        '',
        `  ${'table'.padEnd(width)}  ${'FROM'.padStart(column)}  ${'copied'.padStart(column)}  time`,
        ...plan.map(
          ({ name, rows }) =>
            `  ${name.padEnd(width)}  ${thousands(rows).padStart(column)}  ${thousands(counts.get(name)).padStart(column)}  ${tableTimes.get(name) ?? '-'}`,
        ),
        ...(notes.length > 0 ? ['', ...notes.map((note) => `  note: ${note}`)] : []),
        '',
        ...times.map(([label, t]) => `  ${label.padEnd(width)}  ${t}`),
        `  ${'total'.padEnd(width)}  ${since(t0)}`,
        '',
      ].join('\n'),
    );
  } finally {
    await client.end();
    source.db.exec('commit');
    source.db.close();
  }
}

main().catch((error) => {
  const message = error instanceof StepFailure ? error.message : (error?.stack ?? error);
  const hint = error?.hint ? `\n${error.hint}` : '';
  process.stderr.write(`\ncopy-store failed: ${message}${hint}\n`);
  process.exit(1);
});
