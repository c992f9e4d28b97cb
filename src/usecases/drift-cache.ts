import { createHash } from 'node:crypto';
import {
  type CommitFacts,
  type DriftNeed,
  DriftNeeds,
  type DriftWeek,
  NameTable,
} from '../analysis/index.js';
import type { Store } from '../store/index.js';
import type { TrendPoint } from './build-report.js';
import type { RadiatorDrift } from './drift-report.js';

/**
 * Where a drift series is kept in the store (see `Store.saveDriftSeries`): `key` names
 * everything its weeks depend on except the commits (the code that measures them, the
 * catalog and its versions, the settings, the request exports, the ownership files' rules);
 * `stamp` adds which commits the store held and the last week asked for. A series kept with
 * the same stamp is the answer as it stands; one kept under the same key with another stamp
 * gives back the weeks whose facts did not change.
 */
export interface DriftCache {
  key: string;
  stamp: string;
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/**
 * The key and stamp of a drift series. `setup` is any JSON value that changes when
 * anything but the commits changes (see {@link DriftCache}); the stamp adds each
 * repository's commit mark (see `Store.commitMarks`: a new commit or a history reset or
 * read again moves it) and `until`.
 */
export async function driftCache(
  store: Store,
  setup: unknown,
  repositoryIds: readonly number[],
  until: string | undefined,
): Promise<DriftCache> {
  const key = sha1(JSON.stringify(setup));
  const marks = await store.commitMarks(repositoryIds);
  return { key, stamp: sha1(JSON.stringify({ key, marks, until: until ?? null })) };
}

/** The series kept under the cache's key when its stamp is the one asked for: nothing new. */
export async function keptDriftSeries(
  store: Store,
  cache: DriftCache,
): Promise<DriftWeek[] | undefined> {
  if ((await store.driftStamp(cache.key)) !== cache.stamp) return undefined;
  const names = new NameTable();
  const weeks: DriftWeek[] = [];
  // Parsed as they are read: the weeks' JSON is megabytes each on a large organisation.
  for await (const w of store.driftWeeks(cache.key)) weeks.push(keptWeek(w.data, names));
  return weeks;
}

/**
 * A kept week as `driftSeries` makes it, its needs packed into `names` (one table for the
 * weeks of a series: they name the same teams and components).
 */
function keptWeek(data: string, names: NameTable): DriftWeek {
  const week = JSON.parse(data) as Omit<DriftWeek, 'needs'> & { needs: DriftNeed[] };
  return { ...week, needs: DriftNeeds.of(week.needs, names) };
}

/**
 * What `driftSeries` needs to keep the weeks kept under the cache's key whose inputs did not
 * change, and `save` to keep the series it made under the cache's stamp: `context` is what
 * this run fixed that the key does not name (who owns each component, which groups are
 * teams).
 */
export async function driftReuse(
  store: Store,
  cache: DriftCache,
  context: unknown,
): Promise<{
  reuse: {
    digest: (facts: readonly CommitFacts[], catalogCommit: string | null) => string;
    kept: Map<string, { digest: string; week: DriftWeek }>;
    measured: (week: DriftWeek, digest: string) => void;
  };
  save: () => Promise<void>;
}> {
  const fixed = sha1(JSON.stringify(context));
  const names = new NameTable();
  // Parsed as they are read: a year of 1,000 teams' weeks is 124 MB of JSON.
  const kept = new Map<string, { digest: string; week: DriftWeek }>();
  for await (const w of store.driftWeeks(cache.key))
    kept.set(w.week, { digest: w.digest, week: keptWeek(w.data, names) });
  // The weeks measured, made JSON only as they are saved: held as JSON all along, a year of
  // 1,000 teams' weeks was 130 MB of text beside the same weeks as objects. Those kept as
  // they were are not written again (a refresh that finds a new commit changes a few).
  const measured: { week: DriftWeek; digest: string }[] = [];
  const unchanged = new Map<string, string>();
  return {
    reuse: {
      digest: (facts, catalogCommit) => {
        const hash = createHash('sha1').update(`${fixed}\n${catalogCommit ?? ''}\n`);
        // What a week's figures read of a commit: a rebase that changes only its hash, or a
        // file within the same component, changes none of them.
        for (const f of facts)
          hash.update(`${f.time} ${f.authors.join(',')} ${f.components.join(',')}\n`);
        return hash.digest('hex');
      },
      kept,
      measured: (week, digest) => {
        if (kept.get(week.week)?.week === week) unchanged.set(week.week, digest);
        else measured.push({ week, digest });
      },
    },
    save: () =>
      store.saveDriftSeries(
        cache.key,
        cache.stamp,
        (function* () {
          for (const { week, digest } of measured)
            yield { week: week.week, digest, data: JSON.stringify(week) };
        })(),
        { unchanged },
      ),
  };
}

/**
 * Where the overview trend's earlier windows are kept: beside the drift series of the same
 * setup (the store keeps both as series of points), keyed also by the window's flags and
 * how many windows the trend has, and stamped like it. A restart or a refresh with nothing
 * new then reads only the window's commits, not the trend's year of them.
 */
function trendKey(cache: DriftCache, shape: unknown): string {
  return sha1(JSON.stringify({ drift: cache.key, trend: shape }));
}

/** The trend's earlier windows kept under the cache when nothing is new; undefined else. */
export async function keptTrend(
  store: Store,
  cache: DriftCache,
  shape: unknown,
): Promise<TrendPoint[] | undefined> {
  const kept = await store.driftSeries(trendKey(cache, shape));
  if (kept?.stamp !== cache.stamp) return undefined;
  return kept.weeks.map((w) => JSON.parse(w.data) as TrendPoint);
}

/** Keeps the trend's earlier windows (oldest first) under the cache's stamp. */
export function keepTrend(
  store: Store,
  cache: DriftCache,
  shape: unknown,
  earlier: readonly TrendPoint[],
): Promise<void> {
  return store.saveDriftSeries(
    trendKey(cache, shape),
    cache.stamp,
    // Ordered by the store as text: the window's first day, which sorts as it runs.
    earlier.map((point) => ({ week: point.since, digest: '', data: JSON.stringify(point) })),
  );
}

/**
 * Where the radiator's drift report is kept: beside the series of the same setup, stamped
 * like it. Its alerts depend only on the series, the settings and the bets, which the key
 * names, so a restart or a refresh with nothing new reads this — a few megabytes — and not
 * the weeks' evidence, which is most of the series.
 */
const radiatorKey = (cache: DriftCache) => sha1(JSON.stringify({ drift: cache.key, radiator: 1 }));

/** The radiator's drift report kept under the cache when nothing is new; undefined else. */
export async function keptRadiatorDrift(
  store: Store,
  cache: DriftCache,
): Promise<RadiatorDrift | undefined> {
  const kept = await store.driftSeries(radiatorKey(cache));
  const row = kept?.weeks[0];
  if (kept?.stamp !== cache.stamp || row === undefined) return undefined;
  return JSON.parse(row.data) as RadiatorDrift;
}

/** Keeps the radiator's drift report under the cache's stamp. */
export function keepRadiatorDrift(
  store: Store,
  cache: DriftCache,
  drift: RadiatorDrift,
): Promise<void> {
  return store.saveDriftSeries(radiatorKey(cache), cache.stamp, [
    { week: 'report', digest: '', data: JSON.stringify(drift) },
  ]);
}
