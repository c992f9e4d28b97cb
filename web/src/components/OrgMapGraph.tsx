import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { useEffect, useRef, useState } from 'react';
import { num } from '../format.js';
import type { DrawnEdge, DrawnMap, DrawnNode } from '../map-model.js';
import { type Box, grow, route, segmentOf, separate } from '../map-routing.js';

cytoscape.use(fcose);

/**
 * Colour and shape per Team Topologies type: the shape alone tells them apart too. Each team
 * is a box its name fits in, so that a line can be kept off every name.
 */
export const TEAM_STYLES = {
  'stream-aligned': { color: '#b45309', shape: 'round-rectangle', label: 'stream-aligned' },
  platform: { color: '#1d4ed8', shape: 'rectangle', label: 'platform' },
  enabling: { color: '#7e22ce', shape: 'ellipse', label: 'enabling' },
  'complicated-subsystem': {
    color: '#0f766e',
    shape: 'cut-rectangle',
    label: 'complicated-subsystem',
  },
  unknown: { color: '#64748b', shape: 'round-rectangle', label: 'type not declared' },
} as const;

export const EDGE_COLORS = { unwired: '#c81e1e', wired: '#7c8ba1', idle: '#2563eb' };

/** Lines are routed round teams up to this many; beyond, they are drawn straight, and said so. */
export const ROUTED_EDGES_MAX = 400;

/** Space kept between a line and any team or name it does not join. */
const CLEARANCE = 5;
const MAX_FIT_ZOOM = 1.4;
const FONT_SIZE = 12;
const FONT = 'system-ui, sans-serif';
const LABEL_MAX = 180;
const PAD_X = 10;
const NODE_HEIGHT = 28;

/** How wide a team's box must be for its name (an ellipse needs more room than a box). */
function widthOf(label: string, shape: string, measure: CanvasRenderingContext2D | null): number {
  const text = Math.min(LABEL_MAX, measure?.measureText(label).width ?? label.length * 7);
  return Math.ceil((text + 2 * PAD_X) * (shape === 'ellipse' ? 1.35 : 1));
}

/** `color` mixed into `base` at `share`, both #rrggbb. */
function mix(color: string, base: string, share: number): string {
  const channel = (hex: string, i: number) => Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  if (!/^#[0-9a-f]{6}$/i.test(base)) return color;
  return `#${[0, 1, 2]
    .map((i) =>
      Math.round(channel(color, i) * share + channel(base, i) * (1 - share))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** A small, seeded random source (mulberry32): the same map is laid out the same each time. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Runs a layout with Math.random seeded. fcose draws its starting points at random, and the
 * map must not move between one visit, or one window size, and the next.
 */
function runSeeded(layout: cytoscape.Layouts): void {
  const random = Math.random;
  Math.random = seeded(20_260_501);
  try {
    layout.run();
  } finally {
    Math.random = random;
  }
}

const asBox = (b: cytoscape.BoundingBox12): Box => ({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 });

/** A node's name alone (a group's box has overlays that would count as its label's). */
const labelBox = (node: cytoscape.NodeSingular) =>
  node.boundingBox({
    includeNodes: false,
    includeLabels: true,
    includeOverlays: false,
    includeUnderlays: false,
  } as cytoscape.BoundingBoxOptions);

/**
 * Settles the names on names a force layout leaves in a dense map: the teams within each
 * group apart, then the groups and the teams in none, each moved as a whole.
 */
function settle(cy: cytoscape.Core): void {
  const gap = 2 * CLEARANCE + 4;
  const apart = (units: cytoscape.NodeCollection, box: (n: cytoscape.NodeSingular) => Box) => {
    const shift = separate(units.map(box), gap);
    units.forEach((unit, i) => {
      const by = shift[i];
      if (by && (by.x !== 0 || by.y !== 0))
        (unit.isParent() ? unit.descendants(':childless') : unit).shift(by);
    });
  };
  cy.nodes(':parent').forEach((group) => {
    apart(group.children(), (n) => asBox(n.boundingBox({ includeLabels: true })));
  });
  apart(cy.nodes(':orphan'), (n) =>
    asBox(n.boundingBox({ includeLabels: true, includeOverlays: false })),
  );
}

/**
 * Bends every line that would cross a team, or a name, it does not join, round it (see
 * map-routing.ts). Returns how many lines found no way round and stay straight.
 */
function routeEdges(cy: cytoscape.Core): number {
  const boxes = new Map(
    cy
      .nodes(':childless')
      .map((n) => [n.id(), grow(asBox(n.boundingBox({ includeLabels: true })), CLEARANCE)]),
  );
  const groupNames = cy.nodes(':parent').map((n) => grow(asBox(labelBox(n)), CLEARANCE));
  let unrouted = 0;
  cy.edges().forEach((edge) => {
    const source = edge.source();
    const target = edge.target();
    const obstacles = [
      ...[...boxes].filter(([id]) => id !== source.id() && id !== target.id()).map(([, b]) => b),
      ...groupNames,
    ];
    const from = source.position();
    const to = target.position();
    const bends = route(from, to, obstacles);
    if (bends === null) unrouted += 1;
    if (!bends || bends.length === 0) return;
    const segments = bends.map((bend) => segmentOf(bend, from, to));
    edge.style({
      'curve-style': 'segments',
      'edge-distances': 'node-position',
      'segment-weights': segments.map((s) => s.weight),
      'segment-distances': segments.map((s) => s.distance),
    });
  });
  return unrouted;
}

interface Props {
  map: DrawnMap;
  /** The selected need's pair key. */
  selected: string | null;
  onSelectNeed?: (key: string) => void;
  onTeam?: (ref: string) => void;
  /** A group's box or folded node was clicked. */
  onGroup?: (group: string) => void;
  /** A one-sentence summary of what is drawn, for screen readers. */
  summary: string;
}

interface Hover {
  x: number;
  y: number;
  text: string;
}

function describeNode(node: DrawnNode): string {
  if (node.kind === 'team')
    return `${node.label} · ${TEAM_STYLES[node.type as keyof typeof TEAM_STYLES]?.label ?? node.type} · ${num(node.members)} ${node.members === 1 ? 'person' : 'people'}`;
  return `${node.label}: ${num(node.teams)} teams in view · click to ${node.kind === 'group' ? 'fold them into one' : 'show them'}`;
}

function describeEdge(edge: DrawnEdge, label: (id: string) => string): string {
  const pair = `${label(edge.source)} ↔ ${label(edge.target)}`;
  if (edge.idle) return `${pair}: declared interaction, no shared work`;
  const folded = edge.needs > 1 ? ` (${num(edge.needs)} needs)` : '';
  return `${pair}: weight ${num(edge.weight)}${folded}, ${edge.wired ? 'wired' : 'unwired'}`;
}

/** The org map: teams as boxes (in their groups' boxes), needs as lines, on a canvas. */
export function OrgMapGraph(props: Props) {
  const { map, selected, summary } = props;
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const handlers = useRef(props);
  handlers.current = props;
  const [drawn, setDrawn] = useState(false);
  const [unrouted, setUnrouted] = useState(0);
  const [hover, setHover] = useState<Hover | null>(null);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    setDrawn(false);
    setHover(null);
    const measure = document.createElement('canvas').getContext('2d');
    const css = getComputedStyle(el);
    // The page's colours (they follow dark mode), as #rrggbb: a canvas normalises any CSS colour.
    const color = (variable: string, fallback: string) => {
      if (!measure) return fallback;
      measure.fillStyle = fallback;
      measure.fillStyle = css.getPropertyValue(variable).trim() || fallback;
      return String(measure.fillStyle);
    };
    const ink = color('--ink', '#0f172a');
    const surface = color('--surface', '#ffffff');
    const muted = color('--muted', '#526071');
    const line = color('--line-strong', '#c3cad4');
    if (measure) measure.font = `${FONT_SIZE}px ${FONT}`;

    const maxWeight = map.edges.reduce((max, e) => Math.max(max, e.weight), 1);
    const byId = new Map(map.nodes.map((n) => [n.id, n]));
    const labelOf = (id: string) => byId.get(id)?.label ?? id;
    const elements: cytoscape.ElementDefinition[] = [
      ...map.nodes.map((node) => {
        if (node.kind === 'group')
          return {
            group: 'nodes' as const,
            data: { id: node.id, label: node.label },
            classes: 'group',
          };
        const style =
          node.kind === 'team'
            ? (TEAM_STYLES[node.type as keyof typeof TEAM_STYLES] ?? TEAM_STYLES.unknown)
            : null;
        const label = node.kind === 'team' ? node.label : `${node.label} (${node.teams})`;
        return {
          group: 'nodes' as const,
          data: {
            id: node.id,
            label,
            ...(node.kind === 'team' && node.parent ? { parent: node.parent } : {}),
            width: widthOf(label, style?.shape ?? 'round-rectangle', measure),
            shape: style?.shape ?? 'round-rectangle',
            border: style?.color ?? muted,
            fill: mix(style?.color ?? muted, surface, 0.16),
          },
          classes: node.kind === 'team' ? `team type-${node.type}` : 'folded',
        };
      }),
      ...map.edges.map((edge) => ({
        group: 'edges' as const,
        data: {
          id: edge.id,
          key: edge.key ?? undefined,
          source: edge.source,
          target: edge.target,
          weight: edge.weight,
          width: edge.idle ? 1.5 : 1.5 + 7.5 * Math.sqrt(edge.weight / maxWeight),
        },
        classes: edge.idle ? 'idle' : edge.wired ? 'wired' : 'unwired',
      })),
    ];

    const cy = cytoscape({
      container: el,
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      autoungrabify: true,
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'font-size': FONT_SIZE,
            'font-family': FONT,
            color: ink,
            'min-zoomed-font-size': 6,
          },
        },
        {
          selector: 'node.team, node.folded',
          style: {
            shape: 'data(shape)' as unknown as cytoscape.Css.NodeShape,
            width: 'data(width)',
            height: NODE_HEIGHT,
            'background-color': 'data(fill)',
            'border-color': 'data(border)',
            'border-width': 2,
            'text-valign': 'center',
            'text-halign': 'center',
            'text-wrap': 'ellipsis',
            'text-max-width': `${LABEL_MAX}px`,
          },
        },
        { selector: 'node.type-unknown', style: { 'border-style': 'dashed' } },
        {
          selector: 'node.folded',
          style: { 'border-width': 3, 'border-style': 'double', 'font-weight': 'bold' },
        },
        {
          selector: 'node.group',
          style: {
            shape: 'round-rectangle',
            'background-color': surface,
            'background-opacity': 0,
            'border-color': line,
            'border-width': 1.5,
            'border-style': 'dashed',
            padding: '16px',
            'text-valign': 'top',
            'text-halign': 'center',
            'text-margin-y': -4,
            color: muted,
            'font-weight': 'bold',
          },
        },
        {
          selector: 'edge',
          style: { width: 'data(width)', 'curve-style': 'straight', opacity: 0.85 },
        },
        { selector: 'edge.wired', style: { 'line-color': EDGE_COLORS.wired } },
        {
          selector: 'edge.unwired',
          style: {
            'line-color': EDGE_COLORS.unwired,
            'line-style': 'dashed',
            'line-dash-pattern': [8, 4],
          },
        },
        {
          selector: 'edge.idle',
          style: { 'line-color': EDGE_COLORS.idle, 'line-style': 'dotted', opacity: 0.9 },
        },
        {
          selector: 'edge.selected',
          style: {
            'underlay-color': '#facc15',
            'underlay-opacity': 0.9,
            'underlay-padding': 5,
            opacity: 1,
            'z-index': 10,
          },
        },
      ] as cytoscape.StylesheetJson,
    });
    // One batch: adding elements one by one restyles the graph each time.
    cy.batch(() => {
      cy.add(elements);
    });
    cyRef.current = cy;
    // The rendered graph, for the geometry test and for a curious reader's console.
    Object.assign(el, { cy });

    cy.on('tap', 'edge', (event) => {
      const key = event.target.data('key') as string | undefined;
      if (key) handlers.current.onSelectNeed?.(key);
    });
    cy.on('tap', 'node', (event) => {
      const node = byId.get(event.target.id());
      if (!node) return;
      if (node.kind === 'team') handlers.current.onTeam?.(node.id);
      else handlers.current.onGroup?.(node.group);
    });
    cy.on('mouseover', 'node, edge', (event) => {
      const target = event.target as cytoscape.SingularElementArgument;
      const node = byId.get(target.id());
      const edge = target.isEdge() ? map.edges.find((e) => e.id === target.id()) : undefined;
      const text = node ? describeNode(node) : edge ? describeEdge(edge, labelOf) : null;
      if (text === null) return;
      el.style.cursor = 'pointer';
      setHover({ x: event.renderedPosition.x, y: event.renderedPosition.y, text });
    });
    cy.on('mouseout', 'node, edge', () => {
      el.style.cursor = '';
      setHover(null);
    });
    cy.on('viewport', () => setHover(null));

    // Lines per team: a dense map needs more room between teams for its lines to go round them.
    const density = map.edges.length / Math.max(1, map.nodes.length);
    const layout = cy.layout({
      name: 'fcose',
      quality: 'proof',
      randomize: true,
      animate: false,
      fit: false,
      nodeDimensionsIncludeLabels: true,
      packComponents: false,
      nodeRepulsion: () => 6000 * Math.max(1, density),
      idealEdgeLength: () => 70 + 12 * Math.max(0, density - 2),
      edgeElasticity: () => 0.3,
      nestingFactor: 0.3,
      gravity: 0.8,
      gravityCompound: 2,
      gravityRangeCompound: 1.2,
      numIter: 5000,
      tile: true,
      nodeSeparation: 60,
    } as cytoscape.LayoutOptions);
    runSeeded(layout);
    settle(cy);
    const notRouted = map.edges.length > ROUTED_EDGES_MAX ? map.edges.length : routeEdges(cy);
    setUnrouted(notRouted);
    el.dataset.unrouted = String(notRouted);
    cy.fit(undefined, 30);
    // A small org fitted to the box would be drawn huge; keep it at a readable size.
    if (cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center();
    }
    setDrawn(true);

    return () => {
      cyRef.current = null;
      cy.destroy();
    };
  }, [map]);

  // A redraw (drawn turning true) makes new edges: mark the selected one again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: drawn is the trigger, see above
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.edges('.selected').removeClass('selected');
    if (selected)
      cy.edges()
        .filter((e) => e.data('key') === selected)
        .addClass('selected');
  }, [selected, drawn]);

  return (
    <div className="org-map-frame">
      <div
        ref={container}
        className="org-map-canvas"
        data-testid="org-map"
        data-drawn={drawn ? 'true' : 'false'}
        role="img"
        aria-label={summary}
      />
      {hover ? (
        <div
          className="org-map-hover"
          aria-hidden="true"
          style={{ left: hover.x + 12, top: hover.y + 12 }}
        >
          {hover.text}
        </div>
      ) : null}
      {unrouted > 0 ? (
        <p className="small muted">
          {map.edges.length > ROUTED_EDGES_MAX
            ? `With ${num(map.edges.length)} lines, they are drawn straight and may pass over other teams: draw fewer to have them routed round.`
            : `${num(unrouted)} ${unrouted === 1 ? 'line finds' : 'lines find'} no way round the teams near it and ${unrouted === 1 ? 'is' : 'are'} drawn straight.`}
        </p>
      ) : null}
    </div>
  );
}
