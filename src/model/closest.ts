import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `target` by edit distance (Levenshtein: insertions, deletions
 * and substitutions, each costing 1; fastest-levenshtein's), if it is close: at most max(2, ⌊length ÷ 4⌋) edits,
 * the length being the target's name. The first candidate wins a tie; an exact match is
 * distance 0. `nameOf` picks what is compared (a reference's name without its kind and
 * namespace, say); by default the candidate itself.
 */
export function closestName<T>(
  target: string,
  candidates: Iterable<T>,
  nameOf: (candidate: T) => string = String,
): T | undefined {
  let best: T | undefined;
  let bestDistance = Math.max(2, Math.floor(target.length / 4)) + 1;
  for (const candidate of candidates) {
    const name = nameOf(candidate);
    // The length difference alone is a lower bound: skip what cannot win.
    if (Math.abs(name.length - target.length) >= bestDistance) continue;
    const edits = distance(target, name);
    if (edits < bestDistance) {
      best = candidate;
      bestDistance = edits;
    }
  }
  return best;
}
