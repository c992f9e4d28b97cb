/**
 * The radiator's JSON API: what every route under `/api` returns. The web UI imports these
 * types (types only) and renders them; it computes nothing the server does not.
 *
 * References are canonical entity references (`group:default/payments`); a component that
 * is no catalog entity is named as the ownership rules name it (`codeowners:REPO:PATTERN`,
 * `folder:REPO:NAME`). Dates are `YYYY-MM-DD`, instants ISO 8601 UTC.
 */
import type { z } from 'zod';
import type {
  BetReport,
  Calibration,
  Chain,
  CoordinationNeed,
  DriftAlert,
  DriftRule,
  DriftWeek,
  IdleInteraction,
  QueueReport,
} from '../analysis/index.js';
import type {
  BetSpec,
  Checkin,
  GoalSpec,
  InteractionMode,
  Reading,
  ScenarioChange,
  TeamType,
} from '../model/index.js';
import type { WhatIfChanges } from '../usecases/index.js';
import type { checkinBody, learningBody, readingBody } from './bodies.js';

/** Every error the API returns: a stable code and a sentence for people. */
export interface ApiError {
  error: { code: ApiErrorCode; message: string };
}

export type ApiErrorCode =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'internal';

/**
 * `GET /api/labels`: what people call each entity of the catalog (its title, else its display
 * name, else its name), by reference: one name per thing on every page.
 */
export interface Labels {
  labels: Record<string, string>;
}

/** `GET /api/token`: the name of the token sent, when the server knows it (401/403 else). */
export interface TokenCheck {
  name: string;
}

export type { RefreshStatus } from './refresher.js';

/** `POST /api/refresh` (202): whether a refresh began, or one was already running. */
export interface RefreshStart {
  started: boolean;
  status: import('./refresher.js').RefreshStatus;
}

export interface Health {
  status: 'ok';
}

/** The analysis window every figure is measured over. */
export interface Window {
  since: string;
  until: string;
}

/** Just enough of an entity to name it and link to it. */
export interface EntitySummary {
  ref: string;
  kind: string;
  name: string;
  /** The title, display name or name: what to show people. */
  label: string;
}

/** A team as the org map draws it. */
export interface TeamNode extends EntitySummary {
  /** Team Topologies type (`orgwire.dev/team-type`); null when undeclared or inferred. */
  teamType: TeamType | null;
  /** Backstage's `spec.type` (team, department…); null for inferred teams. */
  groupType: string | null;
  parent: string | null;
  members: number;
  /** Components it owns. */
  owns: number;
  /** Team-attributed commits in the window. */
  commits: number;
  /** Unwired coordination needs it takes part in. */
  unwiredNeeds: number;
  inferred: boolean;
}

/** A declared interaction between two teams (Team Topologies), either side may declare. */
export interface DeclaredInteraction {
  teams: [string, string];
  mode: InteractionMode;
  declaredBy: string;
  purpose: string | null;
  since: string | null;
  until: string | null;
}

/** `GET /api/overview`: the front page. */
export interface Overview {
  title: string;
  window: Window;
  /**
   * The day of the newest commit the store holds (author time, UTC), the same for every
   * period: the figures know nothing newer until the server reads the history again (a
   * refresh, or a restart). Null when the store holds no commit.
   */
  dataAsOf: string | null;
  /** When the server read the history for these figures (ISO 8601 UTC); null: unknown. */
  readAt: string | null;
  /**
   * Seconds between the server's refreshes (`serve --refresh`); null when it reads the
   * history only at start and when asked (`POST /api/refresh`).
   */
  refreshEvery: number | null;
  counts: {
    teams: number;
    people: number;
    components: number;
    repositories: number;
    /** Commits in the window (bots left out). */
    commits: number;
    goals: number;
    bets: number;
    learnings: number;
  };
  congruence: { weighted: number | null; unweighted: number | null };
  /**
   * Congruence over consecutive windows of the same length, oldest first; the last is the
   * current window. Windows before the history began are left out.
   */
  trend: { since: string; until: string; weighted: number | null; unweighted: number | null }[];
  /** How much of the people's work the figures see, beside congruence. */
  coverage: Coverage;
  /** The strongest unwired needs weighing at least `needCounts.minWeight` (at most 5). */
  unwiredNeeds: CoordinationNeed[];
  needCounts: NeedCounts;
  /** Queues whose p85 lead time is past their promise, or that breach it, worst first. */
  breachingQueues: QueueSummary[];
  /** Bets past their decide-by date, then the next to decide (at most 5). */
  betsToDecide: BetCard[];
  /** The newest learnings (at most 3). */
  newestLearnings: LearningView[];
  /** Drift alerts holding at the last week of the weekly series (the Trends page has all). */
  drift: DriftAlertsSummary;
  /** How to read the numbers: counting rules worth knowing. */
  notes: string[];
  /** What orgwire could and could not see, and what to do next. */
  setup: SetupView;
}

/** What orgwire could and could not see of the organisation, and the next steps. */
export interface SetupView {
  /** Teams the figures speak of, and where the catalog's Groups come from. */
  teams: { count: number; catalog: number; ownershipFiles: number; inferred: number };
  /** Users the catalog names. */
  people: number;
  /** Coverage's share, as on the overview. */
  coverage: number | null;
  /** Providing teams with a request queue read. */
  queues: number;
  /**
   * One rule deciding at least 80 % of the files at HEAD (`* @org/everyone`): its component,
   * the team it resolved to (null when none), the owners as the rule writes them, and its
   * share of the files; null when there is none.
   */
  catchAll: { component: string; owner: string | null; label: string; share: number } | null;
  /** What to do next, most useful first; empty when nothing is missing. */
  steps: SetupStep[];
}

export interface SetupStep {
  id: 'catalog' | 'people' | 'catch-all' | 'one-team' | 'requests';
  title: string;
  text: string;
  /** The command that takes the step, if one does. */
  command: string | null;
  /** The radiator page that helps, if one does. */
  link: string | null;
}

/** What drift raises at the last week of its series, for the overview. */
export interface DriftAlertsSummary {
  /** The series' last ISO week; null with no series (no commits, or `measuring`). */
  lastWeek: string | null;
  /**
   * The server measures the history in the background (`serve --history later`): the
   * series, its alerts and the overview's trend fill in when it is done (the radiator is
   * then read again: `readAt` changes).
   */
  measuring: boolean;
  /**
   * Alerts still holding at the last week at the alert level (`end` null, `level` alert):
   * what makes `orgwire drift` exit 1. Newest first.
   */
  active: TrendAlert[];
  /** Watches still holding at the last week (close to firing, or held since the first week). */
  watches: number;
  /** Alerts that fired and ended over the history. */
  past: number;
}

export interface QueueSummary {
  team: string;
  label: string;
  sla: number | null;
  leadTime: QueueReport['leadTime'];
  breachRate: number | null;
  wip: number;
  requesters: number;
  remedies: QueueReport['remedies'];
}

/** `GET /api/teams`. */
export interface TeamList {
  teams: TeamNode[];
}

/** `GET /api/teams/:ns/:name`: the team's API. */
export interface TeamPage extends TeamNode {
  description: string | null;
  email: string | null;
  /** `github.com/team-slug`. */
  slug: string | null;
  children: EntitySummary[];
  members: number;
  people: (EntitySummary & { email: string | null })[];
  /** What it owns: catalog components and APIs, and CODEOWNERS rules that name it. */
  owned: ComponentRow[];
  /** Declared interactions this team is part of, whichever side declared them. */
  interactions: DeclaredInteraction[];
  /** Who it actually coordinates with: needs that include this team, strongest first. */
  coordination: (CoordinationNeed & { other: string })[];
  /** Declared interactions with no shared work in the window. */
  idleInteractions: IdleInteraction[];
  /** Its inbound request queue; null when nobody asked it for anything. */
  queue: QueueReport | null;
  /** Bets it is responsible for, or that need what it owns. */
  bets: BetCard[];
  /** Learnings from its bets or written by its members. */
  learnings: LearningView[];
  /** Its own weekly series from drift and the alerts that name it. */
  trend: TeamTrend;
}

/** A team's own weekly series (the Trends page's series, oldest first; empty without drift). */
export interface TeamTrend {
  weeks: {
    week: string;
    since: string;
    until: string;
    /** Other teams it must coordinate with over the week's window (0: no need, or no work). */
    partners: number;
    /** Its members as the catalog version in force says; null when it is none of the catalog's own teams. */
    members: number | null;
    /** p85 lead time of the requests done in the window, days; null with none done. */
    queueP85: number | null;
  }[];
  /** The history is being measured in the background: `weeks` is empty until it is. */
  measuring: boolean;
  /** Whether any week has requests to it (a queue it provides). */
  provides: boolean;
  /** Its promised lead time, days, as the newest week with requests says; null without one. */
  promise: number | null;
  /** Weeks the catalog changed, as on the Trends page. */
  reorgs: TrendReorg[];
  /** Drift alerts that name it, holding ones first. */
  alerts: TrendAlert[];
}

/**
 * `GET /api/trends`: the wiring week by week over the whole history (`orgwire drift`), each
 * week over the trailing window of `weeks` weeks that ends with it, and the alerts its
 * rules raised. An empty series when there is no commit to measure.
 */
export interface TrendsView {
  /** Weeks in each week's trailing window (0 without a series). */
  weeks: number;
  /** The history is being measured in the background: the series is empty until it is. */
  measuring: boolean;
  /** Oldest first. */
  series: TrendWeek[];
  /**
   * Weeks a new catalog version changed what was measured (congruence through the rewiring,
   * team sizes, headcount): a reorganisation took effect.
   */
  reorgs: TrendReorg[];
  /** New catalog versions over the series, whether they changed what was measured or not. */
  catalogChanges: number;
  /** Every alert and watch: those holding at the last week first (alerts before watches), then the rest, newest first. */
  alerts: TrendAlert[];
  /** How many alerts each rule raised over the history. */
  backtest: { rule: DriftRule; alerts: number }[];
}

/** One ISO week of the series, with the figures the Trends page draws (docs/json.md, drift). */
export type TrendWeek = Pick<
  DriftWeek,
  | 'week'
  | 'since'
  | 'until'
  | 'commits'
  | 'congruence'
  | 'congruenceChange'
  | 'unwiredWeight'
  | 'crossTeamCoupling'
  | 'ownerShare'
  | 'coverage'
  | 'headcount'
  | 'catalogCommit'
>;

/** A week whose catalog version (`catalogCommit`) differs from the week before's. */
export interface TrendReorg {
  week: string;
  catalogCommit: string;
  /** The version in force the week before. */
  before: string;
}

/** A drift alert (docs/json.md) with its teams, components and bets named for people. */
export interface TrendAlert extends Omit<DriftAlert, 'teams' | 'components'> {
  /** Its place among drift's alerts, oldest first: stable for one series (`/trends#alert-ID`). */
  id: number;
  teams: EntitySummary[];
  components: EntitySummary[];
  /** Undecided bets (proposed or active) that need a component it names: work that may have brought it. */
  bets: EntitySummary[];
}

/** A component as lists show it. */
export interface ComponentRow extends EntitySummary {
  owner: string | null;
  ownerShare: number | null;
  fragmentation: number | null;
  commits: number;
  /** Teams that changed it in the window. */
  teams: number;
}

/**
 * `GET /api/systems/:ns/:name` and `GET /api/domains/:ns/:name`: a System (its components
 * and APIs) or a Domain (its systems, and their components), with its owner.
 */
export interface GroupingPage extends EntitySummary {
  description: string | null;
  owner: string | null;
  /** The domain a system is part of; a domain's parent domain. */
  partOf: string | null;
  /** A domain's systems (and subdomains); none for a system. */
  systems: string[];
  /** The components in it (a domain: in its systems), with their activity in the window. */
  components: ComponentRow[];
  /** Its APIs (a domain: its systems' APIs). */
  apis: string[];
  /** Teams that own something in it, most components first. */
  owners: { team: string; components: number }[];
}

/** `GET /api/components/:ns/:name` (a Component or an API). */
export interface ComponentPage extends ComponentRow {
  description: string | null;
  type: string | null;
  lifecycle: string | null;
  system: string | null;
  /** Files at HEAD matched to it. */
  files: number;
  unmatchedCommits: number;
  /** Team-attributed commits per team in the window, most first. */
  changedBy: { ref: string; commits: number }[];
  /** Components that change with it, strongest first. */
  coupled: {
    ref: string;
    degree: number;
    shared: number;
    crossTeam: boolean;
    changeTogether: boolean;
  }[];
  dependsOn: string[];
  /** Components and APIs that depend on it (or consume it, for an API). */
  dependents: string[];
  providesApis: string[];
  consumesApis: string[];
  /** For an API: the components that provide it (its chains are theirs). */
  providedBy: string[];
  /** The availability objective in percent; null when undeclared. */
  availability: number | null;
  /** Synchronous chains that run through it. */
  chains: Chain[];
  cycles: string[][];
  /** Bets that need it. */
  bets: BetCard[];
}

/** How many coordination needs there are, and how many are too light for a headline. */
export interface NeedCounts {
  /** Every need, of any weight. */
  all: number;
  /** The unwired needs among them. */
  unwired: number;
  /** The least weight a headline need has (`needs.minWeight`, `--min-weight`; default 2). */
  minWeight: number;
  /** Unwired needs lighter than `minWeight`, left out of the headline. */
  lighterUnwired: number;
}

/**
 * How much of the people's work the figures see (design.md: coverage is part of every
 * answer): commits by people credited to a team ÷ commits by people.
 */
export interface Coverage {
  /** `creditedCommits ÷ peopleCommits` in [0, 1]; null with no commits by people or no catalog teams. */
  share: number | null;
  /** Commits with at least one author or co-author who is no bot. */
  peopleCommits: number;
  /** Commits by people credited to at least one team. */
  creditedCommits: number;
  /** Commits whose authors are all bots: left out of both. */
  botCommits: number;
  /** Below this share the figures are flagged (0.8). */
  warnBelow: number;
  /** `share < warnBelow`: the figures speak for too few people to lead with. */
  warning: boolean;
  /** The authors whose commits would lift coverage most: at most 3, most commits first. */
  lifters: UnmatchedAuthor[];
  /** How many authors are no User in all (every one is on `GET /api/data-quality`). */
  unmatchedAuthors: number;
}

/** An author who is no User of the catalog (nor a bot), with the User they probably are. */
export interface UnmatchedAuthor {
  name: string;
  email: string;
  /** Commits in the window they are author or co-author of. */
  commits: number;
  /** The User they most likely are, with the similarity in [0, 1] and why; null when none is close. */
  suggestion: (EntitySummary & { score: number; why: string }) | null;
}

/** `GET /api/coordination`: the org map. */
export interface CoordinationMap {
  window: Window;
  congruence: { weighted: number | null; unweighted: number | null };
  coverage: Coverage;
  /** The least weight of a need in `needs` (the report's, or `?minWeight=`). */
  minWeight: number;
  /** Needs that pass the filters (`minWeight`, `unwired`) before the cut to `limit`. */
  matching: number;
  /** Needs lighter than `minWeight`, left out of `needs`: all of them, and the unwired among them. */
  lighter: { needs: number; unwired: number };
  teams: TeamNode[];
  /** Needs of at least `minWeight`, strongest first, each with at most 5 components as evidence. */
  needs: CoordinationNeed[];
  /** How many needs there are in all (`needs` may be cut to the strongest `limit`). */
  totalNeeds: number;
  /** How many of them are unwired. */
  totalUnwired: number;
  interactions: DeclaredInteraction[];
  idleInteractions: IdleInteraction[];
}

/** A bet as cards show it: the analysis plus the called shot and the latest check-in. */
export interface BetCard extends BetReport {
  label: string;
  hypothesis: string | null;
  shot: BetSpec['shot'] | null;
  outcome: BetSpec['outcome'] | null;
  latestCheckin: Checkin | null;
}

/** `GET /api/bets`. */
export interface BetsBoard {
  window: Window;
  today: string;
  bets: BetCard[];
  goals: GoalView[];
  calibration: Calibration & { teams: ({ team: string } & Calibration)[] };
  review: {
    overdue: string[];
    goalsWithoutActiveBet: string[];
    stalled: string[] | null;
    /** Bets lost or killed that no learning names: write what was learnt. */
    unlearned: string[];
  };
}

/** `GET /api/bets/:ns/:name`. */
export interface BetPage extends BetCard {
  description: string | null;
  goal: string | null;
  goalView: GoalView | null;
  /** Every check-in, newest first. */
  checkins: Checkin[];
  learnings: LearningView[];
}

export interface GoalView extends EntitySummary {
  description: string | null;
  metric: GoalSpec['metric'] | null;
  accountable: string | null;
  parent: string | null;
  /** Readings recorded through the API, oldest first. */
  readings: Reading[];
  /** The newest reading's value; null when none. */
  current: number | null;
}

export type { Checkin, Reading } from '../model/index.js';
export type {
  BetReport,
  Calibration,
  Chain,
  CoordinationNeed,
  DriftRule,
  IdleInteraction,
  QueueReport,
};

/** `GET /api/learnings`: from the catalog and written through the API, newest first. */
export interface LearningView extends EntitySummary {
  bet: string | null;
  /** The bet's status now (won, lost, killed…), so a learning says how its bet ended. */
  betStatus: string | null;
  incident: string | null;
  situation: string | null;
  complication: string | null;
  resolution: string | null;
  lessons: string[];
  date: string | null;
  authors: string[];
  /** Teams it concerns: the bet's responsible teams and the authors' teams. */
  teams: string[];
  source: 'catalog' | 'radiator';
}

export interface LearningList {
  learnings: LearningView[];
}

/** `GET /api/queues`. */
export interface QueuesView {
  window: Window;
  queues: (QueueReport & { label: string })[];
}

/** `GET /api/chains`. */
export interface ChainsView {
  /** Chains deeper than this are flagged. */
  maxDepth: number;
  chains: Chain[];
  cycles: string[][];
}

/**
 * `GET /api/data-quality`: what keeps the figures from being true to the organisation, and
 * what fixes each — authors no User matches, noise left out, ownership that names nobody
 * or nothing.
 */
export interface DataQuality {
  window: Window;
  coverage: Coverage;
  /** Every author who is no User (nor a bot), most commits first. */
  unmatched: UnmatchedAuthor[];
  /** Paths left out on purpose as noise, and how much they held. */
  ignored: {
    /** Every pattern in force: `default`, `orgwire.yaml`, `--ignore` or a `.gitattributes` line. */
    patterns: { pattern: string; source: string; files: number }[];
    /** Files at HEAD left out. */
    files: number;
    /** Commits in the window that touched only ignored paths. */
    commits: number;
  };
  /** CODEOWNERS owners that match no Group or User, with the first line naming them. */
  unresolvedOwners: UnknownOwner[];
  /** CODEOWNERS rules that match no file at HEAD. */
  deadRules: RuleFinding[];
  /** CODEOWNERS rules whose every file a later rule takes. */
  shadowedRules: RuleFinding[];
  /** Catalog components whose `orgwire.dev/paths` match no file. */
  componentsWithoutFiles: EntitySummary[];
  /** Top-level folders with files that no catalog component or CODEOWNERS rule covers. */
  ownerlessComponents: EntitySummary[];
  /** Files no component or rule covers, per repository and top-level folder, most first. */
  unownedPaths: { repo: string; folder: string; files: number }[];
}

/** A CODEOWNERS owner that names no Group or User. */
export interface UnknownOwner {
  owner: string;
  file: string;
  line: number;
  /** Rules that name it. */
  rules: number;
  /** The known owner it is probably a typo of, as CODEOWNERS would name it; null when none is close. */
  suggestion: string | null;
}

/** A CODEOWNERS rule a finding is about (dead: matches nothing; shadowed: a later rule wins). */
export interface RuleFinding {
  file: string;
  line: number;
  pattern: string;
  owners: string[];
  /** What is wrong, in a sentence (for a shadowed rule, the lines that win). */
  why: string;
  /** How to fix it. */
  hint: string;
}

/** `GET /api/search?q=`. */
export interface SearchResults {
  query: string;
  results: SearchHit[];
}

export interface SearchHit extends EntitySummary {
  /** Where the query matched: `name`, `title`, `description`, `hypothesis`, `lessons`… */
  field: string;
  /** A short excerpt around the match. */
  snippet: string;
}

/**
 * `POST /api/whatif`'s body: a Scenario as JSON, the same document as the YAML file
 * `orgwire whatif` reads (`apiVersion` and `kind` may be left out). Teams, people and
 * components are named as in the catalog (`web`, `group:web`, `group:default/web`).
 */
export interface ScenarioDocument {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; description?: string };
  spec: { changes: ScenarioChangeBody[] };
}

/** One change: a mapping with one key, its kind (README, What-if). */
export type ScenarioChangeBody = ScenarioChange | { embed: { provider: string; into: string[] } };

/** A team as the What-if page draws it: who is in it and what it owns. */
export interface WhatIfTeam extends EntitySummary {
  teamType: TeamType | null;
  /** Its people. */
  members: EntitySummary[];
  /** What it owns: catalog components (kind `component`), APIs, ownership-file rules. */
  components: EntitySummary[];
  /** Team-attributed commits in the window. */
  commits: number;
}

/** The wiring under one catalog, compactly: the teams, the needs between them, congruence. */
export interface WhatIfMap {
  congruence: { weighted: number | null; unweighted: number | null };
  teams: WhatIfTeam[];
  /** Needs of at least the headline weight (`minWeight`), strongest first, at most 2,000. */
  needs: { teams: [string, string]; weight: number; wired: boolean }[];
  minWeight: number;
  /** Every need, of any weight. */
  totalNeeds: number;
}

/** `GET /api/whatif`: where a scenario starts, today's wiring. */
export interface WhatIfStart {
  window: Window;
  today: WhatIfMap;
}

/** `POST /api/whatif`: the scenario tried, the work held fixed. Nothing is written. */
export interface WhatIfAnswer {
  window: Window;
  scenario: { name: string; description: string | null };
  /** The scenario as a file `orgwire whatif` reads (a YAML body comes back as it was sent). */
  yaml: string;
  /** The same scenario as JSON, each change with its defaults filled in. */
  document: ScenarioDocument;
  /** The deltas (docs/json.md, whatif): fields may be added; render the ones present. */
  changes: WhatIfChanges;
  before: WhatIfMap;
  after: WhatIfMap;
}

/** `POST /api/whatif` refused (400): the first problem, and which change it is in. */
export interface WhatIfRefusal {
  error: {
    code: 'bad-request';
    message: string;
    hint: string;
    /** Index in `spec.changes` of the change at fault; null when it is none in particular. */
    change: number | null;
    /** Line in a YAML body; null for a JSON body. */
    line: number | null;
  };
}

/** A scenario shipped with the radiator (`serve --scenarios DIR`). */
export interface ShippedScenario {
  name: string;
  description: string | null;
  document: ScenarioDocument;
}

/** `GET /api/whatif/scenarios`. */
export interface WhatIfScenarios {
  scenarios: ShippedScenario[];
}

/**
 * `GET /api/whatif/suggestion`: the team boundaries the work implies (`orgwire whatif
 * --suggest`), fitted on the first two thirds of the window and checked on the rest. Shown
 * only when it cuts unwired coordination on the checked period; `why` says why not.
 */
export interface WhatIfSuggestion {
  /** The period the boundaries were found in, and the later one they were judged on. */
  fitted: Window;
  checked: Window;
  /** Share of linked pairs every seed's run agreed on, and how many runs there were. */
  agreement: number;
  runs: number;
  /** Unwired need weight over the checked period, under today's catalog and the suggestion's. */
  unwired: { before: number; after: number };
  /** Null exactly when `why` is given. */
  suggested: {
    teams: WhatIfSuggestedTeam[];
    /** The scenario that makes today's catalog into the suggestion, as a shipped one is loaded. */
    scenario: ScenarioDocument;
  } | null;
  /**
   * `unnamed`: the catalog names none of the people the work groups, so it can move nobody;
   * `no-cut`: the boundaries would not cut unwired coordination on the checked period.
   */
  why?: 'unnamed' | 'no-cut';
}

/** A team the work implies: `name` continues a catalog team (`existing`) or is a new one. */
export interface WhatIfSuggestedTeam extends EntitySummary {
  existing: boolean;
  /** Its people the catalog names. */
  members: EntitySummary[];
  /** People whose commits placed them here but whom the catalog does not name. */
  unnamed: number;
  /** What it would own: catalog components, ownership-file rules, folders. */
  components: EntitySummary[];
}

/**
 * Request bodies, as the zod schemas that validate them define them (`src/server/bodies.ts`):
 * `POST /api/bets/:ns/:name/checkins`, `POST /api/goals/:ns/:name/readings`,
 * `POST /api/learnings`.
 */
export type CheckinBody = z.input<typeof checkinBody>;
export type ReadingBody = z.input<ReturnType<typeof readingBody>>;
export type LearningBody = z.input<ReturnType<typeof learningBody>>;
