/**
 * Where the impact × feasibility matrix draws its dots and their labels so that nothing hides
 * anything: pure geometry, in pixels, the same for the same input and width. (A .tsx file only
 * because the board's new files are named Bet*.tsx; it holds no component.)
 */

/** A dot's radius, and the least room between two dots' boxes, in pixels. */
export const DOT_R = 11;
export const DOT_GAP = 4;
/** Two dots' centres are at least this far apart along x or along y: their boxes never meet. */
export const DOT_SPACING = 2 * DOT_R + DOT_GAP;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The plot area: where dot centres may go is this less a dot's radius on every side. */
export interface Area {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface DotInput {
  key: string;
  /** Feasibility and impact, both in [0, 1]. */
  x: number;
  y: number;
}

export interface PlacedDot {
  key: string;
  /** Where the dot is drawn. */
  cx: number;
  cy: number;
  /** Where its figures put it; differs from (cx, cy) when that spot was taken. */
  tx: number;
  ty: number;
}

export function overlaps(a: Box, b: Box, pad = 0): boolean {
  return (
    a.x < b.x + b.width + pad &&
    b.x < a.x + a.width + pad &&
    a.y < b.y + b.height + pad &&
    b.y < a.y + a.height + pad
  );
}

export function dotBox(dot: { cx: number; cy: number }): Box {
  return { x: dot.cx - DOT_R, y: dot.cy - DOT_R, width: 2 * DOT_R, height: 2 * DOT_R };
}

/** The pixel position of a data point: x to the right, y upwards, a radius in from each edge. */
export function target(area: Area, x: number, y: number): { tx: number; ty: number } {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return {
    tx: area.x0 + DOT_R + clamp(x) * (area.x1 - area.x0 - 2 * DOT_R),
    ty: area.y1 - DOT_R - clamp(y) * (area.y1 - area.y0 - 2 * DOT_R),
  };
}

/** Placed dots bucketed by a grid of DOT_SPACING cells: a collision test looks at 9 cells. */
class Occupied {
  private readonly cells = new Map<string, { cx: number; cy: number }[]>();
  private cell(v: number) {
    return Math.floor(v / DOT_SPACING);
  }
  add(dot: { cx: number; cy: number }) {
    const key = `${this.cell(dot.cx)},${this.cell(dot.cy)}`;
    const list = this.cells.get(key) ?? [];
    list.push(dot);
    this.cells.set(key, list);
  }
  free(cx: number, cy: number): boolean {
    const i = this.cell(cx);
    const j = this.cell(cy);
    for (let di = -1; di <= 1; di++)
      for (let dj = -1; dj <= 1; dj++)
        for (const d of this.cells.get(`${i + di},${j + dj}`) ?? [])
          if (Math.abs(d.cx - cx) < DOT_SPACING && Math.abs(d.cy - cy) < DOT_SPACING) return false;
    return true;
  }
}

/**
 * Places every dot at the free spot nearest its true position (a deterministic repel): dots
 * are taken in input order; each goes where its figures put it when no earlier dot's box is
 * within DOT_GAP of it, else to the nearest point of a 1/4-spacing grid around it that is
 * free, inside the area, and on the same side of both 50 % lines as its true position (a dot
 * never changes quadrant). Returns null when some dot finds no room: the caller makes the
 * area taller and asks again.
 */
export function layoutDots(inputs: readonly DotInput[], area: Area): PlacedDot[] | null {
  const step = DOT_SPACING / 4;
  const midX = target(area, 0.5, 0.5).tx;
  const midY = target(area, 0.5, 0.5).ty;
  const occupied = new Occupied();
  const placed: PlacedDot[] = [];
  const maxRing = Math.ceil(Math.max(area.x1 - area.x0, area.y1 - area.y0) / step) + 1;
  for (const input of inputs) {
    const { tx, ty } = target(area, input.x, input.y);
    // The dot's room: inside the area, and in its own quadrant (a centre on a 50 % line counts
    // for the upper and the right side, as the quadrants do).
    const left = input.x >= 0.5 ? midX : area.x0 + DOT_R;
    const right = input.x >= 0.5 ? area.x1 - DOT_R : midX - 0.01;
    const top = input.y >= 0.5 ? area.y0 + DOT_R : midY + 0.01;
    const bottom = input.y >= 0.5 ? midY : area.y1 - DOT_R;
    const fits = (cx: number, cy: number) =>
      cx >= left - 1e-6 &&
      cx <= right + 1e-6 &&
      cy >= top - 1e-6 &&
      cy <= bottom + 1e-6 &&
      occupied.free(cx, cy);
    let best: { cx: number; cy: number; d: number } | null = fits(tx, ty)
      ? { cx: tx, cy: ty, d: 0 }
      : null;
    // Rings of the grid around the true position, nearest first; a point of ring k is at
    // least k·step away, so the search ends once that passes the best distance found.
    for (let k = 1; k <= maxRing && (best === null || k * step < best.d); k++) {
      for (let i = -k; i <= k; i++)
        for (const j of Math.abs(i) === k ? range(-k, k) : [-k, k]) {
          const cx = tx + i * step;
          const cy = ty + j * step;
          const d = Math.hypot(i, j) * step;
          if ((best === null || d < best.d) && fits(cx, cy)) best = { cx, cy, d };
        }
    }
    if (best === null) return null;
    const dot = { key: input.key, cx: best.cx, cy: best.cy, tx, ty };
    occupied.add(dot);
    placed.push(dot);
  }
  return placed;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v++) out.push(v);
  return out;
}

export interface LabelInput {
  key: string;
  /** Texts to try, longest first (e.g. the title, then a shorter cut of it). */
  texts: readonly string[];
}

export interface PlacedLabel extends Box {
  key: string;
  text: string;
}

/** Room kept between a label and any other label or dot, in pixels. */
export const LABEL_PAD = 3;
export const LABEL_HEIGHT = 16;

/**
 * Puts each dot's label beside it where it meets no dot and no label placed before it and
 * stays inside `bounds`: to the right, left, above or below the dot, or at a diagonal; the
 * first text of `texts` that fits anywhere wins. A label that fits nowhere is left out (the
 * dot keeps its number, which the list beside the matrix explains).
 */
export function placeLabels(
  dots: readonly PlacedDot[],
  labels: readonly LabelInput[],
  measure: (text: string) => number,
  bounds: Area,
): PlacedLabel[] {
  const dotBoxes = dots.map(dotBox);
  const byKey = new Map(dots.map((d) => [d.key, d]));
  const placed: PlacedLabel[] = [];
  const h = LABEL_HEIGHT;
  const off = DOT_R + 4;
  for (const label of labels) {
    const dot = byKey.get(label.key);
    if (!dot) continue;
    let chosen: PlacedLabel | null = null;
    for (const text of label.texts) {
      const w = Math.ceil(measure(text)) + 2;
      const candidates: [number, number][] = [
        [dot.cx + off, dot.cy - h / 2],
        [dot.cx - off - w, dot.cy - h / 2],
        [dot.cx - w / 2, dot.cy - off - h],
        [dot.cx - w / 2, dot.cy + off],
        [dot.cx + off - 4, dot.cy - off - h + 4],
        [dot.cx + off - 4, dot.cy + off - 4],
        [dot.cx - off - w + 4, dot.cy - off - h + 4],
        [dot.cx - off - w + 4, dot.cy + off - 4],
      ];
      for (const [x, y] of candidates) {
        const box = { x, y, width: w, height: h };
        if (x < bounds.x0 || x + w > bounds.x1 || y < bounds.y0 || y + h > bounds.y1) continue;
        if (dotBoxes.some((d) => overlaps(box, d, LABEL_PAD))) continue;
        if (placed.some((p) => overlaps(box, p, LABEL_PAD))) continue;
        chosen = { key: label.key, text, ...box };
        break;
      }
      if (chosen) break;
    }
    if (chosen) placed.push(chosen);
  }
  return placed;
}

/** `text` cut at a word (or mid-word when it must) to fit `width`, with an ellipsis. */
export function cut(text: string, width: number, measure: (text: string) => number): string {
  if (measure(text) <= width) return text;
  let words = text.split(' ');
  while (words.length > 1) {
    words = words.slice(0, -1);
    const candidate = `${words.join(' ').replace(/[,;:.–—-]+$/, '')}…`;
    if (measure(candidate) <= width) return candidate;
  }
  let chars = text.length;
  while (chars > 1 && measure(`${text.slice(0, chars)}…`) > width) chars--;
  return `${text.slice(0, chars)}…`;
}
