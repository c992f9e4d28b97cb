import { type Catalog, DEFAULT_NAMESPACE, type Entity, parseEntityRef } from '../model/index.js';
import type { EntitySummary } from './api-types.js';

/** What people call an entity: its title, else its display name, else its name. */
export function entityLabel(entity: Entity): string {
  if (entity.title) return entity.title;
  if ((entity.kind === 'Group' || entity.kind === 'User') && entity.displayName)
    return entity.displayName;
  return entity.name;
}

/**
 * Names any reference the analyses produce: catalog entities by their label; ownership
 * rules (`codeowners:REPO:PATTERN`, `folder:REPO:NAME`) and inferred teams by what follows
 * their kind.
 */
export function summarize(catalog: Catalog, ref: string): EntitySummary {
  const colon = ref.indexOf(':');
  const kind = colon < 0 ? 'unknown' : ref.slice(0, colon);
  const entity = catalog.byRef.get(ref);
  if (entity) return { ref, kind, name: entity.name, label: entityLabel(entity) };
  // Ownership rules name a pattern or folder after their kind, not an entity.
  const parsed =
    kind === 'codeowners' || kind === 'folder'
      ? undefined
      : parseEntityRef(ref, { defaultNamespace: DEFAULT_NAMESPACE });
  const name = parsed?.ok ? parsed.ref.name : ref.slice(colon + 1);
  return { ref, kind, name, label: name };
}
