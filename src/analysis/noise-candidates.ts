import type { CoordinationNeed } from './coordination.js';

/** A folder nobody owns that makes much of the unwired need: perhaps bookkeeping, not work. */
export interface NoiseCandidate {
  /** The component, a top-level folder (`folder:REPO:NAME`). */
  component: string;
  /** The ignore pattern that would leave it out (`NAME/`). */
  pattern: string;
  /** Its part of all unwired need weight, 0..1. */
  share: number;
  /** Teams that changed it in the window. */
  teams: number;
}

/** A folder's part of the unwired need at which it is named a noise candidate. */
export const NOISE_SHARE = 0.2;
/** Teams that must change a folder before it is named: one team's folder is its work. */
export const NOISE_TEAMS = 3;

/**
 * Top-level folders no one owns (no component, no CODEOWNERS rule) that carry at least
 * {@link NOISE_SHARE} of the unwired need weight and are changed by at least
 * {@link NOISE_TEAMS} teams — a release-notes or changelog folder every pull request
 * touches looks like this. Named, never left out without the user's say: the fix is an
 * `ignore:` pattern. Strongest first.
 */
export function noiseCandidates(
  needs: readonly CoordinationNeed[],
  components: readonly { ref: string; owner: string | null; teams: readonly unknown[] }[],
): NoiseCandidate[] {
  const unwired = needs.filter((n) => !n.wired);
  const total = unwired.reduce((sum, n) => sum + n.weight, 0);
  if (total === 0) return [];
  const weight = new Map<string, number>();
  for (const need of unwired)
    for (const c of need.components) weight.set(c.ref, (weight.get(c.ref) ?? 0) + c.weight);
  return components
    .flatMap((c) => {
      const folder = /^folder:[^:]*:(.+)$/.exec(c.ref)?.[1];
      const share = (weight.get(c.ref) ?? 0) / total;
      if (folder === undefined || folder === '/' || c.owner !== null) return [];
      if (share < NOISE_SHARE || c.teams.length < NOISE_TEAMS) return [];
      return [
        {
          component: c.ref,
          pattern: `${folder}/`,
          share: Math.round(share * 1000) / 1000,
          teams: c.teams.length,
        },
      ];
    })
    .sort((a, b) => b.share - a.share || a.component.localeCompare(b.component));
}
