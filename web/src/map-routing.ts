/**
 * Edge routing for the org map: a line between two teams must never pass through a third
 * team or a label, or it reads as a need of that team. A straight line is kept when it is
 * clear; otherwise the line bends at the corners of what is in the way, by the shortest such
 * path (A* over the visibility graph of the obstacles' corners).
 */

export interface Point {
  x: number;
  y: number;
}

/** An axis-aligned box, x1 ≤ x2 and y1 ≤ y2. */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export const grow = (box: Box, by: number): Box => ({
  x1: box.x1 - by,
  y1: box.y1 - by,
  x2: box.x2 + by,
  y2: box.y2 + by,
});

/** Do the insides of two boxes meet (touching edges do not)? */
export const boxesOverlap = (a: Box, b: Box): boolean =>
  a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

const inside = (p: Point, box: Box): boolean =>
  p.x > box.x1 && p.x < box.x2 && p.y > box.y1 && p.y < box.y2;

/**
 * Does the segment a→b pass through the inside of `box`? Running along its edge or through a
 * corner does not count. Liang–Barsky clipping: the part of the segment within the box's
 * slabs, if any, must have length and a midpoint strictly inside.
 */
export function segmentCrossesBox(a: Point, b: Point, box: Box): boolean {
  if (
    Math.max(a.x, b.x) <= box.x1 ||
    Math.min(a.x, b.x) >= box.x2 ||
    Math.max(a.y, b.y) <= box.y1 ||
    Math.min(a.y, b.y) >= box.y2
  )
    return false;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q > 0;
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
    return true;
  };
  if (
    !clip(-dx, a.x - box.x1) ||
    !clip(dx, box.x2 - a.x) ||
    !clip(-dy, a.y - box.y1) ||
    !clip(dy, box.y2 - a.y)
  )
    return false;
  if (t1 - t0 <= 1e-9) return false;
  const mid = (t0 + t1) / 2;
  return inside({ x: a.x + mid * dx, y: a.y + mid * dy }, box);
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * The bends of the shortest path from `from` to `to` that passes through none of
 * `obstacles` (empty when the straight line is clear), or null when there is none — when
 * an end lies inside an obstacle, or the obstacles wall it in. Bends sit a hair outside
 * the obstacles' corners, so callers grow the obstacles by the clearance they want.
 */
export function route(from: Point, to: Point, obstacles: readonly Box[]): Point[] | null {
  const blocks = (a: Point, b: Point) => obstacles.some((box) => segmentCrossesBox(a, b, box));
  if (!blocks(from, to)) return [];
  if (obstacles.some((box) => inside(from, box) || inside(to, box))) return null;

  const EPS = 1e-6;
  const corners: Point[] = [];
  for (const box of obstacles)
    for (const corner of [
      { x: box.x1 - EPS, y: box.y1 - EPS },
      { x: box.x2 + EPS, y: box.y1 - EPS },
      { x: box.x1 - EPS, y: box.y2 + EPS },
      { x: box.x2 + EPS, y: box.y2 + EPS },
    ])
      if (!obstacles.some((other) => inside(corner, other))) corners.push(corner);
  const points = [from, ...corners, to];
  const at = (i: number) => points[i] as Point;
  const goal = points.length - 1;

  // A* with the straight distance as heuristic; neighbours found lazily by line of sight.
  const best = new Float64Array(points.length).fill(Number.POSITIVE_INFINITY);
  const previous = new Int32Array(points.length).fill(-1);
  const done = new Uint8Array(points.length);
  best[0] = 0;
  const open = new Set<number>([0]);
  while (open.size > 0) {
    let current = -1;
    let lowest = Number.POSITIVE_INFINITY;
    for (const i of open) {
      const estimate = (best[i] as number) + distance(at(i), to);
      if (estimate < lowest) {
        lowest = estimate;
        current = i;
      }
    }
    open.delete(current);
    if (current === goal) break;
    done[current] = 1;
    for (let next = 1; next < points.length; next++) {
      if (done[next]) continue;
      const cost = (best[current] as number) + distance(at(current), at(next));
      if (cost >= (best[next] as number) || blocks(at(current), at(next))) continue;
      best[next] = cost;
      previous[next] = current;
      open.add(next);
    }
  }
  if (previous[goal] === -1) return null;
  const bends: Point[] = [];
  for (let i = previous[goal] as number; i > 0; i = previous[i] as number) bends.unshift(at(i));
  return bends;
}

/**
 * A bend as Cytoscape's `segments` edges place it: `weight` along the line from source to
 * target (0 at the source, 1 at the target) and `distance` off it, to the right of the
 * direction of travel when positive.
 */
export function segmentOf(bend: Point, source: Point, target: Point) {
  const dx = target.x - source.x;
  const dy = target.y - source.y;
  const length2 = dx * dx + dy * dy || 1;
  const weight = ((bend.x - source.x) * dx + (bend.y - source.y) * dy) / length2;
  const distance = ((bend.y - source.y) * dx - (bend.x - source.x) * dy) / Math.sqrt(length2);
  return { weight, distance };
}

/**
 * How far to move each box so that no two come closer than `gap`: overlapping pairs are
 * pushed apart, each half the way, along the axis that needs the shorter move, until none
 * overlaps (or `rounds` run out). Force layouts leave a few names on names in dense maps;
 * this settles them while moving the map as little as it can.
 */
export function separate(boxes: readonly Box[], gap: number, rounds = 500): Point[] {
  const moved = boxes.map((b) => ({ ...b }));
  const shift = boxes.map(() => ({ x: 0, y: 0 }));
  const move = (i: number, dx: number, dy: number) => {
    const box = moved[i] as Box;
    const by = shift[i] as Point;
    box.x1 += dx;
    box.x2 += dx;
    box.y1 += dy;
    box.y2 += dy;
    by.x += dx;
    by.y += dy;
  };
  for (let round = 0; round < rounds; round++) {
    let clear = true;
    for (let i = 0; i < moved.length; i++)
      for (let j = i + 1; j < moved.length; j++) {
        const a = moved[i] as Box;
        const b = moved[j] as Box;
        if (!boxesOverlap(grow(a, gap / 2), grow(b, gap / 2))) continue;
        clear = false;
        const overlapX = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) + gap;
        const overlapY = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + gap;
        // Away from each other; boxes on the same centre part by their order.
        const side = (d: number) => (d > 0 ? 1 : d < 0 ? -1 : j > i ? 1 : -1);
        if (overlapX <= overlapY) {
          const s = side(b.x1 + b.x2 - a.x1 - a.x2);
          move(i, (-s * overlapX) / 2, 0);
          move(j, (s * overlapX) / 2, 0);
        } else {
          const s = side(b.y1 + b.y2 - a.y1 - a.y2);
          move(i, 0, (-s * overlapY) / 2);
          move(j, 0, (s * overlapY) / 2);
        }
      }
    if (clear) break;
  }
  return shift;
}
