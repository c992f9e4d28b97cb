/**
 * The git history of Trailhead Outfitters' `shop` monorepo: six months of commits
 * (2026-05-01 to 2026-10-30) that carry the stories described in examples/demo/README.md.
 *
 * Pure and deterministic: a seeded PRNG drives every choice, there is no clock and no I/O,
 * so two calls return equal histories and two repositories built from them have equal
 * commit hashes. The people, teams and paths here mirror examples/demo/catalog.
 */

import { seededRandom } from '../analysis/seeded-random.js';

/** A commit author or co-author as git records it. */
export interface DemoPerson {
  readonly name: string;
  readonly email: string;
}

/** The full new content of one file written by a commit. */
export interface DemoChange {
  readonly path: string;
  readonly content: string;
}

/**
 * One commit of the demo history. `message` has no Co-authored-by trailers: they are
 * rendered from `coAuthors` when the repository is written.
 */
export interface DemoCommit {
  readonly author: DemoPerson;
  readonly coAuthors: readonly DemoPerson[];
  readonly date: Date;
  readonly message: string;
  readonly changes: readonly DemoChange[];
}

/** The last day of the demo history (UTC); analyses of the demo read "now" as this day. */
export const DEMO_END_DATE = '2026-10-30';

/** The repository's `.mailmap`: the only place the laptop alias is tied to its owner. */
export const DEMO_MAILMAP = `# Canonical identities for other commit addresses (gitmailmap(5)).
Tomás Herrera <tomas.herrera@trailhead.example> <tomas@toms-mbp.local>
`;

/**
 * The repository's `.github/CODEOWNERS`. Catalog `orgwire.dev/paths` decide ownership
 * first; `infra/` is owned only here, and `scripts/` is owned by nobody.
 */
export const DEMO_CODEOWNERS = `# Review routing for the shop monorepo. Components declare their
# paths in the catalog (orgwire.dev/paths); these rules cover the rest.
# Later rules win: the billing Terraform goes to billing-integration.
/.github/ @trailhead/platform
/infra/ @trailhead/platform
/infra/terraform/billing/ @trailhead/billing-integration
/services/billing-gateway/ @trailhead/billing-integration
/services/invoice-service/ @trailhead/billing-integration
`;

type Team =
  | 'web-storefront'
  | 'mobile-app'
  | 'stores'
  | 'call-centre'
  | 'platform'
  | 'data'
  | 'billing-integration'
  | 'enablement';

type Kind = 'service' | 'app' | 'lib' | 'data';

interface Dev {
  readonly name: string;
  readonly teams: readonly Team[];
  /** Addresses the person commits with, picked uniformly per commit. */
  readonly emails: readonly string[];
  /** The address others write in a Co-authored-by trailer. */
  readonly trailerEmail: string;
  /** Chance of an ordinary commit on a working day. */
  readonly rate: number;
}

interface Comp {
  readonly name: string;
  readonly team: Team;
  readonly kind: Kind;
  readonly topics: readonly string[];
  /** Relative weight among the owning team's components for ordinary work. */
  readonly weight: number;
}

interface Bump {
  readonly dep: string;
  readonly manifests: readonly string[];
}

/** A commit before its date and file contents are settled. */
interface Plan {
  readonly day: number;
  readonly minute: number;
  readonly author: DemoPerson;
  readonly coAuthors: readonly DemoPerson[];
  readonly message: string;
  readonly paths: readonly string[];
  readonly bump?: Bump;
}

const DOMAIN = 'trailhead.example';
const START = Date.UTC(2026, 4, 1);
const END = Date.UTC(2026, 9, 30);
const DAY_MS = 86_400_000;

const profileEmail = (name: string): string =>
  `${name
    .normalize('NFD')
    .replace(/[\u0300-\u036f']/g, '')
    .toLowerCase()
    .replace(/ /g, '.')}@${DOMAIN}`;

const dev = (name: string, teams: readonly Team[], rate: number, emails?: string[]): Dev => ({
  name,
  teams,
  emails: emails ?? [profileEmail(name)],
  trailerEmail: profileEmail(name),
  rate,
});

const KOFI_NOREPLY = '12345+kofimensah@users.noreply.github.com';

const DEVS: readonly Dev[] = [
  dev('Maya Chen', ['web-storefront'], 0.16),
  dev('Jonas Becker', ['web-storefront'], 0.28),
  dev('Aisha Bello', ['web-storefront'], 0.28),
  dev('Lucas Moreau', ['web-storefront'], 0.26),
  dev('Sofia Rossi', ['web-storefront'], 0.24),
  // Commits from a laptop whose git config was never set up; only .mailmap knows him.
  dev('Tomás Herrera', ['web-storefront'], 0.24, ['tomas@toms-mbp.local']),
  dev('Kenji Watanabe', ['mobile-app'], 0.16),
  dev('Fatima Zahra', ['mobile-app'], 0.28),
  dev('Oliver Grant', ['mobile-app'], 0.26),
  dev('Nadia Petrova', ['mobile-app'], 0.26),
  { ...dev('Kofi Mensah', ['mobile-app'], 0.24, [KOFI_NOREPLY]), trailerEmail: KOFI_NOREPLY },
  dev('Ravi Patel', ['stores'], 0.16),
  dev('Emma Lindqvist', ['stores'], 0.27),
  dev("Grace O'Neill", ['stores'], 0.26),
  dev('Sam Whitfield', ['stores'], 0.25, ['Sam.Whitfield@Trailhead.example']),
  dev('Diego Fernandez', ['stores'], 0.26),
  dev('Hannah Schmidt', ['call-centre'], 0.16),
  dev('Marcus Johnson', ['call-centre'], 0.26),
  dev('Leila Haddad', ['call-centre'], 0.26),
  dev('Pedro Alves', ['call-centre'], 0.25),
  dev('Yuki Tanaka', ['call-centre'], 0.24),
  dev('Erik Johansson', ['platform'], 0.16),
  dev('Zoe Williams', ['platform'], 0.27),
  dev('Arjun Nair', ['platform'], 0.27),
  dev('Mateo Garcia', ['platform'], 0.25),
  dev('Ingrid Solberg', ['platform'], 0.25),
  dev('Rosa Delgado', ['platform', 'enablement'], 0.22),
  dev('Priya Raman', ['data'], 0.24, [
    'priya@trailhead-analytics.example',
    profileEmail('Priya Raman'),
  ]),
  dev('Daniel Kim', ['data'], 0.26),
  dev('Lina Hoffmann', ['data'], 0.26),
  dev('Samir Khan', ['data'], 0.25),
  dev('Ada Obi', ['data'], 0.24),
  dev('Victor Novak', ['billing-integration'], 0.22),
  dev('Irene Costa', ['billing-integration'], 0.26),
  dev('Bruno Silva', ['billing-integration'], 0.26),
  dev('Mei Lin', ['billing-integration'], 0.24),
  dev('Olga Ivanova', ['enablement'], 0.2),
  dev('Tariq Aziz', ['enablement'], 0.2),
  dev('Claire Bennett', ['enablement'], 0.18),
];

/** The contractor: no User in the catalog, so every analysis reports her as unmatched. */
const CONTRACTOR: DemoPerson = { name: 'Dana Okafor', email: 'dana@freelance-devs.io' };

const DEPENDABOT: DemoPerson = {
  name: 'dependabot[bot]',
  email: '49699333+dependabot[bot]@users.noreply.github.com',
};

/** `topics` is a comma-separated list; each topic has a source file and a test file. */
const comp = (name: string, team: Team, kind: Kind, topics: string, weight = 1): Comp => ({
  name,
  team,
  kind,
  topics: topics.split(', '),
  weight,
});

// Weights above 1 mark the components a team works on most.
// biome-ignore format: two lines per component read as a table.
const COMPS: readonly Comp[] = [
  comp('web-shop', 'web-storefront', 'app',
    'product page, search results, basket drawer, recommendations carousel'),
  comp('storefront-bff', 'web-storefront', 'service',
    'product view, session cookies, response cache, graphql schema'),
  comp('product-catalog', 'web-storefront', 'service',
    'product search, variant attributes, price lookup, stock badges, category tree', 1.5),
  comp('promotions-service', 'web-storefront', 'service',
    'promo codes, bundle discounts, campaign calendar, eligibility rules'),
  comp('checkout-api', 'web-storefront', 'service',
    'payment capture, idempotency keys, address validation, order confirmation', 2),
  comp('order-service', 'web-storefront', 'service',
    'order state machine, order history, returns, invoice linking'),
  comp('mobile-shop', 'mobile-app', 'app',
    'home feed, product screen, wallet passes, offline basket', 2),
  comp('mobile-bff', 'mobile-app', 'service',
    'checkout proxy, push tokens, feature toggles, image resizing'),
  comp('store-locator', 'mobile-app', 'service',
    'opening hours, geo search, click and collect slots, store stock'),
  comp('pos-terminal', 'stores', 'app',
    'till sessions, receipt printing, barcode scanning, offline mode', 1.5),
  comp('pricing-engine', 'stores', 'service',
    'price rules, markdowns, currency rounding, member prices', 1.5),
  comp('pricing-sync', 'stores', 'service',
    'price feed export, store push, delta batches, sync retries', 1.2),
  comp('inventory-service', 'stores', 'service',
    'stock reservations, availability query, replenishment hints, stock events'),
  comp('stock-ledger', 'stores', 'service',
    'ledger entries, reconciliation, snapshots, adjustments'),
  comp('warehouse-adapter', 'stores', 'service',
    'wms client, pick lists, shipment notices, inventory import'),
  comp('agent-desktop', 'call-centre', 'app',
    'customer timeline, case form, refund dialog, call notes'),
  comp('customer-profile', 'call-centre', 'service',
    'profile lookup, consent flags, address book, merge duplicates', 1.5),
  comp('loyalty-service', 'call-centre', 'service',
    'points ledger, tier rules, member cards, partner rewards'),
  comp('edge-gateway', 'platform', 'service',
    'rate limits, tls config, routing table, bot protection'),
  comp('identity-service', 'platform', 'service',
    'login flow, token refresh, password reset, sso connectors'),
  comp('telemetry', 'platform', 'lib',
    'trace context, metrics exporter, log format'),
  comp('search-indexer', 'data', 'data',
    'index builder, synonyms, ranking features, reindex jobs'),
  comp('recommendations', 'data', 'data',
    'similar items, model training, feature store, ab test buckets'),
  comp('customer-events', 'data', 'data',
    'event schema, dedup, consent filter, daily export'),
  comp('billing-gateway', 'billing-integration', 'service',
    'payment provider client, settlement files, refund calls, webhook signatures'),
  comp('invoice-service', 'billing-integration', 'service',
    'invoice numbering, vat rules, credit notes, pdf rendering'),
  comp('test-kit', 'enablement', 'lib',
    'contract tests, fixtures, snapshot helpers, flaky test detector'),
];

/** Files outside every component: `infra/` (CODEOWNERS only), `scripts/` (nobody), root. */
const INFRA_FILES = [
  'infra/terraform/main.tf',
  'infra/terraform/network.tf',
  'infra/k8s/ingress.yaml',
  'infra/k8s/namespaces.yaml',
];
const BILLING_INFRA_FILE = 'infra/terraform/billing/main.tf';
const SCRIPT_FILES = ['scripts/release.sh', 'scripts/seed-dev-db.ts', 'scripts/check-licenses.mjs'];
const ROOT_FILES = ['README.md', '.github/workflows/ci.yml'];
const CHECKOUT_SDK = 'libs/checkout-sdk/src/client.ts';

const TEMPLATES: readonly ((t: string) => string)[] = [
  (t) => `add metrics for ${t}`,
  (t) => `fix edge case in ${t}`,
  (t) => `handle timeouts in ${t}`,
  (t) => `retry ${t} on transient errors`,
  (t) => `refactor ${t}`,
  (t) => `document ${t}`,
  (t) => `speed up ${t}`,
  (t) => `validate input to ${t}`,
  (t) => `remove dead code from ${t}`,
  (t) => `cover ${t} with tests`,
  (t) => `log request ids in ${t}`,
  (t) => `tidy up ${t} error handling`,
];

/** How a visiting team phrases its change to another team's component. */
const VISITOR_TEMPLATES: Record<Team, readonly ((t: string) => string)[]> = {
  'web-storefront': [(t) => `expose ${t} to the web shop`, (t) => `${t} for the product page`],
  'mobile-app': [
    (t) => `support app orders in ${t}`,
    (t) => `return app deep links from ${t}`,
    (t) => `serve app image sizes in ${t}`,
    (t) => `align ${t} with the app release`,
  ],
  stores: [
    (t) => `look up ${t} from the till`,
    (t) => `expose ${t} to pos-terminal`,
    (t) => `store-specific ${t}`,
  ],
  'call-centre': [(t) => `${t} for agents`, (t) => `show ${t} in agent-desktop`],
  platform: [
    (t) => `instrument ${t} with shared telemetry`,
    (t) => `move ${t} behind edge-gateway`,
  ],
  data: [(t) => `emit ${t} changes to search-indexer`, (t) => `track ${t} for recommendations`],
  'billing-integration': [(t) => `${t} for billing`],
  enablement: [(t) => `add contract tests for ${t}`, (t) => `add snapshot tests for ${t}`],
};

const INITIATIVE_TEMPLATES: readonly ((t: string) => string)[] = [
  (t) => `accept the unified id in ${t}`,
  (t) => `backfill unified ids for ${t}`,
  (t) => `map legacy customer numbers in ${t}`,
  (t) => `emit the unified id from ${t}`,
  (t) => `drop legacy id lookups in ${t}`,
];

/**
 * The component each team changes for the unified-customer-id initiative (not enablement),
 * and the team it pairs with on two commits of ten — on eight for platform's id issuer, with
 * billing-integration, which had not worked with platform for months: the coupling drift
 * sees emerge when the bet starts.
 */
const INITIATIVE: readonly {
  team: Team;
  comp: string;
  partner?: [Team, string];
  /** How many of its ten commits pair with the partner (default two). */
  pairs?: number;
}[] = [
  { team: 'web-storefront', comp: 'order-service', partner: ['call-centre', 'customer-profile'] },
  { team: 'mobile-app', comp: 'mobile-bff', partner: ['web-storefront', 'order-service'] },
  { team: 'stores', comp: 'pos-terminal', partner: ['call-centre', 'customer-profile'] },
  { team: 'call-centre', comp: 'customer-profile', partner: ['stores', 'pos-terminal'] },
  {
    team: 'platform',
    comp: 'identity-service',
    partner: ['billing-integration', 'invoice-service'],
    pairs: 8,
  },
  { team: 'data', comp: 'customer-events', partner: ['call-centre', 'customer-profile'] },
  {
    team: 'billing-integration',
    comp: 'invoice-service',
    partner: ['platform', 'identity-service'],
  },
];

const DEP_VERSIONS: Record<string, string> = {
  fastify: '5.2.0',
  pino: '9.5.0',
  zod: '3.24.1',
  undici: '7.2.0',
  react: '19.0.0',
  vite: '6.0.7',
  'decimal.js': '10.4.3',
  '@opentelemetry/api': '1.9.0',
  vitest: '3.0.2',
  typescript: '5.7.3',
  '@biomejs/biome': '1.9.4',
  pandas: '2.2.3',
  pyarrow: '18.1.0',
  requests: '2.32.3',
};

const DEPENDABOT_CONFIG = [
  'version: 2',
  'updates:',
  '  - package-ecosystem: npm',
  '    directories: ["/", "/apps/*", "/libs/*", "/services/*"]',
  '    schedule: { interval: daily }',
  '  - package-ecosystem: pip',
  '    directories: ["/data/*"]',
  '    schedule: { interval: weekly }',
  '',
].join('\n');

class Random {
  readonly #next: () => number;
  constructor(seed: number) {
    this.#next = seededRandom(seed);
  }
  float(): number {
    return this.#next();
  }
  chance(p: number): boolean {
    return this.#next() < p;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.#next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.#next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weight(item), 0);
    let r = this.#next() * total;
    for (const item of items) {
      r -= weight(item);
      if (r < 0) return item;
    }
    return this.pick(items);
  }
}

const slug = (topic: string): string => topic.replace(/ /g, '-');
const snake = (topic: string): string => topic.replace(/ /g, '_');

function compDir(c: Comp): string {
  const root = { service: 'services', app: 'apps', lib: 'libs', data: 'data' }[c.kind];
  return `${root}/${c.name}`;
}

function topicFile(c: Comp, topic: string): string {
  const dir = compDir(c);
  switch (c.kind) {
    case 'app':
      return `${dir}/src/pages/${slug(topic)}.tsx`;
    case 'data':
      return `${dir}/pipelines/${snake(topic)}.py`;
    default:
      return `${dir}/src/${slug(topic)}.ts`;
  }
}

function testFile(c: Comp, topic: string): string {
  const dir = compDir(c);
  switch (c.kind) {
    case 'app':
      return `${dir}/test/${slug(topic)}.test.tsx`;
    case 'data':
      return `${dir}/tests/test_${snake(topic)}.py`;
    default:
      return `${dir}/test/${slug(topic)}.test.ts`;
  }
}

function manifestOf(c: Comp): string {
  return c.kind === 'data' ? `${compDir(c)}/requirements.txt` : `${compDir(c)}/package.json`;
}

function depsOf(c: Comp): string[] {
  if (c.kind === 'data') return ['pandas', 'pyarrow', 'requests'];
  if (c.kind === 'app') return ['react', 'vite'];
  if (c.name === 'telemetry') return ['@opentelemetry/api', 'pino'];
  if (c.name === 'test-kit') return ['vitest', 'zod'];
  if (c.name.startsWith('pricing-')) return ['decimal.js', 'fastify', 'pino', 'zod'];
  return ['fastify', 'pino', 'zod'];
}

function compNamed(name: string): Comp {
  const found = COMPS.find((c) => c.name === name);
  if (!found) throw new Error(`no demo component ${name}`);
  return found;
}

function membersOf(team: Team, options: { exclude?: readonly string[] } = {}): Dev[] {
  return DEVS.filter((d) => d.teams.includes(team) && !options.exclude?.includes(d.name));
}

/** Weekdays of the history as UTC midnights, in order. */
function workingDays(): number[] {
  const days: number[] = [];
  for (let t = START; t <= END; t += DAY_MS) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(t);
  }
  return days;
}

/** Generates the demo history; see the module comment. */
export function demoHistory(): DemoCommit[] {
  const rng = new Random(20261030);
  const days = workingDays();
  const last = days.length - 1;
  /** Index of the first working day on or after `iso`. */
  const dayOf = (iso: string): number => {
    const t = Date.parse(`${iso}T00:00:00Z`);
    const i = days.findIndex((d) => d >= t);
    return i === -1 ? last : i;
  };
  const plans: Plan[] = [];
  const workMinute = (): number => rng.int(8 * 60, 18 * 60 + 30);
  const as = (d: Dev): DemoPerson => ({ name: d.name, email: rng.pick(d.emails) });
  const trailer = (d: Dev): DemoPerson => ({ name: d.name, email: d.trailerEmail });

  /** Files a change to `c` about `topic` touches: the topic's file, often its test. */
  const touch = (c: Comp, topic: string): string[] => {
    const paths = [topicFile(c, topic)];
    if (rng.chance(0.5)) paths.push(testFile(c, topic));
    if (rng.chance(0.1)) paths.push(`${compDir(c)}/README.md`);
    if (rng.chance(0.1)) paths.push(topicFile(c, rng.pick(c.topics)));
    return paths;
  };

  const add = (plan: Omit<Plan, 'minute'> & { minute?: number }): void => {
    // Ordinary commits stay small: at most four files.
    const paths = [...new Set(plan.paths)].slice(0, plan.bump ? undefined : 4);
    plans.push({ ...plan, paths, minute: plan.minute ?? workMinute() });
  };

  // Ordinary work: each person changes their own team's components on a working day
  // with their own rate, apart from one two-week holiday between June and August.
  for (const d of DEVS) {
    const holiday = rng.int(dayOf('2026-06-01'), dayOf('2026-08-17'));
    const mine = COMPS.filter((c) => d.teams.includes(c.team));
    const teammates = DEVS.filter((o) => o !== d && o.teams.some((t) => d.teams.includes(t)));
    for (let day = 0; day <= last; day++) {
      if (day >= holiday && day < holiday + 10) continue;
      if (!rng.chance(d.rate)) continue;
      const coAuthors = rng.chance(0.06) ? [trailer(rng.pick(teammates))] : [];
      const roll = rng.float();
      if (roll < 0.03) {
        const path = rng.pick(d.teams.includes('platform') ? ROOT_FILES : SCRIPT_FILES);
        const what = path.startsWith('scripts/') ? path.slice('scripts/'.length) : path;
        add({ day, author: as(d), coAuthors, message: `chore: update ${what}`, paths: [path] });
        continue;
      }
      if (d.teams[0] === 'platform' && roll < 0.25) {
        const paths = [rng.pick(INFRA_FILES)];
        if (rng.chance(0.3)) paths.push(rng.pick(INFRA_FILES));
        const message = `infra: ${rng.pick(['tune', 'pin', 'tidy', 'document'])} ${paths[0]}`;
        add({ day, author: as(d), coAuthors, message, paths });
        continue;
      }
      if (d.teams[0] === 'billing-integration' && roll < 0.08) {
        const message = 'infra: adjust billing Terraform';
        add({ day, author: as(d), coAuthors, message, paths: [BILLING_INFRA_FILE] });
        continue;
      }
      const c = rng.weighted(mine, (x) => x.weight);
      const topic = rng.pick(c.topics);
      const paths = touch(c, topic);
      if (c.name.startsWith('pricing-') && rng.chance(0.92)) {
        // The two pricing deployables share one data model, so one change needs both.
        const other = compNamed(c.name === 'pricing-engine' ? 'pricing-sync' : 'pricing-engine');
        paths.push(topicFile(other, rng.pick(other.topics)));
      }
      if (c.name === 'checkout-api' && rng.chance(0.2)) paths.push(CHECKOUT_SDK);
      const message = `${c.name}: ${rng.pick(TEMPLATES)(topic)}`;
      add({ day, author: as(d), coAuthors, message, paths });
    }
  }

  /** A team's members changing another team's component, optionally pairing with its owners. */
  const visit = (
    team: Team,
    target: string,
    count: number,
    from: string,
    to: string,
    options: { pairWith?: Team; pairShare?: number; also?: () => string[] } = {},
  ): void => {
    const c = compNamed(target);
    const visitors = membersOf(team, { exclude: ['Rosa Delgado'] });
    for (let i = 0; i < count; i++) {
      const topic = rng.pick(c.topics);
      const paths = [...touch(c, topic), ...(options.also?.() ?? [])];
      const pair =
        options.pairWith !== undefined && rng.chance(options.pairShare ?? 0)
          ? [trailer(rng.pick(membersOf(options.pairWith, { exclude: ['Rosa Delgado'] })))]
          : [];
      add({
        day: rng.int(dayOf(from), dayOf(to)),
        author: as(rng.pick(visitors)),
        coAuthors: pair,
        message: `${target}: ${rng.pick(VISITOR_TEMPLATES[team])(topic)}`,
        paths,
      });
    }
  };

  // Story 1: mobile-app works in web-storefront's checkout-api (and touches mobile-bff
  // with it); stores works in call-centre's customer-profile. No interaction is declared.
  const mobileBff = compNamed('mobile-bff');
  const withBff = (): string[] => {
    const extra: string[] = [];
    if (rng.chance(0.5)) extra.push(CHECKOUT_SDK);
    if (rng.chance(0.5)) extra.push(topicFile(mobileBff, 'checkout proxy'));
    return extra;
  };
  visit('mobile-app', 'checkout-api', 8, '2026-07-06', '2026-07-31', {
    pairWith: 'web-storefront',
    pairShare: 0.25,
    also: withBff,
  });
  visit('mobile-app', 'checkout-api', 38, '2026-08-03', '2026-10-30', {
    pairWith: 'web-storefront',
    pairShare: 0.25,
    also: withBff,
  });
  visit('stores', 'customer-profile', 30, '2026-08-03', '2026-10-30', {
    pairWith: 'call-centre',
    pairShare: 0.3,
  });

  // Story 2: product-catalog is changed by five teams in the last 90 days.
  visit('mobile-app', 'product-catalog', 8, '2026-08-03', '2026-10-28');
  visit('stores', 'product-catalog', 8, '2026-08-03', '2026-10-28');
  visit('data', 'product-catalog', 10, '2026-08-03', '2026-10-28');
  visit('platform', 'product-catalog', 6, '2026-08-03', '2026-10-28');

  // Declared collaboration between data and web-storefront, visible as shared work.
  const webShop = compNamed('web-shop');
  for (let i = 0; i < 9; i++) {
    add({
      day: rng.int(dayOf('2026-06-01'), last),
      author: as(rng.pick(membersOf('data'))),
      coAuthors: [],
      message: 'web-shop: track recommendations carousel impressions',
      paths: touch(webShop, 'recommendations carousel'),
    });
  }
  visit('web-storefront', 'recommendations', 6, '2026-06-15', '2026-10-30');

  // Story 9: billing-integration changes its components almost alone.
  const billingVisits: readonly [string, string, string, string][] = [
    ['2026-06-10', 'Mateo Garcia', 'billing-gateway', 'instrument refund calls with telemetry'],
    ['2026-08-19', 'Jonas Becker', 'billing-gateway', 'expose capture status for checkout'],
    ['2026-09-29', 'Hannah Schmidt', 'billing-gateway', 'fix refund reason wording for agents'],
  ];
  for (const [date, name, target, text] of billingVisits) {
    const author = DEVS.find((d) => d.name === name);
    if (!author) throw new Error(`no demo person ${name}`);
    const c = compNamed(target);
    const topic = c.topics.find((t) => text.includes(t)) ?? rng.pick(c.topics);
    add({
      day: dayOf(date),
      author: as(author),
      coAuthors: [],
      message: `${target}: ${text}`,
      paths: [topicFile(c, topic)],
    });
  }

  // Story 4: a contractor on the mobile app, working afternoons and evenings (UTC).
  const mobileShop = compNamed('mobile-shop');
  const kenji = membersOf('mobile-app').find((d) => d.name === 'Kenji Watanabe');
  for (let i = 0; i < 30; i++) {
    const topic = rng.pick(mobileShop.topics);
    add({
      day: rng.int(dayOf('2026-07-13'), last),
      minute: rng.int(13 * 60, 21 * 60),
      author: CONTRACTOR,
      coAuthors: kenji && i % 8 === 0 ? [trailer(kenji)] : [],
      message: `mobile-shop: ${rng.pick(TEMPLATES)(topic)}`,
      paths: touch(mobileShop, topic),
    });
  }

  // Story 7 (pairing across teams): enablement facilitates mobile-app until 2026-06-26,
  // and stores from 2026-09-07.
  const testKit = compNamed('test-kit');
  const facilitate = (team: Team, target: string, count: number, from: string, to: string) => {
    const c = compNamed(target);
    for (let i = 0; i < count; i++) {
      const topic = rng.pick(c.topics);
      const paths = [testFile(c, topic), topicFile(c, topic)];
      if (rng.chance(0.3)) paths.push(topicFile(testKit, rng.pick(testKit.topics)));
      add({
        day: rng.int(dayOf(from), dayOf(to)),
        author: as(rng.pick(membersOf(team))),
        coAuthors: [trailer(rng.pick(membersOf('enablement', { exclude: ['Rosa Delgado'] })))],
        message: `${target}: ${rng.pick(VISITOR_TEMPLATES.enablement)(topic)}`,
        paths,
      });
    }
  };
  facilitate('mobile-app', 'mobile-shop', 12, '2026-05-04', '2026-06-26');
  facilitate('stores', 'pos-terminal', 10, '2026-09-07', '2026-10-30');

  // Story 8: the unified-customer-id initiative needs seven of the eight teams.
  for (const step of INITIATIVE) {
    const c = compNamed(step.comp);
    const idFile =
      c.kind === 'data'
        ? `${compDir(c)}/pipelines/customer_id.py`
        : `${compDir(c)}/src/customer-id.ts`;
    for (let i = 0; i < 10; i++) {
      const topic = rng.pick(c.topics);
      const paths = [idFile, topicFile(c, topic)];
      let coAuthors: DemoPerson[] = [];
      if (step.partner && (step.pairs === undefined ? i % 5 === 2 : i < step.pairs)) {
        const [partnerTeam, partnerComp] = step.partner;
        const p = compNamed(partnerComp);
        paths.push(topicFile(p, rng.pick(p.topics)));
        coAuthors = [trailer(rng.pick(membersOf(partnerTeam, { exclude: ['Rosa Delgado'] })))];
      }
      add({
        day: rng.int(dayOf('2026-09-18'), last),
        author: as(rng.pick(membersOf(step.team, { exclude: ['Rosa Delgado'] }))),
        coAuthors,
        message: `unified-customer-id: ${rng.pick(INITIATIVE_TEMPLATES)(topic)} (${c.name})`,
        paths,
      });
    }
  }

  // Story 5: dependabot bumps dependencies in package manifests across components.
  const manifests = new Map<string, string[]>();
  for (const c of COMPS) manifests.set(manifestOf(c), depsOf(c));
  manifests.set('libs/checkout-sdk/package.json', ['undici', 'zod']);
  manifests.set('package.json', ['typescript', '@biomejs/biome']);
  const deps = Object.keys(DEP_VERSIONS);
  const pricing = ['services/pricing-engine/package.json', 'services/pricing-sync/package.json'];
  for (let i = 0; i < 40; i++) {
    const dep = rng.pick(deps);
    const holders = [...manifests].filter(([, ds]) => ds.includes(dep)).map(([m]) => m);
    const chosen = new Set<string>([rng.pick(holders)]);
    if (rng.chance(0.3)) {
      for (let extra = rng.int(1, 2); extra > 0; extra--) chosen.add(rng.pick(holders));
    }
    // Grouped updates keep the two pricing deployables on the same versions.
    if (pricing.some((m) => chosen.has(m))) for (const m of pricing) chosen.add(m);
    add({
      day: rng.int(3, last),
      minute: rng.int(5 * 60, 7 * 60),
      author: DEPENDABOT,
      coAuthors: [],
      message: '',
      paths: [...chosen].sort(),
      bump: { dep, manifests: [...chosen].sort() },
    });
  }

  return materialise(plans, days, manifests);
}

/** Orders plans in time and writes each file's new content, starting from the import. */
function materialise(
  plans: readonly Plan[],
  days: readonly number[],
  manifests: ReadonlyMap<string, readonly string[]>,
): DemoCommit[] {
  const files = new Map<string, string>();
  const versions = new Map<string, string>(Object.entries(DEP_VERSIONS));
  const pinned = new Map<string, Map<string, string>>();
  for (const [m, ds] of manifests)
    pinned.set(m, new Map(ds.map((d) => [d, versionOf(versions, d)])));

  const importer: DemoPerson = { name: 'Erik Johansson', email: profileEmail('Erik Johansson') };
  const initial = initialFiles(pinned);
  for (const [path, content] of initial) files.set(path, content);
  const commits: DemoCommit[] = [
    {
      author: importer,
      coAuthors: [],
      date: new Date((days[0] ?? START) + 8 * 3_600_000),
      message: 'Import the shop monorepo\n\nHistory before May 2026 stays in the old repository.\n',
      changes: [...initial].map(([path, content]) => ({ path, content })),
    },
  ];

  const ordered = plans
    .map((plan, seq) => ({ plan, seq }))
    .sort((a, b) => a.plan.day - b.plan.day || a.plan.minute - b.plan.minute || a.seq - b.seq);
  let previous = commits[0]?.date.getTime() ?? START;
  for (const [n, { plan, seq }] of ordered.entries()) {
    const day = days[plan.day] ?? START;
    // Seconds within the minute vary by plan; dates stay strictly increasing.
    const at = Math.max(day + plan.minute * 60_000 + ((seq * 7919) % 60) * 1000, previous + 1000);
    previous = at;
    const revision = n + 1;
    let message = plan.message;
    if (plan.bump) {
      message = bumpMessage(plan.bump, versions, pinned);
      for (const m of plan.bump.manifests) files.set(m, renderManifest(m, pinned));
    } else {
      for (const path of plan.paths) {
        files.set(path, (files.get(path) ?? header(path)) + note(path, revision, message));
      }
    }
    commits.push({
      author: plan.author,
      coAuthors: plan.coAuthors,
      date: new Date(at),
      message: message.endsWith('\n') ? message : `${message}\n`,
      changes: [...new Set(plan.paths)]
        .sort()
        .map((path) => ({ path, content: files.get(path) ?? '' })),
    });
  }
  return commits;
}

function versionOf(versions: ReadonlyMap<string, string>, dep: string): string {
  const v = versions.get(dep);
  if (v === undefined) throw new Error(`no version for ${dep}`);
  return v;
}

/** Moves `dep` to its next version in the chosen manifests and describes it as dependabot does. */
function bumpMessage(
  bump: Bump,
  versions: Map<string, string>,
  pinned: ReadonlyMap<string, Map<string, string>>,
): string {
  const current = versionOf(versions, bump.dep);
  const [major = 0, minor = 0, patch = 0] = current.split('.').map(Number);
  // Every third release of a package is a minor one; the rest are patches.
  const next =
    (major + minor + patch) % 3 === 0
      ? `${major}.${minor + 1}.0`
      : `${major}.${minor}.${patch + 1}`;
  versions.set(bump.dep, next);
  const first = bump.manifests[0] ?? '';
  const from = pinned.get(first)?.get(bump.dep) ?? current;
  for (const m of bump.manifests) pinned.get(m)?.set(bump.dep, next);
  const dirs = bump.manifests.map((m) => `/${m.slice(0, Math.max(m.lastIndexOf('/'), 0))}`);
  const where = dirs.length === 1 ? `in ${dirs[0]}` : `across ${dirs.length} directories`;
  return [
    `Bump ${bump.dep} from ${from} to ${next} ${where}`,
    '',
    `Bumps ${bump.dep} from ${from} to ${next} in ${dirs.join(', ')}.`,
    '',
    'Signed-off-by: dependabot[bot] <support@github.com>',
    '',
  ].join('\n');
}

function renderManifest(path: string, pinned: ReadonlyMap<string, Map<string, string>>): string {
  const deps = [...(pinned.get(path) ?? new Map<string, string>())].sort(([a], [b]) =>
    a < b ? -1 : 1,
  );
  if (path.endsWith('requirements.txt')) return deps.map(([d, v]) => `${d}==${v}\n`).join('');
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const name = dir === '' ? 'shop' : `@trailhead/${dir.slice(dir.lastIndexOf('/') + 1)}`;
  const key = dir === '' ? 'devDependencies' : 'dependencies';
  const manifest = {
    name,
    version: '1.0.0',
    private: true,
    ...(dir === '' ? { workspaces: ['apps/*', 'libs/*', 'services/*'] } : {}),
    [key]: Object.fromEntries(deps.map(([d, v]) => [d, `^${v}`])),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function commentPrefix(path: string): string {
  if (/\.(ts|tsx|mjs)$/.test(path)) return '//';
  if (path.endsWith('.md')) return '-';
  return '#';
}

function header(path: string): string {
  if (path.endsWith('.md')) {
    return `# ${path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : 'shop'}\n\n`;
  }
  if (path.endsWith('.sh')) return `#!/usr/bin/env bash\nset -euo pipefail\n`;
  return `${commentPrefix(path)} ${path}\n`;
}

/** The line a commit appends to a file, so that every commit really changes its files. */
function note(path: string, revision: number, message: string): string {
  const subject = message.split('\n', 1)[0] ?? '';
  return `${commentPrefix(path)} r${revision}: ${subject}\n`;
}

function initialFiles(pinned: ReadonlyMap<string, Map<string, string>>): Map<string, string> {
  const files = new Map<string, string>();
  const put = (path: string): void => {
    files.set(path, header(path));
  };
  for (const c of COMPS) {
    const dir = compDir(c);
    put(`${dir}/README.md`);
    if (c.kind === 'service') put(`${dir}/Dockerfile`);
    if (c.kind !== 'data') put(`${dir}/src/${c.kind === 'app' ? 'main.tsx' : 'index.ts'}`);
    for (const topic of c.topics) {
      put(topicFile(c, topic));
      put(testFile(c, topic));
    }
  }
  put(CHECKOUT_SDK);
  put('libs/checkout-sdk/README.md');
  for (const path of [...INFRA_FILES, BILLING_INFRA_FILE, ...SCRIPT_FILES, ...ROOT_FILES]) {
    put(path);
  }
  for (const m of pinned.keys()) files.set(m, renderManifest(m, pinned));
  files.set('.mailmap', DEMO_MAILMAP);
  files.set('.github/CODEOWNERS', DEMO_CODEOWNERS);
  files.set('.github/dependabot.yml', DEPENDABOT_CONFIG);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}
