import { type Catalog, DEFAULT_NAMESPACE, type User } from '../model/index.js';
import { columnKey } from './column-key.js';

/**
 * Finds the Group an export names, case-insensitively, trying in order: a full or
 * namespaced ref (`group:default/billing`, `default/billing`, `group:billing`); a name in
 * the default namespace or a whole `github.com/team-slug` (`acme/billing-team`, also with
 * a leading `@`); a name in any namespace; the part of a team slug after the slash; a
 * display name or title (spaces collapsed). The first step that names exactly one group
 * wins; a step that names several is passed over. Returns the group's ref, or undefined.
 */
export function createTeamMatcher(
  catalog: Pick<Catalog, 'groups'>,
): (name: string) => string | undefined {
  const steps = Array.from({ length: 5 }, () => new Map<string, Set<string>>());
  const add = (step: number, key: string | undefined, ref: string) => {
    if (key === undefined || key === '') return;
    const map = steps[step] as Map<string, Set<string>>;
    map.set(key, (map.get(key) ?? new Set()).add(ref));
  };
  for (const group of catalog.groups) {
    const name = group.name.toLowerCase();
    const namespace = group.namespace.toLowerCase();
    add(0, group.ref, group.ref);
    add(0, `${namespace}/${name}`, group.ref);
    if (namespace === DEFAULT_NAMESPACE) {
      add(0, `group:${name}`, group.ref);
      add(1, name, group.ref);
    }
    add(1, group.teamSlug, group.ref);
    add(2, name, group.ref);
    add(3, group.teamSlug?.split('/')[1], group.ref);
    for (const display of [group.displayName, group.title]) {
      if (display !== undefined) add(4, columnKey(display), group.ref);
    }
  }
  return (value) => {
    const key = value.trim().replace(/^@/, '').toLowerCase();
    for (const [step, map] of steps.entries()) {
      const refs = map.get(step === 4 ? columnKey(key) : key);
      if (refs?.size === 1) return [...refs][0];
    }
    return undefined;
  };
}

/** Users by the keys `keysOf` gives, lower-cased; a key two users share finds neither. */
export function createUserIndex(
  users: readonly User[],
  keysOf: (user: User) => (string | undefined)[],
): (key: string) => User | undefined {
  const index = new Map<string, User | null>();
  for (const user of users) {
    for (const key of new Set(keysOf(user).map((k) => k?.trim().toLowerCase()))) {
      if (key === undefined || key === '') continue;
      index.set(key, index.has(key) && index.get(key) !== user ? null : user);
    }
  }
  return (key) => index.get(key.trim().toLowerCase()) ?? undefined;
}
