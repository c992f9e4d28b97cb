import { ANNOTATIONS } from './annotations.js';
import type { DeclaredEntities, DeclaredUser } from './declared-entities.js';
import type { Group, User } from './entities.js';
import type { ParsedCatalog } from './parse-catalog.js';
import type { Problem } from './problem.js';
import { isValidEntityName } from './validators.js';

/**
 * Adds the teams and people read from ownership and team files to a parsed catalog, as
 * Groups and Users in the `default` namespace, before the catalog is checked as a whole:
 *
 * - a person the catalog already has (a User with the same GitHub login, or one of the same
 *   e-mails) stays that User; only their memberships are added;
 * - a new person becomes a User named by their login, else by their display name, else by
 *   their e-mail's local part (made unique with `-2`, `-3`…);
 * - a team whose name the catalog already uses for a Group is the catalog's Group (it wins,
 *   with a note); a team declared by several files is one Group with all their members,
 *   unless they are teams of two GitHub organisations: then the later is `ORG-NAME`;
 * - a team with no members and no child teams is left out.
 */
export function addDeclaredEntities(
  parsed: ParsedCatalog,
  declared: readonly DeclaredEntities[],
): ParsedCatalog {
  if (declared.every((d) => d.groups.length === 0 && d.users.length === 0)) return parsed;
  const problems: Problem[] = [];
  const taken = new Set(parsed.entities.map((e) => e.ref));
  const byLogin = new Map<string, string>();
  const byEmail = new Map<string, string>();
  for (const entity of parsed.entities) {
    if (entity.kind !== 'User') continue;
    if (entity.githubLogin && !byLogin.has(entity.githubLogin))
      byLogin.set(entity.githubLogin, entity.ref);
    for (const email of entity.emails) if (!byEmail.has(email)) byEmail.set(email, entity.ref);
  }

  const users = new Map<string, User>();
  /** The User a declared person is: one the catalog has, one made already, or a new one. */
  const refOf = new Map<string, string>();
  const userFor = (person: DeclaredUser): string => {
    const known = refOf.get(person.key);
    if (known) return known;
    const existing =
      (person.login && byLogin.get(person.login.toLowerCase())) ||
      person.emails.map((e) => byEmail.get(e)).find((ref) => ref !== undefined);
    if (existing) {
      refOf.set(person.key, existing);
      return existing;
    }
    const ref = uniqueRef('user', nameFor(person), taken);
    taken.add(ref);
    const user: User = {
      kind: 'User',
      ref,
      namespace: 'default',
      name: ref.slice('user:default/'.length),
      annotations: person.login ? { [ANNOTATIONS.userLogin]: person.login } : {},
      tags: [],
      source: person.source,
      ...(person.displayName ? { displayName: person.displayName } : {}),
      ...(person.emails[0] ? { email: person.emails[0] } : {}),
      emails: [...person.emails],
      ...(person.login ? { githubLogin: person.login.toLowerCase() } : {}),
      memberOf: [],
    };
    users.set(ref, user);
    refOf.set(person.key, ref);
    if (person.login) byLogin.set(person.login.toLowerCase(), ref);
    for (const email of person.emails) if (!byEmail.has(email)) byEmail.set(email, ref);
    return ref;
  };
  const people = new Map(declared.flatMap((d) => d.users.map((u) => [u.key, u] as const)));

  const groups = new Map<string, Group>();
  const catalogGroups = new Map(
    parsed.entities.filter((e) => e.kind === 'Group').map((g) => [g.ref, g] as const),
  );
  for (const { groups: declaredGroups } of declared) {
    for (const team of declaredGroups) {
      let ref = `group:default/${team.name.toLowerCase()}`;
      const same = groups.get(ref);
      // Two organisations' teams of one name are two teams: the later is named ORG-NAME.
      if (same?.teamSlug && team.teamSlug && same.teamSlug !== team.teamSlug.toLowerCase())
        ref = `group:default/${team.teamSlug.toLowerCase().replace('/', '-')}`;
      const explicit = catalogGroups.get(ref);
      if (explicit) {
        problems.push({
          severity: 'note',
          code: 'declared/catalog-wins',
          ...team.source,
          entity: ref,
          message: `the ${team.format} team ${team.name} is also defined at ${explicit.source.file}:${explicit.source.line}; the catalog's Group is used`,
          hint: 'Remove one of them, or rename the Group in the catalog if they are different teams.',
        });
        continue;
      }
      const members = team.members.flatMap((key) => {
        const person = people.get(key);
        return person ? [userFor(person)] : [];
      });
      const group = groups.get(ref);
      if (group) {
        for (const m of members) if (!group.members.includes(m)) group.members.push(m);
        continue;
      }
      taken.add(ref);
      groups.set(ref, {
        kind: 'Group',
        ref,
        namespace: 'default',
        name: ref.slice('group:default/'.length),
        ...(team.title ? { title: team.title } : {}),
        ...(team.description ? { description: team.description } : {}),
        annotations: team.teamSlug ? { [ANNOTATIONS.teamSlug]: team.teamSlug } : {},
        tags: [],
        source: team.source,
        type: 'team',
        ...(team.parent ? { parent: `group:default/${team.parent.toLowerCase()}` } : {}),
        children: [],
        members: [...new Set(members)],
        interactions: [],
        ...(team.teamSlug ? { teamSlug: team.teamSlug.toLowerCase() } : {}),
        declaredBy: team.format,
      });
    }
  }
  // A declared parent the files do not define is dropped rather than left dangling.
  for (const group of groups.values()) {
    if (group.parent && !groups.has(group.parent) && !catalogGroups.has(group.parent))
      delete group.parent;
  }
  // A team of nobody (an alias with its members commented out, an admins team left empty)
  // can own nothing and coordinate with nobody: it is left out, with no warning to fix.
  const parents = new Set([...groups.values()].flatMap((g) => (g.parent ? [g.parent] : [])));
  for (const [ref, group] of groups) {
    if (group.members.length === 0 && !parents.has(ref)) groups.delete(ref);
  }
  return {
    ...parsed,
    entities: [...parsed.entities, ...groups.values(), ...users.values()],
    problems: [...parsed.problems, ...problems],
  };
}

/** A User name for a person: their login, else display name, else e-mail local part. */
function nameFor(person: DeclaredUser): string {
  const raw = person.login ?? person.displayName ?? person.emails[0]?.split('@')[0] ?? 'someone';
  const name = raw
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9_.]+/g, '-')
    .replace(/^[-_.]+|[-_.]+$/g, '')
    .slice(0, 56);
  return isValidEntityName(name) ? name : 'someone';
}

function uniqueRef(kind: string, name: string, taken: ReadonlySet<string>): string {
  let ref = `${kind}:default/${name}`;
  for (let n = 2; taken.has(ref); n++) ref = `${kind}:default/${name}-${n}`;
  return ref;
}
