import { toYaml } from './arbitraries.js';

const B = 'backstage.io/v1alpha1';
const O = 'orgwire.dev/v1alpha1';
const metadata = (name: string) => ({
  name,
  namespace: 'default',
  title: 'A title',
  description: 'What it is',
  labels: { tier: 'one' },
  annotations: {
    'orgwire.dev/team-type': 'stream-aligned',
    'orgwire.dev/request-sla': '14d',
    'orgwire.dev/emails': 'a@example.com, b@example.com',
    'orgwire.dev/paths': 'src/**, !src/generated/**',
    'orgwire.dev/availability': '99.9',
    'orgwire.dev/async-dependencies': 'component:mailer',
    'github.com/team-slug': 'org/payments',
    'github.com/user-login': 'alice',
  },
  tags: ['java', 'lang:go'],
  links: [{ url: 'https://example.com', title: 'Home' }],
});

/** A valid entity of every kind orgwire reads, each with every field its schema knows. */
export const TEMPLATES: Record<string, unknown> = {
  Group: {
    apiVersion: B,
    kind: 'Group',
    metadata: metadata('payments'),
    spec: {
      type: 'team',
      profile: { displayName: 'Payments', email: 'pay@example.com', picture: 'p.png' },
      parent: 'org',
      children: [],
      members: ['alice'],
      interactions: [
        {
          with: 'org',
          mode: 'x-as-a-service',
          purpose: 'why',
          since: '2025-01-01',
          until: '2026-01-01',
        },
      ],
    },
  },
  User: {
    apiVersion: B,
    kind: 'User',
    metadata: metadata('alice'),
    spec: {
      profile: { displayName: 'Alice', email: 'alice@example.com', picture: 'a.png' },
      memberOf: ['payments'],
    },
  },
  Component: {
    apiVersion: B,
    kind: 'Component',
    metadata: metadata('checkout'),
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'payments',
      system: 'shop',
      subcomponentOf: 'mailer',
      providesApis: ['pay-api'],
      consumesApis: ['pay-api'],
      dependsOn: ['component:mailer', 'resource:db'],
      dependencyOf: ['component:mailer'],
    },
  },
  API: {
    apiVersion: B,
    kind: 'API',
    metadata: metadata('pay-api'),
    spec: {
      type: 'openapi',
      lifecycle: 'production',
      owner: 'payments',
      definition: { $text: 'openapi.yaml' },
      system: 'shop',
    },
  },
  System: {
    apiVersion: B,
    kind: 'System',
    metadata: metadata('shop'),
    spec: { owner: 'payments', domain: 'commerce', type: 'product' },
  },
  Domain: {
    apiVersion: B,
    kind: 'Domain',
    metadata: metadata('commerce'),
    spec: { owner: 'payments', subdomainOf: 'commerce', type: 'area' },
  },
  Resource: {
    apiVersion: B,
    kind: 'Resource',
    metadata: metadata('db'),
    spec: {
      type: 'database',
      owner: 'payments',
      system: 'shop',
      dependsOn: ['component:mailer'],
      dependencyOf: ['component:checkout'],
    },
  },
  Goal: {
    apiVersion: O,
    kind: 'Goal',
    metadata: metadata('faster'),
    spec: {
      description: 'Faster checkout',
      metric: { name: 'p95', unit: 'ms', baseline: 900, target: 300, by: '2026-12-31' },
      accountable: 'alice',
      owner: 'payments',
      parent: 'goal:faster',
    },
  },
  Bet: {
    apiVersion: O,
    kind: 'Bet',
    metadata: metadata('cache'),
    spec: {
      hypothesis: 'A cache halves latency',
      goal: 'faster',
      accountable: 'alice',
      responsible: ['payments'],
      needs: ['group:org'],
      shot: { metric: 'p95', from: 900, to: 450, by: '2026-06-30', confidence: 0.6, kill: 'no' },
      decideBy: '2026-07-01',
      status: 'active',
      outcome: { value: 500, decidedAt: '2026-07-01', note: 'half' },
    },
  },
  Learning: {
    apiVersion: O,
    kind: 'Learning',
    metadata: metadata('lesson'),
    spec: {
      bet: 'cache',
      incident: 'INC-1',
      situation: 's',
      complication: 'c',
      resolution: 'r',
      lessons: ['one'],
      date: '2026-07-02',
      authors: ['alice'],
    },
  },
};

/** The rest of a small organisation, so that the references above resolve. */
export const REST = [
  {
    apiVersion: B,
    kind: 'Group',
    metadata: { name: 'org' },
    spec: { type: 'organization', children: ['payments'] },
  },
  {
    apiVersion: B,
    kind: 'Component',
    metadata: { name: 'mailer' },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
  },
];

export const KINDS = Object.keys(TEMPLATES);
export const catalogText = (docs: readonly unknown[]) => docs.map(toYaml).join('---\n');
/** The mutated document among a few valid ones it refers to (a whole catalog is slow to parse). */
export const withOthers = (kind: string, doc: unknown) =>
  catalogText([
    doc,
    ...(kind === 'Group' ? [] : [TEMPLATES.Group]),
    ...(kind === 'User' ? [] : [TEMPLATES.User]),
    ...REST,
  ]);
