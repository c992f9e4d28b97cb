import type {
  Catalog,
  CodeownersHealth,
  DeadRule,
  OwnershipRule,
  PathOwnership,
  ShadowedRule,
  UnresolvedOwner,
} from '../model/index.js';

export interface OwnedComponent {
  /**
   * `component:ns/name`, `owners:REPO:FOLDER`, `maintainers:REPO:SECTION`,
   * `codeowners:REPO:PATTERN` or `folder:REPO:NAME` (see PathOwnership).
   */
  ref: string;
  /** The owning Group (or User); null when nobody owns it. */
  owner: string | null;
  /**
   * For a component made from an ownership file: the owners it writes (CODEOWNERS owners,
   * OWNERS approvers, MAINTAINERS `M:` lines), whether or not they resolved.
   */
  declaredOwners: string[];
  /** Other teams the files name for its files (see `PathOwnership.coOwners`); absent if none. */
  coOwners?: string[];
  /** How its files were assigned; `catalog` for a catalog component that matched no file. */
  source: OwnershipRule['source'] | 'catalog';
  files: number;
}

/** Who owns what in a set of files: per component, per team, and what nobody owns. */
export interface OwnershipSummary {
  files: number;
  components: OwnedComponent[];
  /** Per team: the components it owns and their files. */
  teams: { ref: string; components: number; files: number }[];
  /** Components with files and no owner at all: top-level folders (a CODEOWNERS rule always names someone). */
  ownerlessComponents: string[];
  /** Files no catalog component or CODEOWNERS rule covers, per repository and top-level folder. */
  unownedPaths: { repo: string; folder: string; files: number }[];
  /** CODEOWNERS owners that match no Group or User, with their line and a suggestion. */
  unresolvedOwners: UnresolvedOwner[];
  /** CODEOWNERS rules that match no file at HEAD. */
  deadRules: DeadRule[];
  /** CODEOWNERS rules that match files at HEAD, each of which a later rule decides. */
  shadowedRules: ShadowedRule[];
  /** Catalog components whose `orgwire.dev/paths` matched no file. */
  componentsWithoutFiles: string[];
}

/**
 * Sums path ownership decisions into the summary, with what is wrong with each
 * repository's CODEOWNERS. Pure: the paths are already resolved.
 */
export function summarizeOwnership(
  catalog: Catalog,
  paths: Iterable<PathOwnership>,
  codeowners: readonly CodeownersHealth[] = [],
): OwnershipSummary {
  const byRef = new Map<string, OwnedComponent>();
  for (const component of catalog.components) {
    byRef.set(component.ref, {
      ref: component.ref,
      owner: component.owner,
      declaredOwners: [],
      source: 'catalog',
      files: 0,
    });
  }
  let files = 0;
  for (const path of paths) {
    files++;
    let entry = byRef.get(path.component);
    if (!entry) {
      entry = {
        ref: path.component,
        owner: path.owner,
        declaredOwners:
          path.rule.source === 'paths' || path.rule.source === 'folder' ? [] : path.rule.owners,
        source: path.rule.source,
        files: 0,
      };
      byRef.set(path.component, entry);
    }
    entry.source = path.rule.source;
    entry.files++;
    for (const co of path.coOwners ?? []) {
      if (!entry.coOwners) entry.coOwners = [co];
      else if (!entry.coOwners.includes(co)) entry.coOwners.push(co);
    }
  }
  const components = [...byRef.values()].sort((a, b) => a.ref.localeCompare(b.ref));
  const teams = new Map<string, { ref: string; components: number; files: number }>();
  for (const c of components) {
    if (!c.owner) continue;
    const team = teams.get(c.owner) ?? { ref: c.owner, components: 0, files: 0 };
    team.components++;
    team.files += c.files;
    teams.set(c.owner, team);
  }
  return {
    files,
    components,
    teams: [...teams.values()].sort((a, b) => b.files - a.files || a.ref.localeCompare(b.ref)),
    ownerlessComponents: components
      .filter((c) => !c.owner && c.declaredOwners.length === 0 && c.files > 0)
      .map((c) => c.ref),
    unownedPaths: components
      .filter((c) => c.source === 'folder')
      .map((c) => {
        const [, repo = '', folder = ''] = /^folder:([^:]*):(.*)$/.exec(c.ref) ?? [];
        return { repo, folder, files: c.files };
      }),
    unresolvedOwners: codeowners.flatMap((c) => c.unresolvedOwners),
    deadRules: codeowners.flatMap((c) => c.deadRules),
    shadowedRules: codeowners.flatMap((c) => c.shadowedRules),
    componentsWithoutFiles: components.filter((c) => c.source === 'catalog').map((c) => c.ref),
  };
}
