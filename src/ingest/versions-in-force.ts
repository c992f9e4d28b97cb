import type { GitSource } from './git.js';

/** A commit that changed some files, with its committer time (seconds): when it landed. */
export interface Change {
  commit: string;
  time: number;
}

/** The commits that changed any of `pathspecs`, oldest first (renames not followed). */
export async function changesOf(git: GitSource, pathspecs: readonly string[]): Promise<Change[]> {
  return (await git.run(['log', '--format=%H %ct', '--no-renames', '--', ...pathspecs]))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [commit = '', time = '0'] = line.split(' ');
      return { commit, time: Number(time) };
    })
    .reverse();
}

const WEEK = 7 * 86_400;

/**
 * The changes in force at each of `times` (seconds): the last at or before each time, the
 * first before all of them; with `'weekly'`, at the end of every week from the first
 * change's to the last's, and the last change itself (a week's many changes make one
 * version). Each once, oldest first. `log` is oldest first and not empty.
 */
export function versionsInForce(
  log: readonly Change[],
  times: readonly number[] | 'weekly',
): Change[] {
  const wanted = new Set<number>();
  for (const time of times === 'weekly' ? weekEnds(log) : times) {
    let index = 0;
    for (let i = 0; i < log.length && (log[i] as Change).time <= time; i++) index = i;
    wanted.add(index);
  }
  return [...wanted].sort((a, b) => a - b).map((index) => log[index] as Change);
}

/** Every Sunday 23:59:59 UTC from the first change's week to the last's, and the last change. */
function weekEnds(log: readonly Change[]): number[] {
  const first = (log[0] as Change).time;
  const last = (log[log.length - 1] as Change).time;
  // 1970-01-01 was a Thursday: Mondays are 4 days after a multiple of 7 days.
  const monday = Math.floor((first - 4 * 86_400) / WEEK) * WEEK + 4 * 86_400;
  const ends: number[] = [];
  for (let end = monday + WEEK - 1; end < last + WEEK; end += WEEK) ends.push(end);
  return [...ends, last];
}
