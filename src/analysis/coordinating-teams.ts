import type { Catalog } from '../model/index.js';

/**
 * Which Groups count as teams when measuring coordination: every Group of the catalog
 * itself, and of the groups made from team and ownership files (`declaredBy`) those that
 * own a component, or hold a group that does. A GitHub permission team (`repo-admins`) or
 * an OWNERS reviewers alias owns nothing: counted as a team, it would make one person look
 * like many teams coordinating with each other. When no group made from a file owns
 * anything, they all count: the file is then the only team structure there is.
 */
export function coordinatingTeams(
  catalog: Catalog,
  owners: Iterable<string | null>,
): (group: string) => boolean {
  const owning = new Set<string>();
  for (const owner of owners) {
    // A group that owns something, and every group above it.
    for (let ref: string | undefined = owner ?? undefined; ref && !owning.has(ref); ) {
      owning.add(ref);
      const entity = catalog.byRef.get(ref);
      ref = entity?.kind === 'Group' ? entity.parent : undefined;
    }
  }
  const declared = catalog.groups.filter((g) => g.declaredBy !== undefined);
  if (!declared.some((g) => owning.has(g.ref))) return () => true;
  return (ref) => {
    const entity = catalog.byRef.get(ref);
    return entity?.kind !== 'Group' || entity.declaredBy === undefined || owning.has(ref);
  };
}
