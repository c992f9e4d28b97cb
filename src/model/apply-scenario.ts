import { type Catalog, indexCatalog } from './build-catalog.js';
import type { Component, Entity, Group, InteractionMode, User } from './entities.js';
import { DEFAULT_NAMESPACE, parseEntityRef, stringifyEntityRef } from './entity-ref.js';
import type { Problem, SourcePosition } from './problem.js';
import type { Scenario, ScenarioChange } from './scenario.js';

class ScenarioError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/**
 * The catalog as a scenario would leave it (issue 14): its changes applied in order to
 * copies of the teams, people and components, the work left as it is. Memberships stay
 * two-sided (a group's members and each user's memberOf). A change that names what the
 * catalog (as the changes before left it) does not have is a problem at its file and line,
 * and then nothing is applied.
 *
 * - `movePerson {user, to, from?}`: out of `from` (without it, out of every group), into `to`;
 * - `moveComponent {component, to}`: `to` owns it;
 * - `mergeTeams {teams, into}`: the others' members, components, child groups and
 *   interactions go to `into`, and the others go;
 * - `splitTeam {team, into: [{name, members, components}]}`: the team is replaced by the parts
 *   (same type and parent); what no part names goes to the first;
 * - `createTeam {name, members, components, parent?}`: a new team; its members join it (and
 *   stay in their other teams), its components move to it;
 * - `dissolveTeam {team, into?}`: as a merge into `into`; without it the members just leave
 *   it and its components go to its parent (a team with components and no parent needs
 *   `into`);
 * - `interaction {between: [a, b], mode}` / `removeInteraction {between}`: declared by `a`
 *   with `b` / every interaction between them removed;
 * - `embed {provider, into}`: the providing team's people are shared out among the `into`
 *   teams in proportion to the requests each sent it (`requestsTo`; evenly without requests;
 *   largest remainders, ties to the earlier named), and its components, names and
 *   interactions with other teams go to the one that sent most, which takes its place (its
 *   interactions with the teams that took it in go);
 * - `leave {user}`: out of every group (what they knew is the analysis's to say: `left`).
 *
 * `renamed` maps each team that went to the team that took its place (merged into,
 * dissolved into, the first part of a split), so that what the team was part of can be
 * followed after.
 */
export function applyScenario(
  catalog: Catalog,
  scenario: Scenario,
  evidence: ScenarioEvidence = {},
): {
  catalog: Catalog;
  problems: Problem[];
  renamed: Map<string, string>;
  /** Each providing team embedded, with the teams that took it in. */
  embedded: { provider: string; into: string[] }[];
  /** The Users who leave, in order. */
  left: string[];
} {
  const entities = new Map<string, Entity>(catalog.entities.map((e) => [e.ref, copy(e)] as const));
  const renamed = new Map<string, string>();
  const embedded: { provider: string; into: string[] }[] = [];
  const left: string[] = [];
  const state = { renamed, embedded, left, requestsTo: evidence.requestsTo ?? (() => new Map()) };
  for (const { change, at } of scenario.changes) {
    try {
      applyChange(entities, change, state);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      return {
        catalog,
        problems: [problemAt(at, error)],
        renamed: new Map(),
        embedded: [],
        left: [],
      };
    }
  }
  // A team renamed twice (merged, then its heir merged again) ends at the last heir.
  for (const [from, to] of renamed) {
    let heir = to;
    const seen = new Set([from]);
    while (renamed.has(heir) && !seen.has(heir)) {
      seen.add(heir);
      heir = renamed.get(heir) as string;
    }
    renamed.set(from, heir);
  }
  return { catalog: indexCatalog([...entities.values()]), problems: [], renamed, embedded, left };
}

/** What the work says that some changes need. */
export interface ScenarioEvidence {
  /** Requests a providing team received, by requesting team (for `embed`). */
  requestsTo?: (provider: string) => ReadonlyMap<string, number>;
}

interface ChangeState {
  renamed: Map<string, string>;
  embedded: { provider: string; into: string[] }[];
  left: string[];
  requestsTo: (provider: string) => ReadonlyMap<string, number>;
}

function problemAt(at: SourcePosition, error: ScenarioError): Problem {
  return {
    severity: 'error',
    code: 'scenario/change',
    ...at,
    message: error.message,
    hint: error.hint,
  };
}

/** A deep enough copy: the arrays a change edits are new. */
function copy(entity: Entity): Entity {
  if (entity.kind === 'Group')
    return {
      ...entity,
      members: [...entity.members],
      children: [...entity.children],
      interactions: entity.interactions.map((i) => ({ ...i })),
    };
  if (entity.kind === 'User') return { ...entity, memberOf: [...entity.memberOf] };
  return { ...entity };
}

type Entities = Map<string, Entity>;

function refOf(text: string, kind: string): string {
  const parsed = parseEntityRef(text, { defaultKind: kind, defaultNamespace: DEFAULT_NAMESPACE });
  if (!parsed.ok) throw new ScenarioError(`"${text}": ${parsed.message}`, parsed.hint);
  return stringifyEntityRef(parsed.ref);
}

function find<K extends 'Group' | 'User' | 'Component'>(
  entities: Entities,
  text: string,
  kind: K,
): Extract<Entity, { kind: K }> {
  const ref = refOf(text, kind.toLowerCase());
  const found = entities.get(ref);
  if (found?.kind !== kind)
    throw new ScenarioError(
      `no ${kind === 'Group' ? 'team' : kind === 'User' ? 'person' : 'component'} ${text} in the catalog${found ? ` (${ref} is a ${found.kind})` : ''}`,
      `Name a ${kind} the catalog has, as written there (after the changes before this one).`,
    );
  return found as Extract<Entity, { kind: K }>;
}

const without = (list: string[], ref: string) => list.filter((r) => r !== ref);
const withAdded = (list: string[], ref: string) => (list.includes(ref) ? list : [...list, ref]);

function join(user: User, group: Group): void {
  group.members = withAdded(group.members, user.ref);
  user.memberOf = withAdded(user.memberOf, group.ref);
}

function part(user: User, group: Group): void {
  group.members = without(group.members, user.ref);
  user.memberOf = without(user.memberOf, group.ref);
}

const groupsOf = (entities: Entities) =>
  [...entities.values()].filter((e): e is Group => e.kind === 'Group');
const ownedBy = (entities: Entities, team: string) =>
  [...entities.values()].filter((e): e is Component => e.kind === 'Component' && e.owner === team);

/** A new team named `text`, shaped like `like` (its type, parent and team type) when given. */
function newTeam(
  entities: Entities,
  text: string,
  like: Pick<Group, 'type' | 'parent' | 'teamType'> = { type: 'team' },
): Group {
  const parsed = parseEntityRef(text, {
    defaultKind: 'group',
    defaultNamespace: DEFAULT_NAMESPACE,
  });
  if (!parsed.ok) throw new ScenarioError(`"${text}": ${parsed.message}`, parsed.hint);
  const ref = stringifyEntityRef(parsed.ref);
  if (entities.has(ref))
    throw new ScenarioError(
      `${text} is in the catalog already`,
      'Give the new team a name of its own.',
    );
  const group: Group = {
    kind: 'Group',
    ref,
    namespace: parsed.ref.namespace,
    name: parsed.ref.name,
    annotations: {},
    tags: [],
    source: { file: '(scenario)', line: 1, column: 1 },
    type: like.type,
    children: [],
    members: [],
    interactions: [],
    ...(like.parent === undefined ? {} : { parent: like.parent }),
    ...(like.teamType === undefined ? {} : { teamType: like.teamType }),
  };
  entities.set(ref, group);
  const parent = group.parent === undefined ? undefined : entities.get(group.parent);
  if (parent?.kind === 'Group') parent.children = withAdded(parent.children, ref);
  return group;
}

/**
 * Moves everything of `from` to `into` (members, components, children, interactions, and
 * its names, so that ownership files naming it name `into`), then removes `from`.
 */
function mergeInto(entities: Entities, from: Group, into: Group): void {
  for (const member of from.members) {
    const user = entities.get(member);
    if (user?.kind === 'User') {
      part(user, from);
      join(user, into);
    }
  }
  for (const component of ownedBy(entities, from.ref)) component.owner = into.ref;
  for (const child of from.children) {
    const group = entities.get(child);
    if (group?.kind === 'Group' && group.ref !== into.ref) {
      group.parent = into.ref;
      into.children = withAdded(into.children, child);
    }
  }
  into.formerly = [
    ...(into.formerly ?? []),
    { name: from.name, ...(from.teamSlug === undefined ? {} : { teamSlug: from.teamSlug }) },
    ...(from.formerly ?? []),
  ];
  for (const i of from.interactions)
    if (
      i.with !== into.ref &&
      !into.interactions.some((j) => j.with === i.with && j.mode === i.mode)
    )
      into.interactions.push({ ...i });
  removeGroup(entities, from, into.ref);
}

/** Removes a group and every reference to it; references to it go to `heir` when given. */
function removeGroup(entities: Entities, group: Group, heir?: string): void {
  entities.delete(group.ref);
  for (const g of groupsOf(entities)) {
    g.children = without(g.children, group.ref);
    if (g.parent === group.ref) {
      if (heir) g.parent = heir;
      else delete g.parent;
    }
    g.interactions = g.interactions
      .map((i) => (i.with === group.ref && heir ? { ...i, with: heir } : i))
      .filter((i) => i.with !== group.ref && i.with !== g.ref);
  }
  for (const e of entities.values())
    if (e.kind === 'User') e.memberOf = without(e.memberOf, group.ref);
}

function declare(a: Group, b: Group, mode: InteractionMode): void {
  if (a.ref === b.ref)
    throw new ScenarioError(`${a.name} cannot interact with itself`, 'Name two teams.');
  if (!a.interactions.some((i) => i.with === b.ref && i.mode === mode))
    a.interactions.push({ with: b.ref, mode });
}

function applyChange(entities: Entities, change: ScenarioChange, state: ChangeState): void {
  const { renamed } = state;
  if ('movePerson' in change) {
    const { user, to, from } = change.movePerson;
    const person = find(entities, user, 'User');
    const target = find(entities, to, 'Group');
    if (from !== undefined) {
      const source = find(entities, from, 'Group');
      if (!source.members.includes(person.ref))
        throw new ScenarioError(
          `${user} is not in ${from}`,
          `${user} is in ${person.memberOf.join(', ') || 'no team'}.`,
        );
      part(person, source);
    } else {
      for (const g of person.memberOf) {
        const group = entities.get(g);
        if (group?.kind === 'Group') part(person, group);
      }
    }
    join(person, target);
  } else if ('moveComponent' in change) {
    const { component, to } = change.moveComponent;
    find(entities, component, 'Component').owner = find(entities, to, 'Group').ref;
  } else if ('mergeTeams' in change) {
    const { teams, into } = change.mergeTeams;
    const target = find(entities, into, 'Group');
    for (const team of teams) {
      const group = find(entities, team, 'Group');
      if (group.ref !== target.ref) {
        mergeInto(entities, group, target);
        renamed.set(group.ref, target.ref);
      }
    }
  } else if ('splitTeam' in change) {
    const { team, into } = change.splitTeam;
    const whole = find(entities, team, 'Group');
    const members = [...whole.members];
    const components = ownedBy(entities, whole.ref);
    const parts = into.map((p) => ({ spec: p, group: newTeam(entities, p.name, whole) }));
    for (const { spec, group } of parts) {
      for (const m of spec.members) {
        const user = find(entities, m, 'User');
        if (!members.includes(user.ref))
          throw new ScenarioError(`${m} is not in ${team}`, `Split only ${team}'s members.`);
        join(user, group);
      }
      for (const c of spec.components) {
        const component = find(entities, c, 'Component');
        if (component.owner !== whole.ref)
          throw new ScenarioError(`${c} is not ${team}'s`, `Split only what ${team} owns.`);
        component.owner = group.ref;
      }
    }
    const first = (parts[0] as (typeof parts)[number]).group;
    for (const m of members) {
      const user = entities.get(m);
      if (user?.kind === 'User' && !parts.some((p) => p.group.members.includes(m)))
        join(user, first);
    }
    for (const c of components) if (c.owner === whole.ref) c.owner = first.ref;
    // Every part keeps the whole's declared interactions (with teams still there).
    for (const i of whole.interactions) {
      const other = entities.get(i.with);
      if (other?.kind === 'Group') for (const p of parts) declare(p.group, other, i.mode);
    }
    removeGroup(entities, whole, first.ref);
    renamed.set(whole.ref, first.ref);
  } else if ('createTeam' in change) {
    const { name, members, components, parent } = change.createTeam;
    const under = parent === undefined ? undefined : find(entities, parent, 'Group').ref;
    const group = newTeam(entities, name, { type: 'team', ...(under ? { parent: under } : {}) });
    for (const m of members) join(find(entities, m, 'User'), group);
    for (const c of components) find(entities, c, 'Component').owner = group.ref;
  } else if ('dissolveTeam' in change) {
    const { team, into } = change.dissolveTeam;
    const group = find(entities, team, 'Group');
    if (into !== undefined) {
      const heir = find(entities, into, 'Group');
      mergeInto(entities, group, heir);
      renamed.set(group.ref, heir.ref);
      return;
    }
    const owned = ownedBy(entities, group.ref);
    if (owned.length > 0 && !group.parent)
      throw new ScenarioError(
        `${team} owns ${owned.length} component${owned.length === 1 ? '' : 's'} and has no parent to take them`,
        'Say where they go: dissolveTeam: {team, into: another-team}.',
      );
    for (const c of owned) c.owner = group.parent as string;
    for (const m of group.members) {
      const user = entities.get(m);
      if (user?.kind === 'User') part(user, group);
    }
    removeGroup(entities, group);
  } else if ('interaction' in change) {
    const [a, b] = change.interaction.between;
    declare(find(entities, a, 'Group'), find(entities, b, 'Group'), change.interaction.mode);
  } else if ('removeInteraction' in change) {
    const [a, b] = change.removeInteraction.between.map((t) => find(entities, t, 'Group')) as [
      Group,
      Group,
    ];
    a.interactions = a.interactions.filter((i) => i.with !== b.ref);
    b.interactions = b.interactions.filter((i) => i.with !== a.ref);
  } else if ('embed' in change) {
    const provider = find(entities, change.embed.provider, 'Group');
    const into = [...new Set(change.embed.into.map((t) => find(entities, t, 'Group')))];
    if (into.some((g) => g.ref === provider.ref))
      throw new ScenarioError(
        `${change.embed.provider} cannot be embedded into itself`,
        'Name the teams that take its people in.',
      );
    const sent = state.requestsTo(provider.ref);
    const weights = into.map((g) => sent.get(g.ref) ?? 0);
    const shares = weights.some((w) => w > 0) ? weights : into.map(() => 1);
    const heir = into[shares.indexOf(Math.max(...shares))] as Group;
    const people = [...provider.members];
    const counts = largestRemainders(shares, people.length);
    let next = 0;
    into.forEach((team, i) => {
      for (const member of people.slice(next, next + (counts[i] as number))) {
        const user = entities.get(member);
        if (user?.kind === 'User') {
          part(user, provider);
          join(user, team);
        }
      }
      next += counts[i] as number;
    });
    // The teams that took the capability in no longer deal with it as a service.
    const takers = new Set(into.map((g) => g.ref));
    provider.interactions = provider.interactions.filter((i) => !takers.has(i.with));
    for (const g of into) g.interactions = g.interactions.filter((i) => i.with !== provider.ref);
    mergeInto(entities, provider, heir);
    renamed.set(provider.ref, heir.ref);
    state.embedded.push({ provider: provider.ref, into: into.map((g) => g.ref) });
  } else {
    const person = find(entities, change.leave.user, 'User');
    state.left.push(person.ref);
    for (const g of person.memberOf) {
      const group = entities.get(g);
      if (group?.kind === 'Group') part(person, group);
    }
  }
}

/**
 * `total` shared out in proportion to `shares` by largest remainders (Hamilton): each gets
 * the whole part of its quota, and what is left goes one by one to the largest remainders,
 * ties to the earlier.
 */
function largestRemainders(shares: readonly number[], total: number): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const quotas = shares.map((s) => (s / sum) * total);
  const counts = quotas.map(Math.floor);
  const left = total - counts.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => ({ i, rest: q - Math.floor(q) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order.slice(0, left)) counts[i] = (counts[i] as number) + 1;
  return counts;
}
