/**
 * The candidate closest to `target` by edit distance (Levenshtein: insertions, deletions
 * and substitutions, each costing 1), if it is close: at most max(2, ⌊length ÷ 4⌋) edits,
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
    const distance = editDistance(target, nameOf(candidate), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Levenshtein distance between `a` and `b`; once it is sure to reach `limit`, it stops and
 * returns `limit` (a length difference alone can settle that).
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        substitution,
      );
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    // Every later row is at least the smallest value of this one.
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return Math.min(previous[b.length] as number, limit);
}
