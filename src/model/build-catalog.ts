import { closestName } from './closest.js';
import type {
  Api,
  Bet,
  Component,
  Domain,
  Entity,
  Goal,
  Group,
  Learning,
  Resource,
  System,
  User,
} from './entities.js';
import { humanizeEntityRef } from './entity-ref.js';
import type { ParsedCatalog } from './parse-catalog.js';
import type { Problem, SourcePosition } from './problem.js';

/** A catalog whose references all resolve, with memberships and the group tree merged. */
export interface Catalog {
  entities: Entity[];
  byRef: ReadonlyMap<string, Entity>;
  groups: Group[];
  users: User[];
  components: Component[];
  apis: Api[];
  systems: System[];
  domains: Domain[];
  resources: Resource[];
  goals: Goal[];
  bets: Bet[];
  learnings: Learning[];
}

/**
 * Checks the catalog as a whole and merges what Backstage merges: unknown references,
 * group parents (from `parent` and from `children`, which must not
 * name two different parents), cycles in the group tree; members from both sides.
 * Warns about users in no group, groups with neither members nor child groups, and an
 * e-mail or GitHub login claimed by two users.
 */
export function buildCatalog(parsed: ParsedCatalog): { catalog: Catalog; problems: Problem[] } {
  const problems: Problem[] = [];
  const at = (
    source: SourcePosition,
    entity: string,
    fields: Omit<Problem, keyof SourcePosition | 'entity'>,
  ) => problems.push({ ...fields, ...source, entity });

  // parseCatalog has already refused a second definition of any entity.
  const entities = parsed.entities;
  const byRef = new Map(entities.map((e) => [e.ref, e]));

  const invalid = new Set(parsed.invalidRefs);
  for (const use of parsed.refs) {
    if (byRef.has(use.target) || invalid.has(use.target)) continue;
    const suggestion = closestRef(use.target, byRef.keys());
    at(use.position, use.from, {
      severity: 'error',
      code: 'ref/unknown',
      message: `${use.field} points at ${use.target}, which is not in the catalog`,
      hint: suggestion
        ? `Did you mean ${humanizeEntityRef(suggestion)}? Otherwise add ${use.target} to the catalog.`
        : `Add ${use.target} to the catalog, or correct the reference.`,
    });
  }

  const ofKind = <K extends Entity['kind']>(kind: K) =>
    entities.filter((e): e is Extract<Entity, { kind: K }> => e.kind === kind);
  // Copies, so that merging never changes what parseCatalog returned.
  const groups = ofKind('Group').map((g) => ({
    ...g,
    children: [...g.children],
    members: [...g.members],
  }));
  const users = ofKind('User').map((u) => ({ ...u, memberOf: [...u.memberOf] }));
  const groupByRef = new Map(groups.map((g) => [g.ref, g]));
  const userByRef = new Map(users.map((u) => [u.ref, u]));

  // The group tree: a group's parent as it says and as its parent's `children` say.
  const claims = new Map<string, Set<string>>();
  const claim = (child: string, parent: string) => {
    if (!groupByRef.has(child) || !groupByRef.has(parent)) return;
    claims.set(child, (claims.get(child) ?? new Set()).add(parent));
  };
  for (const group of groups) {
    if (group.parent) claim(group.ref, group.parent);
    for (const child of group.children) claim(child, group.ref);
  }
  for (const group of groups) {
    const parents = [...(claims.get(group.ref) ?? [])];
    if (parents.length > 1) {
      at(group.source, group.ref, {
        severity: 'error',
        code: 'group/parent-conflict',
        message: `${group.ref} has ${parents.length} parents: ${parents.map(humanizeEntityRef).join(', ')} (from spec.parent and other groups' spec.children)`,
        hint: 'A group has one parent: make spec.parent and the parents\u2019 spec.children agree.',
      });
      continue;
    }
    const [parent] = parents;
    if (parent === undefined) {
      delete group.parent;
    } else {
      group.parent = parent;
      const parentGroup = groupByRef.get(parent);
      if (parentGroup && !parentGroup.children.includes(group.ref))
        parentGroup.children.push(group.ref);
    }
  }
  const reported = new Set<string>();
  for (const start of groups) {
    const path: string[] = [];
    let current: Group | undefined = start;
    while (current && !path.includes(current.ref)) {
      path.push(current.ref);
      current = current.parent ? groupByRef.get(current.parent) : undefined;
    }
    if (!current) continue;
    const cycle = path.slice(path.indexOf(current.ref)).sort();
    const key = cycle.join(' ');
    if (reported.has(key)) continue;
    reported.add(key);
    const first = groupByRef.get(cycle[0] as string) as Group;
    at(first.source, first.ref, {
      severity: 'error',
      code: 'group/cycle',
      message: `the group tree has a cycle: ${cycle.map(humanizeEntityRef).join(' → ')} → ${humanizeEntityRef(first.ref)}`,
      hint: 'Remove spec.parent (or a spec.children entry) from one of these groups.',
    });
  }

  for (const group of groups) {
    for (const member of group.members) {
      const user = userByRef.get(member);
      if (user && !user.memberOf.includes(group.ref)) user.memberOf.push(group.ref);
    }
  }
  for (const user of users) {
    for (const groupRef of user.memberOf) {
      const group = groupByRef.get(groupRef);
      if (group && !group.members.includes(user.ref)) group.members.push(user.ref);
    }
    if (user.memberOf.length === 0) {
      at(user.source, user.ref, {
        severity: 'warning',
        code: 'user/no-group',
        message: `${user.ref} is in no group, so their work counts for no team`,
        hint: 'Add the team to spec.memberOf, or the user to the team\u2019s spec.members.',
      });
    }
  }
  // Identity matching gives a shared e-mail or login to the first user that claims it.
  const claimed = new Map<string, User>();
  for (const user of users) {
    const keys = [
      ...user.emails,
      ...(user.githubLogin ? [`github login ${user.githubLogin}`] : []),
    ];
    for (const key of keys) {
      const first = claimed.get(key);
      if (!first) {
        claimed.set(key, user);
        continue;
      }
      at(user.source, user.ref, {
        severity: 'warning',
        code: 'user/shared-identity',
        message: `${key} also belongs to ${first.ref}, so commits with it count for ${humanizeEntityRef(first.ref)} only`,
        hint: 'Give each person their own e-mails and GitHub login.',
      });
    }
  }
  for (const group of groups) {
    if (group.members.length === 0 && group.children.length === 0) {
      at(group.source, group.ref, {
        severity: 'warning',
        code: 'group/no-members',
        message: `${group.ref} has no members and no child groups`,
        hint: 'List its people in spec.members (or their spec.memberOf), or remove the group.',
      });
    }
  }

  const merged = new Map<string, Entity>([...groups, ...users].map((e) => [e.ref, e]));
  const all = entities.map((e) => merged.get(e.ref) ?? e);
  const catalog = indexCatalog(all);
  return { catalog, problems };
}

/** The known reference of the same kind closest to `target` by edit distance, if close. */
function closestRef(target: string, known: Iterable<string>): string | undefined {
  const prefix = target.slice(0, target.lastIndexOf('/') + 1);
  const kind = prefix.split(':')[0] as string;
  const sameKind = [...known].filter((ref) => ref.startsWith(kind));
  return closestName(target.slice(prefix.length), sameKind, (ref) =>
    ref.slice(ref.lastIndexOf('/') + 1),
  );
}

/** The catalog's entities indexed as `buildCatalog` indexes them. */
export function indexCatalog(entities: readonly Entity[]): Catalog {
  const ofKind = <K extends Entity['kind']>(kind: K) =>
    entities.filter((e): e is Extract<Entity, { kind: K }> => e.kind === kind);
  return {
    entities: [...entities],
    byRef: new Map(entities.map((e) => [e.ref, e])),
    groups: ofKind('Group'),
    users: ofKind('User'),
    components: ofKind('Component'),
    apis: ofKind('API'),
    systems: ofKind('System'),
    domains: ofKind('Domain'),
    resources: ofKind('Resource'),
    goals: ofKind('Goal'),
    bets: ofKind('Bet'),
    learnings: ofKind('Learning'),
  };
}
