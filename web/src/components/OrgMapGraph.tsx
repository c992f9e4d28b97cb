import cytoscape from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import type { TeamNode } from '../../../src/server/api-types.js';
import type { CoordinationNeed, IdleInteraction } from '../types.js';

/** Colour and shape per Team Topologies type: the shape alone tells them apart too. */
export const TEAM_STYLES = {
  'stream-aligned': { color: '#b45309', shape: 'round-rectangle', label: 'stream-aligned' },
  platform: { color: '#1d4ed8', shape: 'rectangle', label: 'platform' },
  enabling: { color: '#7e22ce', shape: 'diamond', label: 'enabling' },
  'complicated-subsystem': {
    color: '#0f766e',
    shape: 'octagon',
    label: 'complicated-subsystem',
  },
  unknown: { color: '#64748b', shape: 'ellipse', label: 'type not declared' },
} as const;

export const EDGE_COLORS = { unwired: '#c81e1e', wired: '#7c8ba1', idle: '#2563eb' };

/** Above this many teams the force-directed layout is too slow; rings by degree instead. */
const FORCE_LAYOUT_MAX_NODES = 150;

const MAX_FIT_ZOOM = 1.1;

/** The identity of a need (or idle interaction) between two teams, for URLs and edge ids. */
export const pairKey = (teams: readonly [string, string]) => `${teams[0]}~${teams[1]}`;

interface Props {
  /** What the map draws of a team (the What-if page passes its own, compact teams). */
  teams: readonly Pick<TeamNode, 'ref' | 'label' | 'teamType' | 'members'>[];
  needs: readonly Pick<CoordinationNeed, 'teams' | 'weight' | 'wired'>[];
  idle: readonly IdleInteraction[];
  selected: string | null;
  onSelectNeed: (key: string | null) => void;
  onOpenTeam: (ref: string) => void;
  /** A one-sentence summary of what is drawn, for screen readers. */
  summary: string;
}

/** The org map: teams as nodes, needs as edges, drawn with Cytoscape.js on a canvas. */
export function OrgMapGraph(props: Props) {
  const { teams, needs, idle, selected, summary } = props;
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const handlers = useRef(props);
  handlers.current = props;
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    setDrawn(false);
    let active = true;

    const known = new Set(teams.map((t) => t.ref));
    const extra = new Set<string>();
    for (const pair of [...needs, ...idle])
      for (const ref of pair.teams) if (!known.has(ref)) extra.add(ref);
    const nodeCount = teams.length + extra.size;
    const maxWeight = needs.reduce((max, n) => Math.max(max, n.weight), 1);
    const maxMembers = teams.reduce((max, t) => Math.max(max, t.members), 1);

    const ring = (i: number) => {
      const angle = (2 * Math.PI * i) / Math.max(1, nodeCount);
      const radius = 90 * Math.sqrt(nodeCount);
      return { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
    };
    const elements: cytoscape.ElementDefinition[] = [
      ...teams.map((t, i) => ({
        group: 'nodes' as const,
        data: {
          id: t.ref,
          label: t.label,
          type: t.teamType ?? 'unknown',
          size: 22 + 26 * Math.sqrt(t.members / maxMembers),
        },
        position: ring(i),
      })),
      ...[...extra].map((ref, i) => ({
        group: 'nodes' as const,
        data: { id: ref, label: ref.replace(/^.*\//, ''), type: 'unknown', size: 22 },
        position: ring(teams.length + i),
      })),
      ...needs.map((n) => ({
        group: 'edges' as const,
        data: {
          id: `need:${pairKey(n.teams)}`,
          key: pairKey(n.teams),
          source: n.teams[0],
          target: n.teams[1],
          width: 1.5 + 8.5 * Math.sqrt(n.weight / maxWeight),
        },
        classes: n.wired ? 'wired' : 'unwired',
      })),
      ...idle.map((n) => ({
        group: 'edges' as const,
        data: {
          id: `idle:${pairKey(n.teams)}`,
          source: n.teams[0],
          target: n.teams[1],
          width: 1.5,
        },
        classes: 'idle',
      })),
    ];

    const big = nodeCount > FORCE_LAYOUT_MAX_NODES;
    const cy = cytoscape({
      container: el,
      minZoom: 0.05,
      maxZoom: 4,
      textureOnViewport: big,
      hideEdgesOnViewport: big,
      pixelRatio: big ? 1 : 'auto',
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            width: 'data(size)',
            height: 'data(size)',
            'font-size': 12,
            'font-family': 'system-ui, sans-serif',
            color: '#0f172a',
            'text-valign': 'bottom',
            'text-margin-y': 4,
            'text-outline-color': '#ffffff',
            'text-outline-width': 2,
            'min-zoomed-font-size': 7,
            'border-width': 1.5,
            'border-color': '#0f172a',
          },
        },
        ...Object.entries(TEAM_STYLES).map(([type, s]) => ({
          selector: `node[type = "${type}"]`,
          style: {
            'background-color': s.color,
            shape: s.shape,
            ...(type === 'stream-aligned' || type === 'platform'
              ? { width: (n: cytoscape.NodeSingular) => 1.6 * n.data('size') }
              : {}),
          },
        })),
        {
          selector: 'edge',
          style: {
            width: 'data(width)',
            'curve-style': big ? 'haystack' : 'straight',
            opacity: 0.85,
          },
        },
        {
          selector: 'edge.wired',
          style: { 'line-color': EDGE_COLORS.wired, 'line-style': 'solid' },
        },
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
          style: {
            'line-color': EDGE_COLORS.idle,
            'line-style': 'dotted',
            opacity: 0.9,
          },
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
    // One batch: adding elements one by one restyles the graph each time (seconds at 1,000 teams).
    cy.batch(() => {
      cy.add(elements);
    });
    cyRef.current = cy;

    cy.on('tap', 'edge', (event) => {
      const key = event.target.data('key') as string | undefined;
      if (key) handlers.current.onSelectNeed(key);
    });
    cy.on('tap', 'node', (event) => handlers.current.onOpenTeam(event.target.id()));
    cy.on('mouseover', 'node, edge[key]', () => {
      el.style.cursor = 'pointer';
    });
    cy.on('mouseout', 'node, edge', () => {
      el.style.cursor = '';
    });

    // Rings by degree, the best connected in the middle: about eight rings.
    const levelWidth = big ? Math.max(1, cy.nodes().maxDegree(false) / 8) : 1;
    const layout = cy.layout(
      big
        ? {
            name: 'concentric',
            animate: false,
            fit: false,
            concentric: (node: cytoscape.NodeSingular) => node.degree(false),
            levelWidth: () => levelWidth,
            minNodeSpacing: 8,
          }
        : {
            name: 'cose',
            animate: false,
            randomize: false,
            nodeRepulsion: () => 400_000,
            nodeOverlap: 20,
            idealEdgeLength: () => 120,
            edgeElasticity: () => 100,
            gravity: 0.25,
            componentSpacing: 80,
            numIter: 1500,
            padding: 30,
          },
    );
    layout.one('layoutstop', () => {
      if (!active) return;
      cy.fit(undefined, 30);
      // A small org fitted to the box would be drawn huge; keep it at a readable size.
      if (cy.zoom() > MAX_FIT_ZOOM) {
        cy.zoom(MAX_FIT_ZOOM);
        cy.center();
      }
      setDrawn(true);
    });
    layout.run();

    return () => {
      active = false;
      cyRef.current = null;
      cy.destroy();
    };
  }, [teams, needs, idle]);

  // A redraw (drawn turning true) makes new edges: mark the selected one again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: drawn is the trigger, see above
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.edges('.selected').removeClass('selected');
    if (selected) cy.getElementById(`need:${selected}`).addClass('selected');
  }, [selected, drawn]);

  return (
    <div
      ref={container}
      className="org-map-canvas"
      data-testid="org-map"
      data-drawn={drawn ? 'true' : 'false'}
      role="img"
      aria-label={summary}
    />
  );
}
