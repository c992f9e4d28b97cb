import type { z } from 'zod';
import {
  apiSpec,
  BACKSTAGE_API_VERSIONS,
  betSpec,
  componentSpec,
  domainSpec,
  goalSpec,
  groupSpec,
  learningSpec,
  ORGWIRE_API_VERSION,
  resourceSpec,
  systemSpec,
  userSpec,
} from './schemas.js';

/** The kinds orgwire reads. Anything else in a catalog is skipped with a note. */
export const KINDS = [
  'Group',
  'User',
  'Component',
  'API',
  'System',
  'Domain',
  'Resource',
  'Goal',
  'Bet',
  'Learning',
] as const;
export type Kind = (typeof KINDS)[number];

/**
 * A spec field that holds entity references, read as Backstage's `relationFields` read
 * them: `defaultKind` fills a reference that names no kind, `allowedKinds` limits where
 * it may point. Fields with no default kind (`dependsOn`) must name the kind.
 */
export interface RefField {
  field: string;
  defaultKind?: Kind;
  allowedKinds?: readonly Kind[];
}

export interface KindDefinition {
  apiVersions: readonly string[];
  spec: z.ZodType;
  refFields: readonly RefField[];
}

const owner: RefField = { field: 'owner', defaultKind: 'Group', allowedKinds: ['Group', 'User'] };
const system: RefField = { field: 'system', defaultKind: 'System' };

export const KIND_DEFINITIONS: Record<Kind, KindDefinition> = {
  Group: {
    apiVersions: BACKSTAGE_API_VERSIONS,
    spec: groupSpec,
    refFields: [
      { field: 'parent', defaultKind: 'Group', allowedKinds: ['Group'] },
      { field: 'children', defaultKind: 'Group', allowedKinds: ['Group'] },
      { field: 'members', defaultKind: 'User', allowedKinds: ['User'] },
    ],
  },
  User: {
    apiVersions: BACKSTAGE_API_VERSIONS,
    spec: userSpec,
    refFields: [{ field: 'memberOf', defaultKind: 'Group', allowedKinds: ['Group'] }],
  },
  Component: {
    apiVersions: BACKSTAGE_API_VERSIONS,
    spec: componentSpec,
    refFields: [
      owner,
      system,
      { field: 'subcomponentOf', defaultKind: 'Component' },
      { field: 'providesApis', defaultKind: 'API' },
      { field: 'consumesApis', defaultKind: 'API' },
      { field: 'dependsOn' },
      { field: 'dependencyOf' },
    ],
  },
  API: { apiVersions: BACKSTAGE_API_VERSIONS, spec: apiSpec, refFields: [owner, system] },
  System: {
    apiVersions: BACKSTAGE_API_VERSIONS,
    spec: systemSpec,
    refFields: [owner, { field: 'domain', defaultKind: 'Domain' }],
  },
  Domain: {
    apiVersions: BACKSTAGE_API_VERSIONS,
    spec: domainSpec,
    refFields: [owner, { field: 'subdomainOf', defaultKind: 'Domain' }],
  },
  Resource: {
    apiVersions: BACKSTAGE_API_VERSIONS,
    spec: resourceSpec,
    refFields: [owner, system, { field: 'dependsOn' }, { field: 'dependencyOf' }],
  },
  Goal: {
    apiVersions: [ORGWIRE_API_VERSION],
    spec: goalSpec,
    refFields: [
      { field: 'accountable', defaultKind: 'User', allowedKinds: ['User'] },
      { field: 'owner', defaultKind: 'Group', allowedKinds: ['Group'] },
      { field: 'parent', defaultKind: 'Goal', allowedKinds: ['Goal'] },
    ],
  },
  Bet: {
    apiVersions: [ORGWIRE_API_VERSION],
    spec: betSpec,
    refFields: [
      { field: 'goal', defaultKind: 'Goal', allowedKinds: ['Goal'] },
      { field: 'accountable', defaultKind: 'User', allowedKinds: ['User'] },
      { field: 'responsible', defaultKind: 'Group', allowedKinds: ['Group'] },
      { field: 'needs', defaultKind: 'Component', allowedKinds: ['Component', 'API', 'System'] },
    ],
  },
  Learning: {
    apiVersions: [ORGWIRE_API_VERSION],
    spec: learningSpec,
    refFields: [
      { field: 'bet', defaultKind: 'Bet', allowedKinds: ['Bet'] },
      { field: 'authors', defaultKind: 'User', allowedKinds: ['User'] },
    ],
  },
};

/** The kind as orgwire spells it, matched case-insensitively as Backstage matches kinds. */
export function knownKind(kind: string): Kind | undefined {
  return KINDS.find((k) => k.toLowerCase() === kind.toLowerCase());
}
