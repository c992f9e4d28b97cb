import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Box,
  boxesOverlap,
  grow,
  type Point,
  route,
  segmentCrossesBox,
  segmentOf,
  separate,
} from '../../web/src/map-routing.js';

const box = (x1: number, y1: number, x2: number, y2: number): Box => ({ x1, y1, x2, y2 });
const path = (from: Point, bends: readonly Point[], to: Point) => [from, ...bends, to];
/** Each leg of a path, as [from, to]. */
const legs = (points: readonly Point[]) =>
  points.slice(1).map((p, i) => [points[i] as Point, p] as const);
const length = (points: readonly Point[]) =>
  legs(points).reduce((sum, [a, b]) => sum + Math.hypot(b.x - a.x, b.y - a.y), 0);
const crosses = (points: readonly Point[], obstacles: readonly Box[]) =>
  legs(points).some(([a, b]) => obstacles.some((o) => segmentCrossesBox(a, b, o)));

/** Boxes of 10–40 on a grid of 60, so that they never touch: generated obstacle fields. */
const field = fc
  .uniqueArray(
    fc.record({
      col: fc.integer({ min: 0, max: 7 }),
      row: fc.integer({ min: 0, max: 7 }),
      w: fc.integer({ min: 10, max: 40 }),
      h: fc.integer({ min: 10, max: 40 }),
    }),
    { selector: (c) => `${c.col},${c.row}`, maxLength: 30 },
  )
  .map((cells) =>
    cells.map((c) => box(c.col * 60, c.row * 60, c.col * 60 + c.w, c.row * 60 + c.h)),
  );

describe('segmentCrossesBox', () => {
  const square = box(0, 0, 10, 10);
  it('sees a line through the inside, and not one that only touches an edge or a corner', () => {
    expect(segmentCrossesBox({ x: -5, y: 5 }, { x: 15, y: 5 }, square)).toBe(true);
    expect(segmentCrossesBox({ x: -5, y: -5 }, { x: 15, y: 15 }, square)).toBe(true);
    expect(segmentCrossesBox({ x: 5, y: 5 }, { x: 5, y: 6 }, square)).toBe(true);
    expect(segmentCrossesBox({ x: -5, y: 0 }, { x: 15, y: 0 }, square)).toBe(false);
    expect(segmentCrossesBox({ x: -5, y: 5 }, { x: 5, y: -5 }, square)).toBe(false);
    expect(segmentCrossesBox({ x: -5, y: 5 }, { x: -1, y: 5 }, square)).toBe(false);
    expect(segmentCrossesBox({ x: 20, y: 20 }, { x: 30, y: 0 }, square)).toBe(false);
  });

  it('agrees with sampling the segment densely', () => {
    const coordinate = fc.integer({ min: -20, max: 30 });
    fc.assert(
      fc.property(coordinate, coordinate, coordinate, coordinate, (ax, ay, bx, by) => {
        const a = { x: ax, y: ay };
        const b = { x: bx, y: by };
        let sampled = false;
        for (let i = 1; i < 2000; i++) {
          const t = i / 2000;
          const x = a.x + t * (b.x - a.x);
          const y = a.y + t * (b.y - a.y);
          if (x > 0.01 && x < 9.99 && y > 0.01 && y < 9.99) sampled = true;
        }
        // Sampling can miss a graze of less than a hundredth; the test only holds it one way then.
        if (sampled) expect(segmentCrossesBox(a, b, square)).toBe(true);
        if (!segmentCrossesBox(a, b, square)) expect(sampled).toBe(false);
      }),
    );
  });
});

describe('route', () => {
  it('keeps a clear line straight', () => {
    expect(route({ x: 0, y: 0 }, { x: 100, y: 0 }, [box(40, 10, 60, 30)])).toEqual([]);
  });

  it('bends round one box by the shorter side (hand-worked)', () => {
    // A box in the way, nearer the top: the path bends over its two top corners.
    const bends = route({ x: 0, y: 0 }, { x: 100, y: 0 }, [box(40, -10, 60, 30)]);
    expect(bends).toHaveLength(2);
    const [first, second] = bends as [Point, Point];
    expect(first.x).toBeCloseTo(40);
    expect(first.y).toBeCloseTo(-10);
    expect(second.x).toBeCloseTo(60);
    expect(second.y).toBeCloseTo(-10);
  });

  it('says there is no way when an end lies inside an obstacle', () => {
    expect(route({ x: 50, y: 0 }, { x: 100, y: 0 }, [box(40, -10, 60, 30)])).toBeNull();
  });

  it('finds a path that crosses no obstacle, no longer than going round the whole field', () => {
    fc.assert(
      fc.property(
        field,
        fc.integer({ min: 0, max: 480 }),
        fc.integer({ min: 0, max: 480 }),
        (obstacles, tx, ty) => {
          const from = { x: -30, y: -30 };
          const to = { x: tx, y: ty };
          const bends = route(from, to, obstacles);
          if (obstacles.some((o) => boxesOverlap(o, box(tx, ty, tx, ty)))) {
            expect(bends).toBeNull();
            return;
          }
          expect(bends).not.toBeNull();
          const points = path(from, bends ?? [], to);
          expect(crosses(points, obstacles)).toBe(false);
          // The field lies in 0…460 on both axes, with gaps of 20 between boxes: no shortest
          // path is longer than the straight line plus a detour twice the field's size.
          expect(length(points)).toBeLessThanOrEqual(Math.hypot(tx + 30, ty + 30) + 2 * 920);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is never longer than a path found by walking a fine grid round the obstacles', () => {
    // A grid walk (8 neighbours) is a valid path, so the shortest one can only be shorter.
    fc.assert(
      fc.property(field, (obstacles) => {
        const from = { x: -30, y: 250 };
        const to = { x: 500, y: 250 };
        const bends = route(from, to, obstacles);
        expect(bends).not.toBeNull();
        const found = length(path(from, bends ?? [], to));
        const step = 10;
        const key = (x: number, y: number) => `${x},${y}`;
        const free = (x: number, y: number) =>
          !obstacles.some((o) => x >= o.x1 && x <= o.x2 && y >= o.y1 && y <= o.y2);
        const dist = new Map<string, number>([[key(from.x, from.y), 0]]);
        const queue: [number, number, number][] = [[0, from.x, from.y]];
        let grid = Number.POSITIVE_INFINITY;
        while (queue.length > 0) {
          queue.sort((a, b) => a[0] - b[0]);
          const [d, x, y] = queue.shift() as [number, number, number];
          if (d > (dist.get(key(x, y)) ?? Number.POSITIVE_INFINITY)) continue;
          if (x === to.x && y === to.y) {
            grid = d;
            break;
          }
          for (const [dx, dy] of [
            [1, 0],
            [-1, 0],
            [0, 1],
            [0, -1],
            [1, 1],
            [1, -1],
            [-1, 1],
            [-1, -1],
          ] as const) {
            const nx = x + dx * step;
            const ny = y + dy * step;
            if (nx < -60 || nx > 530 || ny < -60 || ny > 530 || !free(nx, ny)) continue;
            const nd = d + step * Math.hypot(dx, dy);
            if (nd < (dist.get(key(nx, ny)) ?? Number.POSITIVE_INFINITY)) {
              dist.set(key(nx, ny), nd);
              queue.push([nd, nx, ny]);
            }
          }
        }
        expect(found).toBeLessThanOrEqual(grid + 1e-6);
      }),
      { numRuns: 25 },
    );
  });
});

describe('segmentOf', () => {
  it('places a bend by its share of the way and its distance to the right of travel', () => {
    const s = segmentOf({ x: 50, y: 10 }, { x: 0, y: 0 }, { x: 100, y: 0 });
    expect(s.weight).toBeCloseTo(0.5);
    // Travelling along +x on a screen (y down), the right-hand side is +y.
    expect(s.distance).toBeCloseTo(10);
    expect(segmentOf({ x: 50, y: 10 }, { x: 100, y: 0 }, { x: 0, y: 0 }).distance).toBeCloseTo(-10);
  });
});

describe('separate', () => {
  it('moves two overlapping boxes apart along the shorter way, half each (hand-worked)', () => {
    // Overlapping by 4 across, 20 down: each moves 2 + gap/2 = 3 sideways.
    const shift = separate([box(0, 0, 20, 20), box(16, 0, 36, 20)], 2);
    expect(shift).toEqual([
      { x: -3, y: 0 },
      { x: 3, y: 0 },
    ]);
  });

  it('leaves boxes that are apart where they are', () => {
    expect(separate([box(0, 0, 10, 10), box(20, 0, 30, 10)], 4)).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 0 },
    ]);
  });

  it('leaves no two of many piled-up boxes closer than the gap', () => {
    const pile = fc.array(
      fc.record({
        x: fc.integer({ min: 0, max: 200 }),
        y: fc.integer({ min: 0, max: 200 }),
        w: fc.integer({ min: 20, max: 120 }),
        h: fc.integer({ min: 10, max: 40 }),
      }),
      { minLength: 2, maxLength: 40 },
    );
    fc.assert(
      fc.property(pile, (rects) => {
        const boxes = rects.map((r) => box(r.x, r.y, r.x + r.w, r.y + r.h));
        const shift = separate(boxes, 6);
        const placed = boxes.map((b, i) => {
          const by = shift[i] as Point;
          return box(b.x1 + by.x, b.y1 + by.y, b.x2 + by.x, b.y2 + by.y);
        });
        for (const [i, a] of placed.entries())
          for (const b of placed.slice(i + 1))
            expect(boxesOverlap(grow(a, 2.9), grow(b, 2.9))).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
