/**
 * What the org map draws, decided before anything is laid out: which needs (the strongest
 * first, at least a weight, or one team's only), which teams they join, how teams gather in
 * their parent groups, and which groups are folded into one node. Teams with no line in view
 * are set aside and listed, not scattered over the canvas.
 */

export interface MapTeam {
  ref: string;
  label: string;
  teamType: string | null;
  members: number;
  /** The group the team belongs to, if the catalog says. */
  parent?: string | null;
}

export interface MapNeed {
  teams: readonly [string, string];
  weight: number;
  wired: boolean;
}

export interface MapOptions {
  /** Draw at most this many needs, the strongest (null: all). */
  top: number | null;
  /** Leave out needs lighter than this. */
  minWeight: number;
  /** Draw only this team's needs (and so its neighbours). */
  focus: string | null;
  /** Gather teams in boxes by their parent group. */
  grouped: boolean;
  /** Groups drawn as one node. */
  collapsed: ReadonlySet<string>;
  /** A group's display name. */
  groupLabel: (ref: string) => string;
}

export type DrawnNode =
  | {
      kind: 'team';
      id: string;
      label: string;
      type: string;
      members: number;
      /** The id of the group box it is drawn in. */
      parent: string | null;
    }
  | { kind: 'group'; id: string; group: string; label: string; teams: number }
  | { kind: 'collapsed'; id: string; group: string; label: string; teams: number };

export interface DrawnEdge {
  id: string;
  /** The need's pair key when the line is one need between two teams; null for a folded line. */
  key: string | null;
  source: string;
  target: string;
  weight: number;
  /** Every need folded into the line is wired. */
  wired: boolean;
  idle: boolean;
  /** How many needs the line stands for. */
  needs: number;
}

export interface DrawnMap {
  nodes: DrawnNode[];
  edges: DrawnEdge[];
  /** Teams that no line in view joins, in the order given (groups of teams are not listed). */
  setAside: string[];
  /** Needs of the weight asked for that the cut to `top` leaves out. */
  cut: number;
}

export const pairKey = (teams: readonly [string, string]) => `${teams[0]}~${teams[1]}`;
export const groupNodeId = (group: string) => `group:${group}`;

export function drawnMap(
  teams: readonly MapTeam[],
  needs: readonly MapNeed[],
  idle: readonly { teams: readonly [string, string] }[],
  options: MapOptions,
): DrawnMap {
  const { focus } = options;
  const touches = (pair: { teams: readonly [string, string] }) =>
    focus === null || pair.teams[0] === focus || pair.teams[1] === focus;
  const heavy = needs.filter((n) => n.weight >= options.minWeight && touches(n));
  const shown = options.top === null ? heavy : heavy.slice(0, options.top);
  const idleShown = idle.filter(touches);

  const byRef = new Map(teams.map((t) => [t.ref, t]));
  const inView = new Set<string>();
  for (const pair of [...shown, ...idleShown]) for (const ref of pair.teams) inView.add(ref);
  if (focus !== null) inView.add(focus);
  const order = [...teams.map((t) => t.ref), ...[...inView].filter((ref) => !byRef.has(ref))];
  const drawnTeams = order.filter((ref) => inView.has(ref));

  // A box for a group only when it holds two teams in view or more: a box of one says nothing.
  const parentOf = (ref: string) => (options.grouped ? (byRef.get(ref)?.parent ?? null) : null);
  const inGroup = new Map<string, string[]>();
  for (const ref of drawnTeams) {
    const group = parentOf(ref);
    if (group !== null) inGroup.set(group, [...(inGroup.get(group) ?? []), ref]);
  }
  const boxed = new Map([...inGroup].filter(([, refs]) => refs.length >= 2));
  const folded = (ref: string): string | null => {
    const group = parentOf(ref);
    return group !== null && boxed.has(group) && options.collapsed.has(group) ? group : null;
  };
  const nodeOf = (ref: string) => {
    const group = folded(ref);
    return group === null ? ref : groupNodeId(group);
  };

  const nodes: DrawnNode[] = [];
  for (const [group, refs] of boxed) {
    const label = options.groupLabel(group);
    nodes.push(
      options.collapsed.has(group)
        ? { kind: 'collapsed', id: groupNodeId(group), group, label, teams: refs.length }
        : { kind: 'group', id: groupNodeId(group), group, label, teams: refs.length },
    );
  }
  for (const ref of drawnTeams) {
    if (folded(ref) !== null) continue;
    const team = byRef.get(ref);
    const group = parentOf(ref);
    nodes.push({
      kind: 'team',
      id: ref,
      label: team?.label ?? ref.replace(/^.*\//, ''),
      type: team?.teamType ?? 'unknown',
      members: team?.members ?? 0,
      parent: group !== null && boxed.has(group) ? groupNodeId(group) : null,
    });
  }

  // Lines between folded groups add up; a line inside one folded group is not drawn.
  const edges = new Map<string, DrawnEdge>();
  const add = (
    pair: { teams: readonly [string, string] },
    weight: number,
    wired: boolean,
    idleLine: boolean,
  ) => {
    const source = nodeOf(pair.teams[0]);
    const target = nodeOf(pair.teams[1]);
    if (source === target) return;
    const [a, b] = source < target ? [source, target] : [target, source];
    const id = `${idleLine ? 'idle' : 'need'}:${a}~${b}`;
    const line = edges.get(id);
    if (line) {
      line.weight += weight;
      line.wired &&= wired;
      line.needs += 1;
      line.key = null;
    } else
      edges.set(id, {
        id,
        key: idleLine ? null : pairKey(pair.teams),
        source,
        target,
        weight,
        wired,
        idle: idleLine,
        needs: 1,
      });
  };
  for (const need of shown) add(need, need.weight, need.wired, false);
  for (const pair of idleShown) add(pair, 0, true, true);

  // A group other teams belong to is a box on the map, not a team without needs.
  const parents = new Set(teams.map((t) => t.parent));
  return {
    nodes,
    edges: [...edges.values()],
    setAside:
      focus === null
        ? teams.map((t) => t.ref).filter((ref) => !inView.has(ref) && !parents.has(ref))
        : [],
    cut: heavy.length - shown.length,
  };
}
