import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoordinationMap } from '../../src/server/api-types.js';
import { num } from '../../web/src/format.js';
import {
  type Box,
  boxesOverlap,
  type Point,
  segmentCrossesBox,
} from '../../web/src/map-routing.js';
import { launchChromium, openPage } from '../helpers/browser.js';
import { SHOTS } from '../helpers/demo-radiator.js';
import { serveGeneratedOrg } from '../helpers/generated-org.js';
import { type Served, serveCli } from '../helpers/serve.js';

// The org map tells the truth when no line passes through a team it does not join and no
// name covers another (issue 15, item 1). These read the rendered graph's own boxes and
// lines — Cytoscape's, in model coordinates — on the demo and on a generated organisation
// of 30 teams in five departments.
const work = mkdtempSync(join(tmpdir(), 'orgwire-org-map-'));
const org = join(work, 'org');
let demo: Served;
let generated: Served;
let browser: Browser;

beforeAll(async () => {
  [demo, generated, browser] = await Promise.all([
    serveCli(['--demo', '--quiet'], work),
    serveGeneratedOrg(org, work),
    launchChromium(),
  ]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([demo?.stop(), generated?.stop()]);
  rmSync(work, { recursive: true, force: true });
});

interface Geometry {
  teams: { id: string; position: Point; box: Box }[];
  groups: { id: string; box: Box; label: Box; children: string[] }[];
  lines: { id: string; source: string; target: string; weight: number; points: Point[] }[];
}

/** The drawn map as Cytoscape holds it: every team's box (its name inside), groups, lines. */
async function geometry(page: Page): Promise<Geometry> {
  await page.locator('[data-testid="org-map"][data-drawn="true"]').waitFor();
  return page.evaluate(() => {
    // biome-ignore lint/suspicious/noExplicitAny: the page's own Cytoscape instance
    const el = (globalThis as any).document.querySelector('[data-testid="org-map"]');
    const cy = el.cy;
    // biome-ignore lint/suspicious/noExplicitAny: a Cytoscape bounding box
    const box = (b: any) => ({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 });
    const alone = { includeNodes: false, includeOverlays: false, includeUnderlays: false };
    return {
      // biome-ignore lint/suspicious/noExplicitAny: Cytoscape elements
      teams: cy.nodes(':childless').map((n: any) => ({
        id: n.id(),
        position: { ...n.position() },
        box: box(n.boundingBox({ includeLabels: true })),
      })),
      // biome-ignore lint/suspicious/noExplicitAny: Cytoscape elements
      groups: cy.nodes(':parent').map((n: any) => ({
        id: n.id(),
        box: box(n.boundingBox({ includeLabels: false, includeOverlays: false })),
        label: box(n.boundingBox({ ...alone, includeLabels: true })),
        // biome-ignore lint/suspicious/noExplicitAny: Cytoscape elements
        children: n.children().map((c: any) => c.id()),
      })),
      // biome-ignore lint/suspicious/noExplicitAny: Cytoscape elements
      lines: cy.edges().map((e: any) => ({
        id: e.id(),
        source: e.source().id(),
        target: e.target().id(),
        weight: e.data('weight'),
        points: [e.sourceEndpoint(), ...(e.segmentPoints() ?? []), e.targetEndpoint()],
      })),
    };
  });
}

/** Every way the drawing could mislead: a line through a team or a group's name, names on names. */
function faults(map: Geometry): string[] {
  const found: string[] = [];
  const crosses = (points: Point[], box: Box) =>
    points.slice(1).some((p, i) => segmentCrossesBox(points[i] as Point, p, box));
  for (const line of map.lines) {
    for (const team of map.teams)
      if (team.id !== line.source && team.id !== line.target && crosses(line.points, team.box))
        found.push(`${line.id} passes through ${team.id}`);
    for (const group of map.groups)
      if (crosses(line.points, group.label))
        found.push(`${line.id} crosses the name of ${group.id}`);
  }
  const names = [
    ...map.teams.map((t) => [t.id, t.box] as const),
    ...map.groups.map((g) => [`name of ${g.id}`, g.label] as const),
  ];
  for (const [i, [a, boxA]] of names.entries())
    for (const [b, boxB] of names.slice(i + 1))
      if (boxesOverlap(boxA, boxB)) found.push(`${a} overlaps ${b}`);
  // A team drawn inside a group's box that is not its own would read as a member of it.
  for (const group of map.groups)
    for (const team of map.teams)
      if (!group.children.includes(team.id) && boxesOverlap(group.box, team.box))
        found.push(`${team.id} lies in the box of ${group.id}`);
  return found;
}

/** Waits until the map holds `count` lines (a control redraws it), and reads it. */
async function redrawn(page: Page, count: number): Promise<Geometry> {
  await page.waitForFunction((n) => {
    // biome-ignore lint/suspicious/noExplicitAny: the page's own Cytoscape instance
    const canvas = (globalThis as any).document.querySelector('[data-testid="org-map"]');
    return canvas?.cy?.edges().length === n;
  }, count);
  return geometry(page);
}

/** Where a node or line of the map is on the page, to point at with the mouse. */
async function onPage(page: Page, id: string, which: 'node' | 'line') {
  const canvas = page.locator('[data-testid="org-map"]');
  await canvas.scrollIntoViewIfNeeded();
  // What comes late (the period picker's dates, under load) moves the map down the page:
  // point only once it has stayed put.
  let box = await canvas.boundingBox();
  for (let settled = 0; settled < 3; ) {
    await page.waitForTimeout(150);
    const now = await canvas.boundingBox();
    settled = now?.x === box?.x && now?.y === box?.y ? settled + 1 : 0;
    box = now;
  }
  const at = await page.evaluate(
    ([ref, kind]) => {
      // biome-ignore lint/suspicious/noExplicitAny: the page's own Cytoscape instance
      const cy = (globalThis as any).document.querySelector('[data-testid="org-map"]').cy;
      const element = cy.getElementById(ref);
      return kind === 'node' ? element.renderedPosition() : element.renderedMidpoint();
    },
    [id, which] as const,
  );
  return { x: (box?.x ?? 0) + at.x, y: (box?.y ?? 0) + at.y };
}

async function mapAt(served: Served, query: string, width = 1280) {
  const { page, errors } = await openPage(browser, width);
  await page.goto(new URL(`/map${query}`, served.url).href, { waitUntil: 'networkidle' });
  return { page, errors, map: await geometry(page) };
}

const api = async (served: Served, path: string) =>
  (await (await fetch(new URL(path, served.url))).json()) as CoordinationMap;

describe('the org map', () => {
  const departments = (data: CoordinationMap) =>
    [...new Set(data.teams.map((t) => t.parent).filter(Boolean))].join(',');
  it.each([
    ['the demo', () => demo, () => '', 'map-demo'],
    ['30 generated teams, 50 strongest needs', () => generated, () => '', 'map-30'],
    ['30 generated teams, every need', () => generated, () => '?top=all', 'map-30-all'],
    [
      '30 generated teams, folded into departments',
      () => generated,
      (data: CoordinationMap) => `?top=all&fold=${departments(data)}`,
      'map-30-folded',
    ],
    ['30 generated teams, without group boxes', () => generated, () => '?groups=0', 'map-30-flat'],
  ] as const)(
    'draws %s with no line through a team it does not join and no name over another',
    async (_, served, query, shot) => {
      const data = await api(served(), '/api/coordination');
      const { page, errors, map } = await mapAt(served(), query(data));
      try {
        await page.locator('.map-layout').screenshot({ path: join(SHOTS, `${shot}.png`) });
        expect(map.lines.length).toBeGreaterThan(0);
        expect(faults(map)).toEqual([]);
        expect(await page.locator('[data-testid="org-map"]').getAttribute('data-unrouted')).toBe(
          '0',
        );
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    60_000,
  );

  it('sees a line drawn through a team as a fault (the check can fail)', () => {
    const map: Geometry = {
      teams: [
        { id: 'a', position: { x: 0, y: 0 }, box: { x1: -10, y1: -5, x2: 10, y2: 5 } },
        { id: 'b', position: { x: 100, y: 0 }, box: { x1: 90, y1: -5, x2: 110, y2: 5 } },
        { id: 'c', position: { x: 50, y: 0 }, box: { x1: 40, y1: -5, x2: 60, y2: 5 } },
      ],
      groups: [],
      lines: [
        {
          id: 'a~b',
          source: 'a',
          target: 'b',
          weight: 1,
          points: [
            { x: 10, y: 0 },
            { x: 90, y: 0 },
          ],
        },
      ],
    };
    expect(faults(map)).toEqual(['a~b passes through c']);
  });

  it('lays the map out the same at every window size', async () => {
    const wide = await mapAt(generated, '', 1280);
    const phone = await mapAt(generated, '', 375);
    try {
      const at = (map: Geometry) =>
        Object.fromEntries(map.teams.map((t) => [t.id, [t.position.x, t.position.y]]));
      expect(Object.keys(at(phone.map)).sort()).toEqual(Object.keys(at(wide.map)).sort());
      for (const [id, [x, y]] of Object.entries(at(wide.map))) {
        expect(at(phone.map)[id]?.[0]).toBeCloseTo(x as number, 3);
        expect(at(phone.map)[id]?.[1]).toBeCloseTo(y as number, 3);
      }
      const width = await phone.page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(375);
    } finally {
      await Promise.all([wide.page.close(), phone.page.close()]);
    }
  });

  it('draws the strongest N needs, from a weight, as the controls and the URL say', {
    timeout: 60_000,
  }, async () => {
    const data = await api(generated, '/api/coordination?limit=1500');
    const { page, map } = await mapAt(generated, '?groups=0');
    try {
      // The default: the 50 strongest needs, every team with none of them set aside.
      const strongest = data.needs.slice(0, 50);
      expect(map.lines.map((l) => l.weight).sort((a, b) => b - a)).toEqual(
        strongest.map((n) => n.weight),
      );
      const joined = new Set(strongest.flatMap((n) => n.teams));
      expect(new Set(map.teams.map((t) => t.id))).toEqual(joined);
      await page.getByText(/Set aside: \d+ teams? with no need drawn/).click();
      const setAside = await page.locator('.map-teams li').count();
      const parents = new Set(data.teams.map((t) => t.parent));
      expect(setAside).toBe(
        data.teams.filter((t) => !joined.has(t.ref) && !parents.has(t.ref)).length,
      );

      await page.getByLabel('Draw the strongest').selectOption('10');
      await page.waitForURL(/top=10/);
      const ten = await redrawn(page, 10);
      expect(ten.lines.map((l) => l.weight)).toHaveLength(10);
      expect(Math.min(...ten.lines.map((l) => l.weight))).toBe(data.needs[9]?.weight);

      // The slider moves by the weights there are; the map keeps only needs at least that
      // heavy, the strongest 50 of them.
      await page.getByLabel('Draw the strongest').selectOption('50');
      await redrawn(page, 50);
      const slider = page.getByRole('slider');
      await slider.focus();
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
      await page.waitForURL(/min=/);
      const min = Number(new URL(page.url()).searchParams.get('min'));
      const heavy = data.needs.filter((n) => n.weight >= min);
      expect(min).toBeGreaterThan(data.minWeight);
      const sliced = await redrawn(page, Math.min(50, heavy.length));
      expect(sliced.lines.every((l) => l.weight >= min)).toBe(true);

      // The URL brings the same map back.
      await page.reload({ waitUntil: 'networkidle' });
      await redrawn(page, Math.min(50, heavy.length));
    } finally {
      await page.close();
    }
  });

  it('focuses on one team and its neighbours, and back, from a click on the map', async () => {
    const data = await api(generated, '/api/coordination?limit=1500');
    const { page, map } = await mapAt(generated, '?groups=0');
    try {
      const team = map.teams[0] as Geometry['teams'][number];
      const label = data.teams.find((t) => t.ref === team.id)?.label as string;
      const at = await onPage(page, team.id, 'node');
      await page.mouse.click(at.x, at.y);
      await page.waitForURL(/focus=/);
      const own = data.needs.filter((n) => n.teams.includes(team.id));
      const focused = await redrawn(page, Math.min(own.length, 50));
      expect(focused.lines.every((l) => l.source === team.id || l.target === team.id)).toBe(true);
      expect(await page.locator('.map-status').textContent()).toContain(label);
      expect(faults(focused)).toEqual([]);
      await page.getByRole('button', { name: 'Show every team' }).click();
      await page.waitForURL((url) => !url.searchParams.has('focus'));
      await redrawn(page, 50);
    } finally {
      await page.close();
    }
  });

  it('folds a department into one node whose lines add up the needs they stand for', {
    timeout: 60_000,
  }, async () => {
    const data = await api(generated, '/api/coordination?limit=1500');
    const { page, map } = await mapAt(generated, '?top=all');
    try {
      const group = map.groups[0] as Geometry['groups'][number];
      const department = group.id.replace(/^group:/, '');
      await page.getByRole('button', { name: 'Fold every group' }).click();
      await page.waitForURL(/fold=/);
      await page.waitForFunction(() => {
        // biome-ignore lint/suspicious/noExplicitAny: the page's own Cytoscape instance
        const canvas = (globalThis as any).document.querySelector('[data-testid="org-map"]');
        return canvas?.cy?.nodes(':parent').length === 0;
      });
      const allFolded = await geometry(page);
      expect(allFolded.teams.map((t) => t.id)).toEqual(
        expect.arrayContaining(map.groups.map((g) => g.id)),
      );
      await page.goto(new URL(`/map?top=all&fold=${department}`, generated.url).href, {
        waitUntil: 'networkidle',
      });
      const folded = await geometry(page);
      const members = new Set(group.children);
      expect(folded.teams.some((t) => t.id === group.id)).toBe(true);
      expect(folded.teams.some((t) => members.has(t.id))).toBe(false);
      // Every line from the folded node weighs what its members' needs with that team weigh.
      for (const line of folded.lines.filter(
        (l) => l.source === group.id || l.target === group.id,
      )) {
        const other = line.source === group.id ? line.target : line.source;
        const expected = data.needs
          .filter((n) => n.teams.includes(other) && n.teams.some((t) => members.has(t)))
          .reduce((sum, n) => sum + n.weight, 0);
        expect(line.weight).toBeCloseTo(expected, 6);
      }
      expect(faults(folded)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('tells a line’s weight on hover', async () => {
    const data = await api(demo, '/api/coordination');
    const { page, map } = await mapAt(demo, '');
    try {
      const strongest = data.needs[0] as CoordinationMap['needs'][number];
      const line = map.lines.find(
        (l) => l.weight === strongest.weight,
      ) as Geometry['lines'][number];
      const middle = await onPage(page, line.id, 'line');
      await page.mouse.move(middle.x, middle.y);
      const hover = page.locator('.org-map-hover');
      await hover.waitFor();
      expect(await hover.textContent()).toContain(`weight ${num(strongest.weight)}`);
    } finally {
      await page.close();
    }
  });
});
