import type { OwnershipFormat } from './declared-entities.js';
import type { SourcePosition } from './problem.js';
import type { BetSpec, GoalSpec, LearningSpec } from './schemas.js';

/** What every entity carries, after reading. References are canonical: `kind:namespace/name`. */
export interface EntityBase {
  ref: string;
  namespace: string;
  name: string;
  title?: string;
  description?: string;
  annotations: Record<string, string>;
  tags: string[];
  /** Where the entity's document starts. */
  source: SourcePosition;
}

export const TEAM_TYPES = [
  'stream-aligned',
  'platform',
  'enabling',
  'complicated-subsystem',
] as const;
export type TeamType = (typeof TEAM_TYPES)[number];

export type InteractionMode = 'collaboration' | 'x-as-a-service' | 'facilitating';

/** A declared way two teams work together (Team Topologies), active from `since` to `until`. */
export interface Interaction {
  with: string;
  mode: InteractionMode;
  purpose?: string;
  /** YYYY-MM-DD, inclusive. */
  since?: string;
  /** YYYY-MM-DD, inclusive. */
  until?: string;
}

export interface Group extends EntityBase {
  kind: 'Group';
  type: string;
  displayName?: string;
  email?: string;
  parent?: string;
  children: string[];
  /** Members as declared on the group and by users' `memberOf`, merged. */
  members: string[];
  interactions: Interaction[];
  teamType?: TeamType;
  /** The promised lead time for requests, in days (`orgwire.dev/request-sla`). */
  requestSlaDays?: number;
  /** `github.com/team-slug`, e.g. `acme/payments`. */
  teamSlug?: string;
  /** The team or ownership file format it was made from; absent for a catalog Group. */
  declaredBy?: OwnershipFormat;
  /**
   * Teams a what-if scenario merged or dissolved into this one (their names and GitHub
   * slugs): ownership files that name them name this team.
   */
  formerly?: { name: string; teamSlug?: string }[];
}

export interface User extends EntityBase {
  kind: 'User';
  displayName?: string;
  email?: string;
  /** Every e-mail this user commits with, lower-cased: the profile's and `orgwire.dev/emails`. */
  emails: string[];
  /** `github.com/user-login`. */
  githubLogin?: string;
  /** Groups as declared by the user and by groups' `members`, merged. */
  memberOf: string[];
}

/** A path glob from `orgwire.dev/paths`, limited to one repository when `repo` is set. */
export interface PathGlob {
  repo?: string;
  glob: string;
}

interface Dependent {
  dependsOn: string[];
  /** References among the dependencies that are not synchronous (`orgwire.dev/async-dependencies`). */
  asyncDependencies: string[];
  /** The availability objective in percent (`orgwire.dev/availability`), e.g. 99.95. */
  availability?: number;
}

export interface Component extends EntityBase, Dependent {
  kind: 'Component';
  type: string;
  lifecycle: string;
  owner: string;
  system?: string;
  subcomponentOf?: string;
  providesApis: string[];
  consumesApis: string[];
  paths: PathGlob[];
}

export interface Api extends EntityBase, Dependent {
  kind: 'API';
  type: string;
  lifecycle: string;
  owner: string;
  system?: string;
}

export interface System extends EntityBase {
  kind: 'System';
  owner: string;
  domain?: string;
}

export interface Domain extends EntityBase {
  kind: 'Domain';
  owner: string;
  subdomainOf?: string;
}

export interface Resource extends EntityBase {
  kind: 'Resource';
  type: string;
  owner: string;
  system?: string;
  dependsOn: string[];
}

/** orgwire kinds keep their spec as written, with references made canonical. */
export interface Goal extends EntityBase {
  kind: 'Goal';
  spec: GoalSpec;
}
export interface Bet extends EntityBase {
  kind: 'Bet';
  spec: BetSpec;
}
export interface Learning extends EntityBase {
  kind: 'Learning';
  spec: LearningSpec;
}

export type Entity =
  | Group
  | User
  | Component
  | Api
  | System
  | Domain
  | Resource
  | Goal
  | Bet
  | Learning;
