import {
  analyzeBets,
  type BetReport,
  type CoordinationNeed,
  DEFAULT_MAX_DEPTH,
  parseDay,
  queueWaits,
} from '../analysis/index.js';
import type {
  Bet,
  Catalog,
  Checkin,
  Goal,
  Learning,
  LearningRecord,
  Reading,
} from '../model/index.js';
import {
  headlineNeeds,
  type RadiatorDrift,
  type Report,
  type ReportComponent,
} from '../usecases/index.js';
import type {
  BetCard,
  BetPage,
  BetsBoard,
  ChainsView,
  ComponentPage,
  ComponentRow,
  CoordinationMap,
  Coverage,
  DataQuality,
  DeclaredInteraction,
  GoalView,
  GroupingPage,
  Labels,
  LearningList,
  LearningView,
  Overview,
  QueueSummary,
  QueuesView,
  SearchResults,
  TeamList,
  TeamNode,
  TeamPage,
  TrendsView,
} from './api-types.js';
import { coverageView, dataQualityView, unmatchedAuthors } from './data-quality.js';
import { entityLabel, summarize } from './labels.js';
import { createSearch } from './search.js';
import { setupView } from './setup-view.js';
import { Trends } from './trends.js';

/** What the radiator shows: one analysis of the history, and what was written since. */
export interface RadiatorInput {
  title: string;
  catalog: Catalog;
  report: Report;
  /** `YYYY-MM-DD` the bets' decide-by dates are judged against. */
  today: string;
  checkins: readonly Checkin[];
  readings: readonly Reading[];
  learnings: readonly LearningRecord[];
  /** The wiring week by week over the whole history and its alerts (the Trends page). */
  drift?: RadiatorDrift;
  /**
   * The history is being measured in the background (`drift` is left out until it is, and
   * the report's trend is the window alone).
   */
  measuring?: boolean;
  /** The day of the newest commit in the store (`newestCommitDay`); null or left out: unknown. */
  dataAsOf?: string | null;
  /** When the server read the store for this radiator; left out: unknown. */
  readAt?: Date;
  /** Seconds between the server's refreshes (`serve --refresh`); null or left out: none. */
  refreshEvery?: number | null;
}

/** The evidence a need keeps on the org map: its strongest components. */
const MAP_EVIDENCE = 5;

/**
 * The radiator's views over one report. Everything is indexed once, so a page costs what
 * it shows; check-ins, readings and learnings are applied as they arrive (a check-in that
 * sets a status or an outcome re-runs the bets analysis, which is cheap).
 */
export class Radiator {
  readonly catalog: Catalog;
  private readonly report: Report;
  private readonly title: string;
  private readonly today: string;
  private readonly checkins: Checkin[];
  private readonly readings: Reading[];
  private readonly written: LearningRecord[];
  private readonly dataAsOf: string | null;
  private readonly readAt: string | null;
  private readonly refreshEvery: number | null;
  /** Bumped by every write: cached responses older than it are stale. */
  version = 0;

  /** The period its analysis covers. */
  get window(): { since: string; until: string } {
    return this.report.window;
  }

  private readonly teamNodes: Map<string, TeamNode>;
  private readonly components: Map<string, ReportComponent>;
  private readonly needsOf = new Map<string, CoordinationNeed[]>();
  private readonly ownedBy = new Map<string, ReportComponent[]>();
  private cardsOf?: { version: number; cards: BetCard[] };
  private readonly interactions: DeclaredInteraction[];
  private readonly search: ReturnType<typeof createSearch>;
  private readonly coverage: Coverage;
  private readonly quality: DataQuality;
  private board!: {
    bets: BetReport[];
    calibration: BetsBoard['calibration'];
    review: Omit<BetsBoard['review'], 'unlearned'>;
  };
  private bets!: Map<string, Bet>;
  /** The drift views: the Trends page, the overview's alerts, each team's series. */
  private readonly drift: Trends;

  constructor(input: RadiatorInput) {
    this.catalog = input.catalog;
    this.report = input.report;
    this.title = input.title;
    this.today = input.today;
    this.checkins = [...input.checkins];
    this.readings = [...input.readings];
    this.written = [...input.learnings];
    this.dataAsOf = input.dataAsOf ?? null;
    this.readAt = input.readAt?.toISOString() ?? null;
    this.refreshEvery = input.refreshEvery ?? null;
    this.drift = new Trends(input.catalog, input.drift, input.measuring ?? false);
    const { catalog, report } = input;

    this.components = new Map(report.ownership.components.map((c) => [c.ref, c]));
    for (const need of report.coordination.needs) {
      for (const team of need.teams) {
        const list = this.needsOf.get(team) ?? [];
        list.push(need);
        this.needsOf.set(team, list);
      }
    }
    for (const c of report.ownership.components) {
      if (!c.owner) continue;
      const owned = this.ownedBy.get(c.owner) ?? [];
      owned.push(c);
      this.ownedBy.set(c.owner, owned);
    }
    const commits = new Map(report.identities.teams.map((t) => [t.ref, t.commits]));
    this.teamNodes = new Map(
      report.teams.map((t) => [
        t.ref,
        {
          ...summarize(catalog, t.ref),
          kind: 'group',
          teamType: (t.type as TeamNode['teamType']) ?? null,
          groupType: t.groupType,
          parent: t.parent,
          members: t.members.length,
          owns: this.ownedBy.get(t.ref)?.length ?? 0,
          commits: commits.get(t.ref) ?? 0,
          unwiredNeeds: (this.needsOf.get(t.ref) ?? []).filter((n) => !n.wired).length,
          inferred: t.inferred,
        },
      ]),
    );
    this.interactions = catalog.groups.flatMap((g) =>
      g.interactions.map((i) => ({
        teams: [g.ref, i.with].sort() as [string, string],
        mode: i.mode,
        declaredBy: g.ref,
        purpose: i.purpose ?? null,
        since: i.since ?? null,
        until: i.until ?? null,
      })),
    );
    const unmatched = unmatchedAuthors(report, catalog);
    this.coverage = coverageView(report, unmatched);
    this.quality = dataQualityView(report, catalog, unmatched, this.coverage);
    // The board first: a written learning's teams come from its bet.
    this.rebuildBoard();
    this.search = createSearch(catalog);
    for (const learning of this.written) this.search.add(this.learningView(learning));
  }

  /** Re-runs the bets analysis with the check-ins' statuses and outcomes applied. */
  private rebuildBoard(): void {
    const latest = new Map<string, { status?: Checkin['status']; value?: number; at?: string }>();
    for (const c of this.checkins) {
      const now = latest.get(c.bet) ?? {};
      if (c.status !== null) now.status = c.status;
      if (c.outcomeValue !== null) {
        now.value = c.outcomeValue;
        now.at = c.at.slice(0, 10);
      }
      latest.set(c.bet, now);
    }
    const bets = this.catalog.bets.map((bet): Bet => {
      const update = latest.get(bet.ref);
      if (!update) return bet;
      const spec = { ...bet.spec };
      if (update.status) spec.status = update.status;
      if (update.value !== undefined)
        spec.outcome = { ...spec.outcome, value: update.value, decidedAt: update.at as string };
      return { ...bet, spec };
    });
    this.bets = new Map(bets.map((b) => [b.ref, b]));
    const { report } = this;
    const since = parseDay(report.window.since) ?? 0;
    const until = parseDay(report.window.until, true) ?? 0;
    this.board = analyzeBets(
      { ...this.catalog, bets },
      {
        today: this.today,
        window: { since, until },
        needs: report.coordination.needs,
        changed: new Set(
          report.ownership.components.filter((c) => c.commits > 0).map((c) => c.ref),
        ),
        waits: queueWaits(report.queues),
      },
    );
  }

  addCheckin(checkin: Checkin): void {
    this.checkins.push(checkin);
    if (checkin.status !== null || checkin.outcomeValue !== null) this.rebuildBoard();
    this.version++;
  }

  addReading(reading: Reading): void {
    this.readings.push(reading);
    this.readings.sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
    this.version++;
  }

  /** Adds a written learning and returns it as the pages show it. */
  addLearning(learning: LearningRecord): LearningView {
    this.written.push(learning);
    const view = this.learningView(learning);
    this.search.add(view);
    this.version++;
    return view;
  }

  hasBet(ref: string): boolean {
    return this.bets.has(ref);
  }

  hasGoal(ref: string): boolean {
    return this.catalog.byRef.get(ref)?.kind === 'Goal';
  }

  /** Whether a learning (catalog or written) already has this name. */
  hasLearning(name: string): boolean {
    return (
      this.catalog.learnings.some((l) => l.name === name) ||
      this.written.some((l) => l.name === name)
    );
  }

  overview(): Overview {
    const { report, catalog } = this;
    const unmatched = report.identities.unmatched.length;
    const { coordination } = report;
    const headline = headlineNeeds(report);
    const learnings = this.allLearnings();
    const overdue = this.cards().filter((b) => b.overdue);
    const next = this.cards()
      .filter((b) => !b.overdue && (b.status === 'active' || b.status === 'proposed') && b.decideBy)
      .sort((a, b) => (a.decideBy as string).localeCompare(b.decideBy as string));
    return {
      title: this.title,
      window: report.window,
      dataAsOf: this.dataAsOf,
      readAt: this.readAt,
      refreshEvery: this.refreshEvery,
      counts: {
        teams: report.teams.length,
        people: catalog.users.length,
        components: report.ownership.components.length,
        repositories: report.repositories.length,
        commits: report.identities.commits - report.identities.botCommits,
        goals: catalog.goals.length,
        bets: catalog.bets.length,
        learnings: learnings.length,
      },
      congruence: coordination.congruence,
      coverage: this.coverage,
      trend: report.trend ?? [],
      // Unwired needs come strongest first in the report.
      unwiredNeeds: headline.shown.slice(0, 5),
      needCounts: {
        all: coordination.needs.length,
        unwired: headline.shown.length + headline.lighter,
        minWeight: coordination.minWeight,
        lighterUnwired: headline.lighter,
      },
      breachingQueues: this.breachingQueues(),
      betsToDecide: [...overdue, ...next].slice(0, 5),
      newestLearnings: learnings.slice(0, 3),
      drift: this.drift.summary(),
      setup: setupView(report, catalog, this.coverage),
      notes: [
        'Congruence is the share of the coordination the work requires (teams changing the same or change-coupled components) that the organisation wires: the same team, parent and child, or a declared interaction.',
        'A commit counts once for each team among its authors and co-authors, but needs arise only between different people: a person in both teams of a pair adds nothing to that pair\u2019s need.',
        `Coverage is the share of the people\u2019s commits credited to a team; below ${Math.round(this.coverage.warnBelow * 100)}% the figures speak for too few people to lead with.`,
        `Figures cover ${report.window.since} to ${report.window.until}. Bots are left out${unmatched > 0 ? `; ${unmatched} author${unmatched === 1 ? ' is' : 's are'} no User in the catalog and count for no team` : ''}.`,
      ],
    };
  }

  private breachingQueues(): QueueSummary[] {
    return this.report.queues
      .filter(
        (q) =>
          (q.breachRate ?? 0) > 0 ||
          (q.sla !== null && q.leadTime.p85 !== null && q.leadTime.p85 > q.sla),
      )
      .sort((a, b) => (b.breachRate ?? 0) - (a.breachRate ?? 0))
      .map((q) => ({
        team: q.team,
        label: summarize(this.catalog, q.team).label,
        sla: q.sla,
        leadTime: q.leadTime,
        breachRate: q.breachRate,
        wip: q.wip,
        requesters: q.requesters.length,
        remedies: q.remedies,
      }));
  }

  teams(): TeamList {
    return { teams: [...this.teamNodes.values()] };
  }

  team(ref: string): TeamPage | undefined {
    const node = this.teamNodes.get(ref);
    if (!node) return undefined;
    const group = this.catalog.byRef.get(ref);
    const g = group?.kind === 'Group' ? group : undefined;
    const memberRefs = g?.members ?? this.report.teams.find((t) => t.ref === ref)?.members ?? [];
    const bets = this.cards().filter(
      (b) => b.responsible.includes(ref) || b.teamsNeeded.includes(ref),
    );
    const betRefs = new Set(bets.map((b) => b.ref));
    const members = new Set(memberRefs);
    return {
      ...node,
      description: g?.description ?? null,
      email: g?.email ?? null,
      slug: g?.teamSlug ?? null,
      children: (g?.children ?? []).map((c) => summarize(this.catalog, c)),
      people: memberRefs.map((m) => {
        const user = this.catalog.byRef.get(m);
        return {
          ...summarize(this.catalog, m),
          email: user?.kind === 'User' ? (user.email ?? null) : null,
        };
      }),
      owned: (this.ownedBy.get(ref) ?? []).map((c) => this.row(c)),
      interactions: this.interactions.filter((i) => i.teams.includes(ref)),
      coordination: (this.needsOf.get(ref) ?? [])
        .map((n) => ({ ...n, other: n.teams[0] === ref ? n.teams[1] : n.teams[0] }))
        .sort((a, b) => b.weight - a.weight),
      idleInteractions: this.report.coordination.idleInteractions.filter((i) =>
        i.teams.includes(ref),
      ),
      queue: this.report.queues.find((q) => q.team === ref) ?? null,
      bets,
      learnings: this.allLearnings().filter(
        (l) =>
          l.teams.includes(ref) ||
          (l.bet !== null && betRefs.has(l.bet)) ||
          l.authors.some((a) => members.has(a)),
      ),
      trend: this.drift.team(ref),
    };
  }

  private row(c: ReportComponent): ComponentRow {
    return {
      ...summarize(this.catalog, c.ref),
      owner: c.owner,
      ownerShare: c.ownerShare,
      fragmentation: c.fragmentation,
      commits: c.commits,
      teams: c.teams.length,
    };
  }

  /** A System or a Domain and what is in it (undefined for other references). */
  grouping(ref: string): GroupingPage | undefined {
    const entity = this.catalog.byRef.get(ref);
    if (entity?.kind !== 'System' && entity?.kind !== 'Domain') return undefined;
    const { catalog } = this;
    const systems =
      entity.kind === 'Domain'
        ? catalog.systems.filter((s) => s.domain === ref).map((s) => s.ref)
        : [];
    const subdomains =
      entity.kind === 'Domain'
        ? catalog.domains.filter((d) => d.subdomainOf === ref).map((d) => d.ref)
        : [];
    const inside = new Set(entity.kind === 'System' ? [ref] : systems);
    const members = catalog.components.filter(
      (c) => c.system !== undefined && inside.has(c.system),
    );
    // Every catalog component is in the ownership summary, with or without work.
    const components = members.flatMap((c) => {
      const found = this.components.get(c.ref);
      return found ? [this.row(found)] : [];
    });
    const owned = new Map<string, number>();
    for (const c of components) if (c.owner) owned.set(c.owner, (owned.get(c.owner) ?? 0) + 1);
    return {
      ...summarize(catalog, ref),
      description: entity.description ?? null,
      owner: entity.owner ?? null,
      partOf: (entity.kind === 'System' ? entity.domain : entity.subdomainOf) ?? null,
      systems: [...systems, ...subdomains],
      components: components.sort((a, b) => b.commits - a.commits || a.ref.localeCompare(b.ref)),
      apis: catalog.apis
        .filter((a) => a.system !== undefined && inside.has(a.system))
        .map((a) => a.ref),
      owners: [...owned]
        .map(([team, n]) => ({ team, components: n }))
        .sort((a, b) => b.components - a.components || a.team.localeCompare(b.team)),
    };
  }

  component(ref: string): ComponentPage | undefined {
    const entity = this.catalog.byRef.get(ref);
    if (entity?.kind !== 'Component' && entity?.kind !== 'API') return undefined;
    const activity = this.components.get(ref);
    const { catalog, report } = this;
    // An API's chains run through the components that provide it.
    const providedBy =
      entity.kind === 'API'
        ? catalog.components.filter((c) => c.providesApis.includes(ref)).map((c) => c.ref)
        : [];
    const through = (path: readonly string[]) =>
      path.includes(ref) || providedBy.some((p) => path.includes(p));
    const dependents = [...catalog.components, ...catalog.apis]
      .filter(
        (c) =>
          c.dependsOn.includes(ref) || (c.kind === 'Component' && c.consumesApis.includes(ref)),
      )
      .map((c) => c.ref);
    return {
      ...summarize(catalog, ref),
      owner: activity?.owner ?? entity.owner,
      ownerShare: activity?.ownerShare ?? null,
      fragmentation: activity?.fragmentation ?? null,
      commits: activity?.commits ?? 0,
      teams: activity?.teams.length ?? 0,
      description: entity.description ?? null,
      type: entity.type,
      lifecycle: entity.lifecycle,
      system: entity.system ?? null,
      files: activity?.files ?? 0,
      unmatchedCommits: activity?.unmatchedCommits ?? 0,
      changedBy: activity?.teams ?? [],
      coupled: report.coupling.pairs
        .filter((p) => p.a === ref || p.b === ref)
        .sort((x, y) => y.degree - x.degree)
        .map((p) => ({
          ref: p.a === ref ? p.b : p.a,
          degree: p.degree,
          shared: p.shared,
          crossTeam: p.crossTeam,
          changeTogether: p.changeTogether,
        })),
      dependsOn: entity.dependsOn,
      dependents,
      providesApis: entity.kind === 'Component' ? entity.providesApis : [],
      consumesApis: entity.kind === 'Component' ? entity.consumesApis : [],
      providedBy,
      availability: entity.availability ?? null,
      chains: report.chains.filter((c) => through(c.path)),
      cycles: report.cycles.filter((c) => through(c)),
      bets: this.cards().filter((b) => (this.bets.get(b.ref)?.spec.needs ?? []).includes(ref)),
    };
  }

  /** Coordination needs in the report: the most an org map can show. */
  get needCount(): number {
    return this.report.coordination.needs.length;
  }

  /**
   * The org map: every team, and the strongest `limit` needs weighing at least `minWeight`
   * (the report's unless given; only unwired ones with `unwired`) with their top evidence.
   */
  coordination(
    limit: number,
    unwired = false,
    minWeight = this.report.coordination.minWeight,
  ): CoordinationMap {
    const { coordination } = this.report;
    const light = coordination.needs.filter((n) => n.weight < minWeight);
    const matching = coordination.needs
      .filter((n) => n.weight >= minWeight && (!unwired || !n.wired))
      .sort((a, b) => b.weight - a.weight);
    const needs = matching
      .slice(0, limit)
      .map((n) => ({ ...n, components: n.components.slice(0, MAP_EVIDENCE) }));
    return {
      window: this.report.window,
      congruence: coordination.congruence,
      coverage: this.coverage,
      minWeight,
      matching: matching.length,
      lighter: { needs: light.length, unwired: light.filter((n) => !n.wired).length },
      teams: [...this.teamNodes.values()],
      needs,
      totalNeeds: coordination.needs.length,
      totalUnwired: coordination.needs.filter((n) => !n.wired).length,
      interactions: this.interactions,
      idleInteractions: coordination.idleInteractions,
    };
  }

  /** The bet cards, built once per version. */
  private cards(): BetCard[] {
    if (this.cardsOf?.version !== this.version)
      this.cardsOf = { version: this.version, cards: this.buildCards() };
    return this.cardsOf.cards;
  }

  private buildCards(): BetCard[] {
    const latest = new Map<string, Checkin>();
    for (const c of this.checkins) latest.set(c.bet, c);
    return this.board.bets.map((report) => {
      const spec = this.bets.get(report.ref)?.spec;
      return {
        ...report,
        label: report.title ?? report.name,
        hypothesis: spec?.hypothesis ?? null,
        shot: spec?.shot ?? null,
        outcome: spec?.outcome ?? null,
        latestCheckin: latest.get(report.ref) ?? null,
      };
    });
  }

  betsBoard(): BetsBoard {
    return {
      window: this.report.window,
      today: this.today,
      bets: this.cards(),
      goals: this.catalog.goals.map((g) => this.goalView(g)),
      calibration: this.board.calibration,
      review: { ...this.board.review, unlearned: this.unlearned() },
    };
  }

  /** Bets lost or killed that no learning names yet: what the organisation has yet to learn. */
  private unlearned(): string[] {
    const learnt = new Set(this.allLearnings().flatMap((l) => (l.bet ? [l.bet] : [])));
    return this.cards()
      .filter((b) => (b.status === 'lost' || b.status === 'killed') && !learnt.has(b.ref))
      .map((b) => b.ref);
  }

  bet(ref: string): BetPage | undefined {
    const card = this.cards().find((b) => b.ref === ref);
    const bet = this.bets.get(ref);
    if (!card || !bet) return undefined;
    const goal = card.goal ? this.catalog.byRef.get(card.goal) : undefined;
    return {
      ...card,
      description: bet.description ?? null,
      goalView: goal?.kind === 'Goal' ? this.goalView(goal) : null,
      checkins: this.checkins.filter((c) => c.bet === ref).reverse(),
      learnings: this.allLearnings().filter((l) => l.bet === ref),
    };
  }

  private goalView(goal: Goal): GoalView {
    const readings = this.readings.filter((r) => r.goal === goal.ref);
    const accountable = goal.spec.accountable;
    return {
      ...summarize(this.catalog, goal.ref),
      description: goal.spec.description ?? goal.description ?? null,
      metric: goal.spec.metric ?? null,
      accountable: typeof accountable === 'string' ? accountable : (accountable?.[0] ?? null),
      parent: goal.spec.parent ?? null,
      readings,
      current: readings.at(-1)?.value ?? null,
    };
  }

  /** Every catalog entity's label, by reference, and the teams inferred from the work. */
  labels(): Labels {
    const labels: Record<string, string> = {};
    for (const entity of this.catalog.entities) labels[entity.ref] = entityLabel(entity);
    for (const team of this.report.teams) labels[team.ref] ??= team.name;
    return { labels };
  }

  learnings(): LearningList {
    return { learnings: this.allLearnings() };
  }

  /** Catalog and written learnings, newest first. */
  private allLearnings(): LearningView[] {
    return [
      ...this.catalog.learnings.map((l) => this.learningView(l)),
      ...this.written.map((l) => this.learningView(l)),
    ].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
  }

  private learningView(learning: Learning | LearningRecord): LearningView {
    const fromCatalog = 'kind' in learning;
    const spec = fromCatalog ? learning.spec : learning;
    const ref = fromCatalog ? learning.ref : `learning:default/${learning.name}`;
    const bet = spec.bet ?? null;
    const authors = spec.authors ?? [];
    const teams = new Set<string>(bet ? (this.bets.get(bet)?.spec.responsible ?? []) : []);
    for (const author of authors) {
      const user = this.catalog.byRef.get(author);
      if (user?.kind === 'User') for (const g of user.memberOf) teams.add(g);
    }
    return {
      ref,
      kind: 'learning',
      name: learning.name,
      label: fromCatalog ? entityLabel(learning) : learning.title,
      bet,
      betStatus: bet ? (this.cards().find((c) => c.ref === bet)?.status ?? null) : null,
      incident: spec.incident ?? null,
      situation: spec.situation ?? null,
      complication: spec.complication ?? null,
      resolution: spec.resolution ?? null,
      lessons: spec.lessons ?? [],
      date: spec.date ?? null,
      authors,
      teams: [...teams].sort(),
      source: fromCatalog ? 'catalog' : 'radiator',
    };
  }

  queues(): QueuesView {
    return {
      window: this.report.window,
      queues: this.report.queues.map((q) => ({
        ...q,
        label: summarize(this.catalog, q.team).label,
      })),
    };
  }

  trends(): TrendsView {
    return this.drift.view();
  }

  chains(): ChainsView {
    return { maxDepth: DEFAULT_MAX_DEPTH, chains: this.report.chains, cycles: this.report.cycles };
  }

  dataQuality(): DataQuality {
    return this.quality;
  }

  find(query: string, limit: number): SearchResults {
    return { query, results: this.search.find(query, limit) };
  }
}
