/**
 * Every term and measure the radiator shows, in one place: the tooltip of a `<Term>` (`short`),
 * the Glossary page (`long`, `formula`, where it appears). Formulas are those of docs/json.md
 * and src/analysis, with the defaults orgwire ships (`orgwire.yaml` can change some of them).
 */

/** The radiator's pages a term appears on. */
export const PAGES = {
  overview: { label: 'Overview', to: '/' },
  map: { label: 'Org map', to: '/map' },
  trends: { label: 'Trends', to: '/trends' },
  'what-if': { label: 'What if', to: '/what-if' },
  teams: { label: 'Teams', to: '/teams' },
  team: { label: 'Team pages', to: '/teams' },
  component: { label: 'Component pages', to: null },
  bets: { label: 'Bets', to: '/bets' },
  bet: { label: 'Bet pages', to: '/bets' },
  queues: { label: 'Queues', to: '/queues' },
  chains: { label: 'Chains', to: '/chains' },
  learnings: { label: 'Learnings', to: '/learnings' },
  'data-quality': { label: 'Data quality', to: '/data-quality' },
} as const satisfies Record<string, { label: string; to: string | null }>;

export type PageKey = keyof typeof PAGES;

/** The Glossary page's sections, in order. */
export const GROUPS = {
  coordination: 'Coordination',
  ownership: 'Ownership and change coupling',
  people: 'Who is who',
  bets: 'Bets and calibration',
  queues: 'Queues',
  chains: 'Chains',
  trends: 'Trends and drift alerts',
  'what-if': 'What if',
} as const;

export type GroupKey = keyof typeof GROUPS;

export interface GlossaryEntry {
  /** The anchor on the Glossary page, and what `<Term id>` names. */
  id: string;
  term: string;
  group: GroupKey;
  /** One sentence, shown as the tooltip. */
  short: string;
  /** A paragraph, shown on the Glossary page. */
  long: string;
  /** As docs/json.md defines it, when the term is a measure. */
  formula?: string;
  /** The pages that show it. */
  appears: readonly PageKey[];
}

export const GLOSSARY = [
  // Coordination
  {
    id: 'window',
    term: 'window',
    group: 'coordination',
    short:
      'The period of work the figures count: by default the 90 whole days ending with the newest commit’s day.',
    long: 'Every measure is over the commits of one window: whole UTC days, both ends included, a commit counted by its author time. By default it is the 90 days that end with the day of the newest commit stored, not today, so an old repository still says something. Merge commits and bots are left out, and so are paths matched by an ignore pattern.',
    formula: 'since 00:00:00 UTC of the first day … until 23:59:59 UTC of the last day',
    appears: ['overview', 'map', 'queues', 'data-quality', 'what-if'],
  },
  {
    id: 'need',
    term: 'coordination need',
    group: 'coordination',
    short:
      'Two teams need to coordinate when both changed the same component, or components that change together, in the window.',
    long: 'The coordination the work requires, measured from the work itself rather than the org chart: for each pair of teams, the work they did on the same components (shared work) and on change-coupled components (coupled work). Needs arise between different people: only commits by people in one team and not the other face commits by people in the other and not the first, so a person in both teams adds nothing to that pair. Each need has a weight and the components behind it.',
    formula: 'weight = shared work + coupled work, per pair of teams whose work meets',
    appears: ['overview', 'map', 'team', 'teams', 'trends', 'what-if', 'bet'],
  },
  {
    id: 'weight',
    term: 'weight',
    group: 'coordination',
    short:
      'How strong a coordination need is: its shared work plus its coupled work, in commits faced by the other team.',
    long: 'A need’s weight adds the two ways two teams’ work meets. On the org map it is the thickness of a line; in the tables needs are listed strongest first. A component’s share of the weight says which code the need is mostly about.',
    formula: 'weight = sharedWork + coupledWork',
    appears: ['overview', 'map', 'team', 'what-if', 'trends'],
  },
  {
    id: 'min-weight',
    term: 'minimum weight',
    group: 'coordination',
    short:
      'Needs lighter than this (default 2) are left out of the headlines and the map; the JSON keeps every need.',
    long: 'A weight of 1 is one stray commit. So that the map and the overview lead with real coordination, needs below the minimum weight (`--min-weight`, `needs.minWeight` in orgwire.yaml, default 2) are counted but not drawn. Congruence is still computed over every need.',
    formula: 'shown when weight ≥ minWeight (default 2)',
    appears: ['overview', 'map', 'what-if'],
  },
  {
    id: 'shared-work',
    term: 'shared work',
    group: 'coordination',
    short:
      'Work two teams did on the same component: per component, the smaller of the two teams’ commits on it.',
    long: 'For each component both teams changed in the window, the commits by people in one team and not in the other are faced with those of the other team; the smaller count is what they must coordinate over. Summed over the components.',
    formula:
      'Σ over components c of min(A∖B on c, B∖A on c), where A∖B on c = commits touching c with an author in A who is not in B',
    appears: ['map', 'overview'],
  },
  {
    id: 'coupled-work',
    term: 'coupled work',
    group: 'coordination',
    short:
      'Work two teams did on different components that change together, scaled by how tightly they are coupled.',
    long: 'When one team changes component x and another changes component y, and x and y are change-coupled, the teams must coordinate too, in proportion to the coupling degree. Counted each way round.',
    formula:
      'Σ over change-coupled pairs {x, y}, each way round, of min(A∖B on x, B∖A on y) × degree ÷ 100',
    appears: ['map', 'overview'],
  },
  {
    id: 'wired',
    term: 'wired',
    group: 'coordination',
    short:
      'A need is wired when one team is an ancestor of the other in the group tree, or either declares an interaction with the other active in the window.',
    long: 'The organisation provides for a need when the two teams sit one inside the other (a parent and its child, or further down), or when either team declares a Team Topologies interaction with the other (collaboration, x-as-a-service, facilitating) that is active in the window. The badge says what wires it: hierarchy or the interaction’s mode. Two sibling teams under one parent are not wired by that alone.',
    formula:
      'wired ⇔ ancestor(A, B) ∨ ancestor(B, A) ∨ an interaction between A and B active in the window',
    appears: ['overview', 'map', 'team', 'bet', 'what-if'],
  },
  {
    id: 'unwired',
    term: 'unwired',
    group: 'coordination',
    short:
      'A need nothing in the organisation provides for: no ancestor relation and no declared interaction between the two teams.',
    long: 'Unwired needs are the coordination nobody arranged: the teams must talk to get their work done, but no shared line in the group tree and no declared interaction says so. They are listed first and strongest first, drawn red and dashed on the map, and counted per team.',
    appears: ['overview', 'map', 'teams', 'team', 'trends', 'what-if', 'bet'],
  },
  {
    id: 'congruence',
    term: 'congruence',
    group: 'coordination',
    short:
      'The share of the coordination the work requires that the organisation wires, by weight.',
    long: 'Socio-technical congruence (Conway’s law measured): of all the need weight between teams, the part that is wired. 100 % means every pair of teams whose work meets is joined by the group tree or a declared interaction; a low figure means teams must coordinate where nothing arranges it. Empty when no two teams’ work meets. Read it beside coverage.',
    formula: 'congruence (weighted) = wired need weight ÷ all need weight',
    appears: ['overview', 'map', 'trends', 'what-if'],
  },
  {
    id: 'congruence-unweighted',
    term: 'congruence, unweighted',
    group: 'coordination',
    short: 'Congruence counting each pair of teams with a need once, whatever its weight.',
    long: 'The share of the pairs of teams with a need that are wired. Beside the weighted figure it tells whether the wiring covers the few strong needs or the many light ones.',
    formula: 'congruence (unweighted) = wired pairs ÷ pairs with a need',
    appears: ['overview', 'trends'],
  },
  {
    id: 'interaction',
    term: 'declared interaction',
    group: 'coordination',
    short:
      'A way two teams say they work together (Team Topologies: collaboration, x-as-a-service or facilitating), declared in the catalog.',
    long: 'A team declares its interactions in its Group’s `spec.interactions` (with whom, the mode, a purpose), optionally from a `since` to an `until` date; one is active in a window when those dates overlap it. A declared interaction wires every need between the two teams.',
    appears: ['team', 'map', 'what-if'],
  },
  {
    id: 'idle-interaction',
    term: 'idle interaction',
    group: 'coordination',
    short:
      'A declared interaction, active in the window, between two teams whose work does not meet at all.',
    long: 'The declaration may be out of date, or the two teams coordinate over something the history does not show. The org map draws them dotted when asked; team pages list them. The drift rule of the same name waits for 8 weeks running before it alerts.',
    appears: ['map', 'team', 'trends'],
  },
  {
    id: 'team-type',
    term: 'team type',
    group: 'coordination',
    short:
      'The Team Topologies type a team declares: stream-aligned, platform, enabling or complicated-subsystem.',
    long: 'Declared with `orgwire.dev/team-type`; without it the map draws the team as “type not declared” and the tables show Backstage’s `spec.type` in grey. The type sets the shape and colour of a team on the org map.',
    appears: ['map', 'teams', 'team', 'what-if'],
  },
  {
    id: 'inferred-team',
    term: 'inferred team',
    group: 'coordination',
    short:
      'With no Group in the catalog, teams are inferred from who works together (communities of authors and components).',
    long: 'On a bare repository orgwire groups authors by the components they change (Louvain communities on the author–component graph). A component’s owner is then the inferred team that changed it most. Coverage is not measured with inferred teams.',
    appears: ['teams', 'team'],
  },
  {
    id: 'team-attributed-commits',
    term: 'team-attributed commits',
    group: 'coordination',
    short:
      'A commit counts once for each team among its authors and co-authors; authors who are no User, and bots, count for no team.',
    long: 'Two members of one team on one commit count once for that team; a person in two teams counts for both. These are the commits a team’s figures (its commits, owner share, fragmentation) rest on.',
    appears: ['teams', 'team', 'component'],
  },

  // Ownership and change coupling
  {
    id: 'owner',
    term: 'owner',
    group: 'ownership',
    short:
      'The team a component belongs to: its catalog owner, else the OWNERS or MAINTAINERS entry, else CODEOWNERS; a bare folder has none.',
    long: 'A path belongs to the first that matches: a catalog component whose `orgwire.dev/paths` match it; the nearest OWNERS file or the MAINTAINERS section; the last matching CODEOWNERS rule (which then acts as the component); else its top-level folder, which has no owner.',
    formula: 'catalog paths > OWNERS / MAINTAINERS > CODEOWNERS > top-level folder (no owner)',
    appears: ['component', 'team', 'data-quality'],
  },
  {
    id: 'owner-share',
    term: 'owner share',
    group: 'ownership',
    short: 'Of the team-attributed commits on a component, the share its owning team made itself.',
    long: 'High: the owner does its own work. Low: other teams keep changing what a team owns, and must coordinate with it. On the Trends page the figure is pooled over every component with an owner.',
    formula:
      'owner’s team-attributed commits ÷ all team-attributed commits on the component; Trends: Σ owners’ ÷ Σ all, over components with an owner',
    appears: ['component', 'team', 'trends'],
  },
  {
    id: 'fragmentation',
    term: 'fragmentation',
    group: 'ownership',
    short:
      'How spread a component’s work is over teams: 0 when one team does it all, towards 1 when many share it evenly.',
    long: 'One minus the sum of the squared team shares of the component’s team-attributed commits (the Gini–Simpson index). Two teams half and half give 0.5; five teams evenly give 0.8.',
    formula: 'fragmentation = 1 − Σ pᵢ², pᵢ = team i’s share of the team-attributed commits',
    appears: ['component', 'team'],
  },
  {
    id: 'coupling-degree',
    term: 'change coupling degree',
    group: 'ownership',
    short:
      'How often two components change in the same commit, as a percentage of their average number of changes.',
    long: 'Change coupling as code-maat computes it. A pair is kept when both components have at least 5 revisions, they share at least 5 commits and the degree is at least 30; commits that touch more than 30 components are left out.',
    formula:
      'degree = ⌊100 · shared ÷ ((revsA + revsB) ÷ 2)⌋; kept when revs ≥ 5, shared ≥ 5, degree ≥ 30',
    appears: ['component'],
  },
  {
    id: 'cross-team-coupling',
    term: 'cross-team coupling',
    group: 'ownership',
    short:
      'Change-coupled pairs of components owned by different teams: one team cannot ship without the other.',
    long: 'A coordination hotspot: the code ties two teams together whatever the org chart says. On a component page the pair is marked “another team owns it”; on the Trends page the measure counts such pairs each week.',
    formula: 'count of coupled pairs whose owners differ',
    appears: ['component', 'trends'],
  },
  {
    id: 'change-together',
    term: 'nearly always together',
    group: 'ownership',
    short:
      'Two catalog components of one owner, neither a library, with a coupling degree of 80 or more: perhaps one service chopped too small.',
    long: 'Separate deployables that nearly always change together cost coordination and releases without buying independence.',
    formula: 'same owner, not libraries, degree ≥ 80',
    appears: ['component'],
  },
  {
    id: 'noise',
    term: 'left out as noise',
    group: 'ownership',
    short:
      'Paths matching an ignore pattern (lock files, vendored and generated code, your own) count for nothing.',
    long: 'Defaults cover lock files, `vendor/`, `node_modules/` and files `.gitattributes` marks `linguist-generated` or `linguist-vendored`; add your own with `ignore:` in orgwire.yaml or `--ignore` (gitignore patterns; `!pattern` takes a path back). A commit that touched only ignored paths counts for nothing.',
    appears: ['data-quality'],
  },
  {
    id: 'dead-rule',
    term: 'dead rule',
    group: 'ownership',
    short: 'A CODEOWNERS rule that matches no file at HEAD.',
    long: 'Usually a folder renamed or removed. It does no harm to the figures but misleads readers of the file; `orgwire owners --check` fails on it.',
    appears: ['data-quality'],
  },
  {
    id: 'shadowed-rule',
    term: 'shadowed rule',
    group: 'ownership',
    short:
      'A CODEOWNERS rule every file of which a later rule also matches, so it decides the owner of none.',
    long: 'In CODEOWNERS the last matching rule wins. A rule wholly overridden by later ones owns nothing, however it reads.',
    appears: ['data-quality'],
  },

  // Who is who
  {
    id: 'coverage',
    term: 'coverage',
    group: 'people',
    short:
      'The share of the people’s commits credited to a team: how much of the work the figures see.',
    long: 'Every figure is only as true as the wiring orgwire can see. Coverage stands beside congruence in every headline; below 80 % every surface warns that the figures speak for too few people and names the authors who would lift it most. Empty with inferred teams or no commits by people.',
    formula:
      'coverage = commits credited to a team ÷ commits with at least one author who is no bot (warning below 0.8)',
    appears: ['overview', 'map', 'trends', 'data-quality'],
  },
  {
    id: 'unmatched-author',
    term: 'unmatched author',
    group: 'people',
    short:
      'An author who is neither a User of the catalog nor a bot: their commits count for no team, and they are listed, never dropped.',
    long: 'Each is listed with their commits and, when one looks like them, the User they probably are. Nothing is applied silently: `orgwire identities --accept` writes accepted suggestions as aliases in orgwire.yaml.',
    formula:
      'suggested when score ≥ 0.8; score = 1 − Levenshtein distance ÷ longer length, between the closest keys (names, logins, e-mail local parts)',
    appears: ['data-quality', 'overview', 'component'],
  },
  {
    id: 'bot',
    term: 'bot',
    group: 'people',
    short:
      'An automation account (a name with [bot] or ending in -bot, dependabot, renovate, github-actions…): left out by default.',
    long: 'Bots are names, e-mail local parts or no-reply logins with `[bot]` or ending in `-bot`, `.bot`, `_bot` or ` bot`, and well-known automation and coding agents; `identities.bots.extra` in orgwire.yaml adds more and `--include-bots` counts them. A bot’s commit with a person as co-author counts for the person; a commit with only bots counts for no one.',
    appears: ['data-quality'],
  },
  {
    id: 'headcount',
    term: 'headcount',
    group: 'people',
    short: 'People in the catalog’s teams, each counted once, as the catalog said that week.',
    long: 'Drawn on the Trends page so that coordination can be read against the size of the organisation: the coordination-outgrows-headcount rule compares the two.',
    formula: 'distinct members of the catalog’s teams',
    appears: ['trends'],
  },

  // Bets and calibration
  {
    id: 'goal',
    term: 'goal',
    group: 'bets',
    short:
      'A value metric the organisation means to move, from a baseline to a target, with one accountable person.',
    long: 'Goals are orgwire’s own catalog kind; a goal may serve a parent goal. Readings recorded through the radiator show where the metric stands. A bet’s impact is measured against its goal’s gap from baseline to target, and the review queue lists goals that no active bet serves.',
    formula: 'gap = |target − baseline|',
    appears: ['bets', 'bet'],
  },
  {
    id: 'bet',
    term: 'bet',
    group: 'bets',
    short:
      'A piece of work stated as a hypothesis, with the goal it serves, one accountable person, responsible teams and a called shot.',
    long: 'Bets are orgwire’s own catalog kind. The board places them by impact and feasibility, flags those past their decide-by date, and measures how often the called shots land.',
    appears: ['bets', 'bet', 'team', 'component', 'overview'],
  },
  {
    id: 'called-shot',
    term: 'called shot',
    group: 'bets',
    short:
      'What a bet says up front: the metric it will move, from what to what, by when, and what result would kill it.',
    long: 'A shot may add a confidence (0 to 1), which the Brier score then judges. A decided bet hit its shot when the outcome reached `to`.',
    appears: ['bets', 'bet', 'overview'],
  },
  {
    id: 'overdue',
    term: 'overdue',
    group: 'bets',
    short:
      'An active or proposed bet whose decide-by date has passed: it belongs in the review queue.',
    long: 'A decide-by of today is not past. Review is zero-based: a bet stays only if someone argues it should.',
    appears: ['bets', 'bet', 'overview'],
  },
  {
    id: 'handoffs',
    term: 'handoffs',
    group: 'bets',
    short:
      'The teams a bet needs that are not among its responsible teams: each is a team it must wait on.',
    long: 'The teams needed are the owners of what the bet needs (a System counts the owners of its components and APIs). Those outside the responsible teams are the handoffs, each marked wired or unwired and with its expected wait.',
    formula: 'handoffs = |teams needed ∖ responsible teams|',
    appears: ['bets', 'bet', 'what-if'],
  },
  {
    id: 'independence',
    term: 'independence',
    group: 'bets',
    short:
      'How freely a bet’s teams can act, by handoffs: 0 independent, 1–2 light, 3–5 heavy, 6 or more a checkbox project.',
    long: 'Independence of action: a team can do its work without getting permission from many other groups.',
    formula: '0 independent · 1–2 light · 3–5 heavy · ≥ 6 checkbox',
    appears: ['bets', 'bet', 'what-if'],
  },
  {
    id: 'checkbox',
    term: 'checkbox project',
    group: 'bets',
    short:
      'A bet with 6 or more handoffs: so many teams must tick it off that it needs a war room to land.',
    long: 'The heaviest level of independence. Wiring the teams (declaring interactions) or moving what the bet needs closer to its responsible teams lowers the handoffs; What if shows by how much.',
    formula: 'handoffs ≥ 6',
    appears: ['bets', 'bet', 'what-if'],
  },
  {
    id: 'expected-wait',
    term: 'expected wait',
    group: 'bets',
    short:
      'How long a bet can expect to wait on a team: that team’s p85 lead time, once its request queue is read.',
    long: 'Unknown until request exports are ingested. A long wait lowers feasibility.',
    formula: 'waitDays = the providing team’s p85 lead time',
    appears: ['bet', 'bets'],
  },
  {
    id: 'feasibility',
    term: 'feasibility',
    group: 'bets',
    short:
      'What the handoffs and their queues leave of a bet’s chance to land: 1 when its teams can do it alone.',
    long: 'Each handoff multiplies feasibility by 0.85 when a declared interaction or the group tree wires the team to a responsible team, and by 0.7 when nothing does; each known wait multiplies it further. Six unwired handoffs leave 0.12.',
    formula:
      'Π over handoffs of (0.85 if wired, 0.7 if not) × max(0.5, 1 − waitDays ÷ 90) for each known wait',
    appears: ['bets', 'bet', 'what-if'],
  },
  {
    id: 'impact',
    term: 'impact',
    group: 'bets',
    short: 'How much of its goal’s gap a bet’s called shot would close, capped at 100 %.',
    long: 'Unknown when the bet has no goal, or the goal or the shot lacks numbers; such bets are listed beside the matrix, not on it.',
    formula: 'impact = min(1, |shot.to − shot.from| ÷ |goal target − goal baseline|)',
    appears: ['bets', 'bet'],
  },
  {
    id: 'quadrant',
    term: 'impact × feasibility',
    group: 'bets',
    short:
      'The bets matrix: each bet placed by feasibility (across) and impact (up), split at 50 % on both axes into four quadrants.',
    long: 'Quick win (both high), big bet (impact high, feasibility low), fill-in (impact low, feasibility high), money pit (both low). A bet with unknown impact has no quadrant.',
    formula: 'high ⇔ ≥ 0.5, on each axis',
    appears: ['bets', 'bet'],
  },
  {
    id: 'quick-win',
    term: 'quick win',
    group: 'bets',
    short: 'A bet with impact and feasibility both 50 % or more.',
    long: 'Worth much, and its teams can land it with few or well-wired handoffs.',
    formula: 'impact ≥ 0.5 and feasibility ≥ 0.5',
    appears: ['bets', 'bet'],
  },
  {
    id: 'big-bet',
    term: 'big bet',
    group: 'bets',
    short: 'A bet with impact of 50 % or more but feasibility under 50 %.',
    long: 'Worth much, but the handoffs and queues stand in its way: rewire before betting big.',
    formula: 'impact ≥ 0.5 and feasibility < 0.5',
    appears: ['bets', 'bet'],
  },
  {
    id: 'fill-in',
    term: 'fill-in',
    group: 'bets',
    short: 'A bet with impact under 50 % and feasibility of 50 % or more.',
    long: 'Easy to land, but it moves its goal little.',
    formula: 'impact < 0.5 and feasibility ≥ 0.5',
    appears: ['bets', 'bet'],
  },
  {
    id: 'money-pit',
    term: 'money pit',
    group: 'bets',
    short: 'A bet with impact and feasibility both under 50 %.',
    long: 'Moves its goal little and must wait on many teams: the first candidate to kill at review.',
    formula: 'impact < 0.5 and feasibility < 0.5',
    appears: ['bets', 'bet'],
  },
  {
    id: 'calibration',
    term: 'calibration',
    group: 'bets',
    short:
      'How often the called shots of decided bets landed, and how well their stated confidence matched, overall and per team.',
    long: 'Counts decided bets (won, lost, killed, inconclusive) that have an outcome value and a shot with from and to. A bet counts for each of its responsible teams in the per-team table.',
    appears: ['bets'],
  },
  {
    id: 'hit-rate',
    term: 'hit rate',
    group: 'bets',
    short: 'The share of decided called shots whose outcome reached the shot’s target.',
    long: 'A hit reached `to`: at or above it when the shot aimed up, at or below it when it aimed down.',
    formula:
      'hit rate = hits ÷ decided; hit ⇔ outcome ≥ to (to ≥ from) or outcome ≤ to (to < from)',
    appears: ['bets'],
  },
  {
    id: 'brier',
    term: 'Brier score',
    group: 'bets',
    short:
      'How well stated confidence matched what happened: 0 is perfect calibration, 0.25 is no better than a coin toss.',
    long: 'The mean squared gap between a shot’s confidence and its result (1 for a hit, 0 for a miss), over decided bets that gave a confidence. Saying 50 % every time scores 0.25; a score above 0.25 is worse than that.',
    formula:
      'Brier = mean over decided bets with a confidence of (confidence − hit)², hit ∈ {0, 1}',
    appears: ['bets'],
  },
  {
    id: 'learning',
    term: 'learning',
    group: 'bets',
    short:
      'What a bet or incident taught, written as Situation — Complication — Resolution, with the lessons.',
    long: 'Failures shared with everyone, so that nobody has to learn them twice. A lost or killed bet should have one; `orgwire check` fails when it does not.',
    appears: ['learnings', 'team', 'bet', 'overview'],
  },

  // Queues
  {
    id: 'lead-time',
    term: 'lead time',
    group: 'queues',
    short: 'How long a request took from created to done, in days.',
    long: 'Measured over the requests done in the window, from the request exports (a plain CSV, Jira CSV or GitHub issues). The queue’s p50, p85 and p95 are read against its promise.',
    formula: 'lead time = done − created, in days, over requests done in the window',
    appears: ['queues', 'team', 'overview', 'trends', 'what-if'],
  },
  {
    id: 'p85',
    term: 'p85',
    group: 'queues',
    short: '85 % of the requests done in the window took at most this long.',
    long: 'The 85th percentile of lead time, by the nearest-rank method (p50 and p95 likewise). It is the wait a requester can reasonably plan on, and the expected wait a bet is charged for a handoff to that team.',
    formula: 'sort the n lead times; p85 = the value at rank ⌈0.85 · n⌉',
    appears: ['queues', 'team', 'overview', 'trends', 'bet'],
  },
  {
    id: 'promise',
    term: 'promise',
    group: 'queues',
    short: 'The lead time a providing team promises for requests, in days (its service level).',
    long: 'Declared with `orgwire.dev/request-sla` on the team. The lead-time chart draws it as a dashed line; the breach rate and the queue-over-promise rule are measured against it.',
    appears: ['queues', 'team', 'overview', 'trends'],
  },
  {
    id: 'breach-rate',
    term: 'breach rate',
    group: 'queues',
    short: 'The share of the requests done in the window whose lead time exceeded the promise.',
    long: 'Empty when the team promises nothing or nothing was done in the window.',
    formula: 'breach rate = requests done with lead time > promise ÷ requests done',
    appears: ['queues', 'team', 'overview'],
  },
  {
    id: 'wip',
    term: 'in progress (WIP)',
    group: 'queues',
    short: 'Requests open at the window’s end: created, and not yet done.',
    long: 'Work in progress. Little’s law ties it to arrivals and lead time: a queue whose average WIP is far from arrivals per day × mean lead time is unsteady or its export incomplete.',
    formula: 'requests with created ≤ end of window < done (or never done)',
    appears: ['queues', 'team', 'overview'],
  },
  {
    id: 'wait-before-start',
    term: 'wait before start',
    group: 'queues',
    short:
      'How long requests waited from created to started, where the export says when work started.',
    long: 'Shown as its p85. A long wait before start with a short lead time after it means the work is quick but the queue is long.',
    formula:
      'p85 of the time spent waiting — in waiting statuses (Jira), unassigned and unlabelled (GitHub) — else of started − created, over requests done in the window',
    appears: ['queues', 'team'],
  },
  {
    id: 'aging-wip',
    term: 'aging work in progress',
    group: 'queues',
    short:
      'Open requests older than the team’s p85 lead time: already later than 85 % of those done.',
    long: 'Each open request’s age against the lead time the team usually keeps. A request past it will not be done as usual: act on it before it ages further, oldest first.',
    formula: 'open requests with end of window − created > p85 lead time',
    appears: ['queues', 'team'],
  },
  {
    id: 'throughput',
    term: 'throughput',
    group: 'queues',
    short: 'Requests done per week over the window.',
    long: 'With the arrival rate it gives the forecast: a queue whose throughput is at or below its arrivals never clears.',
    formula: 'requests done in the window ÷ (window days ÷ 7)',
    appears: ['queues', 'team'],
  },
  {
    id: 'forecast',
    term: 'clears in',
    group: 'queues',
    short:
      'At the window’s rates, the weeks until the open requests are done; never when as many arrive as are done.',
    long: 'A rate, not a promise: it assumes requests keep arriving and being done as they did over the window. “Weeks of work” leaves the new arrivals out: the open requests over the throughput alone.',
    formula: 'open ÷ (throughput − arrivals per week); never when that is 0 or less',
    appears: ['queues', 'team'],
  },
  {
    id: 'backlog-growing',
    term: 'backlog growing',
    group: 'queues',
    short: 'More requests arrived than were done over the window.',
    long: 'The queue grew over the window. When it grows four weeks in a row the queue is called unstable.',
    formula: 'arrivals > completions',
    appears: ['queues', 'team'],
  },
  {
    id: 'self-service',
    term: 'self-service',
    group: 'queues',
    short:
      'The remedy when 4 or more teams ask a team and its p85 lead time breaks the promise: make the capability self-service or a platform.',
    long: 'Many teams waiting on one shared service is the ticket-queue pattern: everyone waits. Self-service removes the wait for all of them.',
    formula: 'requesting teams ≥ 4 and p85 lead time > promise',
    appears: ['queues', 'team', 'overview'],
  },
  {
    id: 'embed',
    term: 'embed',
    group: 'queues',
    short:
      'The remedy when one team asks for more than 60 % of a team’s requests: put the capability in that team.',
    long: 'On the What-if page, embedding a providing team shares its people out among the teams that ask it (by the requests each sent; evenly without requests); its components, names and other interactions go to the team that sent most, and its queue is gone for them.',
    formula: 'one requesting team’s share of arrivals > 0.6',
    appears: ['queues', 'team', 'overview', 'what-if'],
  },
  {
    id: 'unstable',
    term: 'unstable (queue)',
    group: 'queues',
    short:
      'The remedy flag when more requests arrived than were done 4 weeks in a row: lead times will keep growing.',
    long: 'The longest run of weeks with more arrivals than completions reached four. Adding people, cutting demand or making the capability self-service are the ways out.',
    formula: 'longest run of weeks with arrivals > completions ≥ 4',
    appears: ['queues', 'team', 'overview'],
  },

  // Chains
  {
    id: 'chain',
    term: 'synchronous chain',
    group: 'chains',
    short:
      'The longest path of synchronous calls from an entry point (a component nothing calls synchronously), as the catalog declares them.',
    long: 'Synchronous edges are a component’s `dependsOn` components and the providers of the APIs it consumes, except those listed in `orgwire.dev/async-dependencies`. Every link must be up for the chain to work, and a deep chain tends to be deployed together. Depth is the number of components on the chain; chains deeper than 5 are flagged deep.',
    formula: 'depth = components on the longest chain; deep ⇔ depth > 5 (--max-depth)',
    appears: ['chains', 'component'],
  },
  {
    id: 'availability-objective',
    term: 'availability objective',
    group: 'chains',
    short:
      'The availability a component promises, in percent of the time, as its orgwire.dev/availability annotation declares.',
    long: 'Declared per component. The objectives of the components on a synchronous chain multiply into its compound availability, and an entry point’s own objective is what that compound is checked against.',
    appears: ['component', 'chains'],
  },
  {
    id: 'compound-availability',
    term: 'compound availability',
    group: 'chains',
    short:
      'The availability a chain can offer at most: the product of the availability objectives of every component on it.',
    long: 'Twelve four-nines services in one chain make a 99.88 % page. Empty when any component on the chain declares no objective (`orgwire.dev/availability`).',
    formula: 'availability = Π over the chain’s components of their objective (in percent)',
    appears: ['chains', 'component'],
  },
  {
    id: 'below-objective',
    term: 'below objective',
    group: 'chains',
    short:
      'The chain’s compound availability is under the entry point’s own availability objective: it cannot keep its promise.',
    long: 'The entry point promises more than the components it calls synchronously can give together. Shorten the chain, make calls asynchronous, or raise the objectives along it.',
    formula: 'compound availability < the entry point’s orgwire.dev/availability',
    appears: ['chains', 'component'],
  },
  {
    id: 'cycle',
    term: 'cycle',
    group: 'chains',
    short: 'Components that call each other synchronously in a circle.',
    long: 'None of them can be deployed or fail alone. A chain never enters a cycle twice.',
    appears: ['chains', 'component'],
  },

  // Trends and drift alerts
  {
    id: 'drift',
    term: 'drift',
    group: 'trends',
    short:
      'The wiring measured week by week over the whole history, each week over the 4 weeks that end with it, and the alerts its rules raise.',
    long: 'For every ISO week: congruence, unwired need weight, cross-team coupling, owner share, coverage, headcount, team sizes and queues, measured over a trailing window of 4 weeks so that one quiet week is no collapse, with the organisation as the catalog said it was then. Rules read the series and raise an alert when their state changes, not every week it holds; after one ends, the same rule on the same subject rests 4 weeks.',
    formula: 'each week w measured over the weeks w−3 … w',
    appears: ['trends', 'team', 'overview'],
  },
  {
    id: 'alert-watch',
    term: 'alert and watch',
    group: 'trends',
    short:
      'An alert is a rule that fired; a watch is one close to firing, or a state held since the first week.',
    long: 'A state that holds from the first week on (a 12-person team in a catalog without history) is how the organisation has always been, not drift, so it shows as a watch. Only alerts count for `orgwire drift`’s exit status and its backtest.',
    appears: ['trends', 'team', 'overview'],
  },
  {
    id: 'congruence-change',
    term: 'the work and the rewiring',
    group: 'trends',
    short:
      'A week’s change of congruence split in two: what the work changed, and what a new catalog version changed.',
    long: 'The work’s part is this week’s work measured under last week’s organisation, against last week; the rewiring’s part is the rest, and it is 0 unless a new catalog version took effect that week.',
    formula:
      'work = C(this week’s work, last week’s organisation) − last week’s C; wiring = this week’s C − C(this week’s work, last week’s organisation)',
    appears: ['trends'],
  },
  {
    id: 'reorganisation',
    term: 'reorganisation',
    group: 'trends',
    short:
      'A week in which a new catalog version took effect and changed what the week measures (a dashed rule on the charts).',
    long: 'Catalog versions come from the catalog’s git history. Versions that moved nothing the work shows (no team size, headcount or wiring changed) are counted, not drawn.',
    appears: ['trends', 'team'],
  },
  {
    id: 'partners',
    term: 'teams it must coordinate with',
    group: 'trends',
    short: 'How many other teams a team has a coordination need with in the window, wired or not.',
    long: 'Drawn week by week on a team’s page. Summed over teams and halved it is the number of team pairs that must coordinate, which the coordination-outgrows-headcount rule follows.',
    appears: ['team', 'trends'],
  },
  {
    id: 'cusum',
    term: 'CUSUM',
    group: 'trends',
    short:
      'A running sum of surprises: each week adds how far the measure lands from its usual level, so a steady slide alarms and one odd week does not.',
    long: 'Two-sided tabular CUSUM against a robust baseline: the median and the MAD of the previous 12 weeks, σ scaled by √4 because neighbouring weeks share 3 of their 4 weeks. A sum of 5 σ is an alert, 4 a watch, and only when the value is at least the measure’s least effect away from the median (congruence and shares 10 points, unwired weight 5, cross-team coupling 2). Weeks with fewer than 10 commits are left out.',
    formula:
      'z = (x − median) ÷ σ, σ = 1.4826 · MAD · √4; S⁺ = max(0, S⁺ + z − 0.5), S⁻ = max(0, S⁻ − z − 0.5); alert at 5, watch at 4',
    appears: ['trends'],
  },
  {
    id: 'rule-measure-shift',
    term: 'a measure left its normal',
    group: 'trends',
    short:
      'Drift rule measure-shift: a weekly measure moved away from its previous 12 weeks and stayed away, by CUSUM.',
    long: 'It watches weighted and unweighted congruence, unwired need weight, cross-team coupling, owner share and coverage. A weighted-congruence shift must also stand for a need weight of 5 or more.',
    formula: 'CUSUM ≥ 5 (alert) or ≥ 4 (watch), and |value − median| ≥ least effect',
    appears: ['trends', 'overview'],
  },
  {
    id: 'rule-emerging-need',
    term: 'a new unwired need',
    group: 'trends',
    short:
      'Drift rule emerging-need: two teams started sharing work with nothing wiring them, 3 of the last 4 weeks after 12 weeks below that.',
    long: 'The pair’s unwired need must weigh at least 2 and at least a tenth of the week’s whole unwired need, and it must last: its weight rose after it first counted, or it came with a new catalog version.',
    formula:
      'weight ≥ 2 and ≥ 0.1 × week’s unwired weight, in 3 of the last 4 weeks, below it in each of the 12 before',
    appears: ['trends', 'team', 'overview'],
  },
  {
    id: 'rule-idle-interaction',
    term: 'a declared interaction went idle',
    group: 'trends',
    short:
      'Drift rule idle-interaction: a declared interaction has had no shared work for 8 weeks running.',
    long: 'The two teams said they work together, but their work has not met for two months: the declaration may be out of date.',
    formula: 'no shared work 8 weeks in a row',
    appears: ['trends', 'team', 'overview'],
  },
  {
    id: 'rule-coordination-outgrows-headcount',
    term: 'coordination grew faster than the people',
    group: 'trends',
    short:
      'Drift rule coordination-outgrows-headcount: the team pairs that must coordinate grew 25 % faster than the headcount over a quarter, by 3 pairs at least.',
    long: 'Compares the means of the last 13 weeks with the 13 before. Coordination that outgrows the people is the first sign the wiring no longer fits the work.',
    formula:
      'pairs ÷ pairs a quarter before > 1.25 × headcount ÷ headcount a quarter before, and pairs − pairs before ≥ 3',
    appears: ['trends', 'team', 'overview'],
  },
  {
    id: 'rule-queue-over-promise',
    term: 'a queue over its promise',
    group: 'trends',
    short:
      'Drift rule queue-over-promise: a providing team’s p85 lead time is above its promise 3 weeks running.',
    long: 'Each week’s p85 is over that week’s trailing window, so three weeks running is a sustained breach, not one slow request.',
    formula: 'p85 > promise for 3 weeks in a row',
    appears: ['trends', 'team', 'overview'],
  },
  {
    id: 'rule-team-size',
    term: 'team size outside 5–9',
    group: 'trends',
    short: 'Drift rule team-size: a team has fewer than 5 or more than 9 people.',
    long: 'Only the catalog’s own Groups count: a GitHub team or an OWNERS alias is an access list, not a team design. Held since the first week, it shows as a watch.',
    formula: 'members < 5 or members > 9',
    appears: ['trends', 'team', 'overview'],
  },
  {
    id: 'rule-person-in-many-teams',
    term: 'a person in more than two teams',
    group: 'trends',
    short:
      'Drift rule person-in-many-teams: someone belongs to more than 2 teams, and so splits their attention.',
    long: 'The person is named only in the evidence: people are evidence, never a leaderboard.',
    formula: 'teams per person > 2',
    appears: ['trends', 'team', 'overview'],
  },

  // What if
  {
    id: 'scenario',
    term: 'scenario',
    group: 'what-if',
    short:
      'A list of changes made to a copy of the catalog (move, merge, split, declare, embed, leave), with the work held fixed.',
    long: 'orgwire analyses the same window’s work under the catalog as it is and as the scenario leaves it, and says what changed: congruence, the unwired needs resolved, created or made heavier or lighter, teams, bets and queues. Nothing is written; the scenario downloads as the YAML file `orgwire whatif` reads, and what it gives after equals what `analyze` says of the catalog edited by hand the same way.',
    appears: ['what-if'],
  },
  {
    id: 'queue-estimate',
    term: 'queue estimate',
    group: 'what-if',
    short:
      'The mean lead time a queue would have after its arrivals or people change, from a simple queueing model calibrated on what was measured.',
    long: 'An M/M/1 queue: arrivals λ and mean lead time W give the capacity; capacity follows the people who stay; the new wait follows from the new arrivals. A queue that finished fewer than arrived is taken at its throughput. An order of magnitude, not a forecast: real queues are neither Poisson nor first come, first served.',
    formula: 'μ = λ + 1/W (or completions per day); μ′ = μ · people′ ÷ people; W′ = 1 ÷ (μ′ − λ′)',
    appears: ['what-if'],
  },
  {
    id: 'unstable-estimate',
    term: 'unstable (what if)',
    group: 'what-if',
    short:
      'After the change, requests would arrive at least as fast as the people left can do them: the wait grows without bound.',
    long: 'The queue estimate has no answer when the new arrivals reach the new capacity, so the page says unstable instead of a lead time.',
    formula: 'λ′ ≥ μ′',
    appears: ['what-if'],
  },
  {
    id: 'knowledge-lost',
    term: 'what someone leaving loses',
    group: 'what-if',
    short:
      'For a person who leaves: the components where they made more of the window’s commits than anyone else.',
    long: 'Listed with their commits, their share of the component’s commits and its owner, most first: the knowledge the organisation should hand over first.',
    appears: ['what-if'],
  },
  {
    id: 'suggested-boundaries',
    term: 'suggested boundaries',
    group: 'what-if',
    short:
      'Team boundaries the work implies: people and components grouped by who changes what together, shown only when they cut unwired coordination on later work.',
    long: 'Leiden community detection on the people–component graph, weighted by commits and change coupling, with a team-size cap of 9 (bigger communities are split again), a consensus over 8 seeds, teams under 3 people joined to the one they are most linked to. Fitted on the first two thirds of the window and checked on the last third: the same work analysed under today’s catalog and under the suggestion. Each community becomes the existing team most of its people are in, or a new team.',
    formula: 'shown ⇔ unwired need weight on the checked period: suggestion < today',
    appears: ['what-if'],
  },
  {
    id: 'agreement',
    term: 'agreement',
    group: 'what-if',
    short:
      'Of the linked pairs of people and components, the share every seed’s run put together (or apart) alike.',
    long: 'Community detection depends on a random seed; high agreement means the boundaries do not.',
    formula: 'pairs every run groups alike ÷ linked pairs, over 8 runs',
    appears: ['what-if'],
  },
] as const satisfies readonly GlossaryEntry[];

/** The id of a glossary entry: what `<Term id>` takes. */
export type TermId = (typeof GLOSSARY)[number]['id'];

const BY_ID: ReadonlyMap<string, GlossaryEntry> = new Map(GLOSSARY.map((e) => [e.id, e]));

/** The entry of an id; `<Term>` and the Glossary page read it. */
export function glossaryEntry(id: TermId): GlossaryEntry {
  return BY_ID.get(id) as GlossaryEntry;
}
