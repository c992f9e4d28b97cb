#!/usr/bin/env node
// A synthetic organisation the size of a large company, for the serve benchmark.
//
//   npm run build && node bench/generate-org.mjs OUTDIR [--teams 1000] [--users 10000]
//       [--components 20000] [--commits 1000000] [--seed 1] [--department-size 50] [--force]
//
// Writes into OUTDIR, the same bytes for the same flags (one seeded PRNG per part, so
// changing --commits leaves the catalog as it was):
//
//   catalog/*.yaml  Groups (an organisation, departments of ~50 teams, the teams with their
//                   Team Topologies types, declared interactions and request promises),
//                   Users, Components (one folder each, services/NAME/**, with synchronous
//                   dependsOn chains, a few cycles and availability objectives), APIs,
//                   Systems, Goals, Bets and Learnings, in the demo catalog's shapes.
//   repo/           a git repository whose HEAD holds services/NAME/index.ts for every
//                   component, written by one `git fast-import` commit.
//   orgwire.db      the store, holding --commits commits of history for repo/ over the 360
//                   days before 2026-10-30, written through orgwire's own store API
//                   (dist/store) a batch per transaction. Its tip is repo/'s real HEAD, so
//                   `orgwire analyze|serve --repo OUTDIR/repo --db OUTDIR/orgwire.db` finds
//                   nothing new to ingest and analyses the stored history at once.
//   requests.csv    a plain request export: teams asking platform teams for work.
//   org.json        the flags and counts, written last: its presence means OUTDIR is whole.
//
// The history is shaped like real work: a team mostly changes its own components, often
// together with their dependencies; some commits reach into neighbouring teams'
// components (coordination needs, some declared, most not), a few have co-authors, a
// few are bots or people who are not in the catalog.
//
// Prints how long each step took. Memory stays bounded: commits are generated and saved
// in batches of 5,000.
//
// Exit status: 0 when written; 2 when the input is wrong (bad flags, OUTDIR not empty
// without --force, orgwire not built); 1 when a step failed (git, the store).

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { devNull } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { since, timedSteps } from './common.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STORE = join(ROOT, 'dist', 'store', 'index.js');

/** The last day of the history, as in the demo ("today" is 2026-10-30). */
const END = Date.UTC(2026, 9, 30, 17, 0, 0) / 1000;
const DAY = 86_400;
const HISTORY_DAYS = 360;
const BATCH = 5_000;
const DOMAIN = 'bench.orgwire.example';

const DEFAULTS = {
  teams: 1000,
  users: 10000,
  components: 20000,
  commits: 1000000,
  seed: 1,
  departmentSize: 50,
};

const USAGE = `Usage: node bench/generate-org.mjs OUTDIR [--teams N] [--users N] [--components N]
                                      [--commits N] [--seed N] [--department-size N] [--force]

Writes a synthetic organisation into OUTDIR: catalog/, repo/ (a git repository),
orgwire.db (the store, with the history already ingested) and requests.csv.
Build first: npm run build.

  --teams N       teams (default ${DEFAULTS.teams}; at least 4)
  --users N       people (default ${DEFAULTS.users}; at least one per team)
  --components N  components (default ${DEFAULTS.components}; at least one per team)
  --commits N     commits of history (default ${DEFAULTS.commits}; at least 1)
  --seed N        the random seed (default ${DEFAULTS.seed})
  --department-size N
                  teams per department, roughly (default ${DEFAULTS.departmentSize})
  --force         replace what an earlier run wrote into OUTDIR
`;

/** Wrong input: says what and how to fix it, exits 2. */
function refuse(message) {
  process.stderr.write(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { ...DEFAULTS, outdir: undefined, force: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const key = flag.slice(2).replace(/-(\w)/g, (_, c) => c.toUpperCase());
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (arg === '--force') {
      options.force = true;
    } else if (key in DEFAULTS) {
      const value = inline ?? argv[++i];
      const n = Number(value);
      if (!Number.isSafeInteger(n) || n < (key === 'seed' ? 0 : 1)) {
        refuse(`${flag} takes a whole number${key === 'seed' ? '' : ' ≥ 1'}, not "${value}".`);
      }
      options[key] = n;
    } else if (arg.startsWith('-')) {
      refuse(`unknown option ${arg}.`);
    } else if (options.outdir === undefined) {
      options.outdir = arg;
    } else {
      refuse(`one OUTDIR only, got "${options.outdir}" and "${arg}".`);
    }
  }
  if (options.outdir === undefined) refuse('OUTDIR is missing.');
  if (options.teams < 4) refuse('--teams must be at least 4 (every team type needs one).');
  if (options.users < options.teams) refuse('--users must be at least --teams.');
  if (options.components < options.teams) refuse('--components must be at least --teams.');
  return options;
}

// --- randomness ---------------------------------------------------------------------------

/** mulberry32: a small, fast 32-bit PRNG; good enough for synthetic data. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PRNG per part of the output (FNV-1a of seed and name), so parts do not shift each other. */
function stream(seed, name) {
  let h = 0x811c9dc5;
  for (const ch of `${seed}:${name}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  const random = mulberry32(h);
  const int = (n) => Math.floor(random() * n);
  return {
    random,
    /** A whole number in [0, n). */
    int,
    /** A whole number in [lo, hi]. */
    between: (lo, hi) => lo + int(hi - lo + 1),
    pick: (xs) => xs[int(xs.length)],
    chance: (p) => random() < p,
    /** Index into n items, skewed towards the first (a few components get most changes). */
    skewed: (n, power = 2) => Math.min(n - 1, Math.floor(n * random() ** power)),
  };
}

// --- names and helpers ---------------------------------------------------------------------

const FIRST =
  `Ada Alan Amara Ana Arjun Astrid Bea Bruno Carla Chen Dana Diego Elif Emil Eva Farah Felix
Gita Hana Hugo Ines Ivan Jana Jonas Kai Kenji Lara Leon Lina Luca Maya Mei Mila Nadia Nils Noor Olga
Omar Pia Priya Rafael Rosa Sami Sara Tariq Teo Una Vera Wen Yara Yusuf Zoe`.split(/\s+/);
const LAST = `Abe Bakker Banda Berg Costa Dahl Diaz Eze Falk Fischer Garcia Haas Ito Jansen Kaya
Khan Kim Kowalski Lang Lopez Mensah Meyer Moreau Nair Novak Okafor Ortiz Park Patel Quinn Rossi
Sato Schmidt Silva Singh Sousa Tan Torres Ueda Vargas Wang Weber Xu Yilmaz Zhang`.split(/\s+/);
const ADJ = `Amber Arctic Blue Bright Cedar Copper Coral Crimson Delta Ember Emerald Falcon Golden
Granite Harbor Indigo Iron Jade Juniper Lunar Maple Nimbus Onyx Orbit Pine Quartz Raven Ruby Sage
Silver Solar Spruce Storm Summit Tidal Topaz Velvet Willow Zenith Aurora`.split(/\s+/);
const AREA = `Accounts Ads Analytics Auth Basket Billing Catalog Checkout Claims Content Delivery
Discovery Fraud Fulfilment Identity Inventory Invoicing Ledger Logistics Loyalty Maps Messaging
Mobile Notifications Onboarding Orders Partners Payments Pricing Profiles Promotions Ratings
Recommendations Refunds Returns Search Shipping Stock Subscriptions Support Tax Telemetry`.split(
  /\s+/,
);
const REQUEST_TYPES = [
  'access request',
  'new environment',
  'config change',
  'capacity increase',
  'new integration',
  'data export',
  'incident follow-up',
];

const pad = (n, width) => String(n).padStart(width, '0');
/** A YAML scalar: JSON strings are valid YAML double-quoted scalars. */
const q = (s) => JSON.stringify(s);
const isoDay = (seconds) => new Date(seconds * 1000).toISOString().slice(0, 10);
const thousands = (n) => n.toLocaleString('en');

/** Weighted choice over prefix sums `cum` (ascending), by binary search. */
function weighted(cum, r) {
  const x = r * cum[cum.length - 1];
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// --- the organisation ---------------------------------------------------------------------

const TEAM_TYPE_CYCLE = [
  'platform',
  'stream-aligned',
  'stream-aligned',
  'enabling',
  'stream-aligned',
  'stream-aligned',
  'platform',
  'stream-aligned',
  'complicated-subsystem',
  'stream-aligned',
  'stream-aligned',
  'stream-aligned',
  'platform',
  'stream-aligned',
  'stream-aligned',
  'stream-aligned',
  'stream-aligned',
  'stream-aligned',
  'stream-aligned',
  'stream-aligned',
];

/**
 * Everything the catalog, the history and the requests share: teams, people, components
 * and who works with whom. Arrays are 0-based; names are 1-based (team-0001).
 */
function buildOrg(options) {
  const r = stream(options.seed, 'org');
  const T = options.teams;
  const U = options.users;
  const C = options.components;
  const departments = Math.max(1, Math.round(T / options.departmentSize));
  const teamDigits = Math.max(4, String(T).length);
  const userDigits = Math.max(5, String(U).length);
  const compDigits = Math.max(5, String(C).length);

  const teams = Array.from({ length: T }, (_, i) => ({
    i,
    name: `team-${pad(i + 1, teamDigits)}`,
    title: `${ADJ[i % ADJ.length]} ${AREA[Math.floor(i / ADJ.length) % AREA.length]}`,
    type: TEAM_TYPE_CYCLE[i % TEAM_TYPE_CYCLE.length],
    department: Math.min(departments - 1, Math.floor((i * departments) / T)),
    // How busy the team is in git: a few teams do much of the work.
    activity: 0.2 + 3 * r.random() ** 3,
    members: [],
    components: [],
    neighbours: [],
    interactions: [],
    sla: undefined,
  }));
  const byType = (type) => teams.filter((t) => t.type === type);
  const platform = byType('platform');
  const streamAligned = byType('stream-aligned');
  for (const [k, t] of platform.entries()) if (k % 2 === 0) t.sla = r.pick(['5d', '14d', '2w']);

  const deptTeams = Array.from({ length: departments }, () => []);
  for (const t of teams) deptTeams[t.department].push(t);

  // Neighbours: the teams whose components a team's work reaches into. Mostly its own
  // department, one platform team, sometimes anywhere.
  for (const t of teams) {
    const near = deptTeams[t.department].filter((o) => o !== t);
    const want = new Set();
    const n = r.between(2, 3);
    for (let k = 0; k < n * 4 && want.size < n && near.length > 0; k++) want.add(r.pick(near));
    const p = r.pick(platform);
    if (p !== t) want.add(p);
    if (r.chance(0.3)) {
      const far = r.pick(teams);
      if (far !== t) want.add(far);
    }
    t.neighbours = [...want];
  }

  // Declared interactions: about a third of the neighbour relations, in the mode the team
  // types suggest, declared by the providing or enabling side.
  const declared = new Set();
  for (const t of teams) {
    for (const n of t.neighbours) {
      const key = t.i < n.i ? `${t.i}:${n.i}` : `${n.i}:${t.i}`;
      if (declared.has(key) || !r.chance(0.35)) continue;
      declared.add(key);
      if (n.type === 'platform') {
        n.interactions.push({
          with: t,
          mode: 'x-as-a-service',
          purpose: `${n.title} as a service`,
        });
      } else if (t.type === 'enabling') {
        const start = END - r.between(30, 300) * DAY;
        t.interactions.push({
          with: n,
          mode: 'facilitating',
          purpose: 'Coaching on testing and delivery',
          since: isoDay(start),
          ...(r.chance(0.5) ? { until: isoDay(start + r.between(30, 120) * DAY) } : {}),
        });
      } else {
        t.interactions.push({
          with: n,
          mode: 'collaboration',
          purpose: `${t.title} and ${n.title} together`,
          since: isoDay(END - r.between(60, 500) * DAY),
        });
      }
    }
  }

  const users = Array.from({ length: U }, (_, j) => {
    const team = teams[j % T];
    const first = FIRST[j % FIRST.length];
    const last = LAST[Math.floor(j / FIRST.length) % LAST.length];
    const name = `user-${pad(j + 1, userDigits)}`;
    const user = {
      j,
      name,
      displayName: `${first} ${last}`,
      email: `${name}@${DOMAIN}`,
      teams: [team],
    };
    team.members.push(user);
    return user;
  });
  // One person in a hundred works in two teams.
  for (const u of users) {
    if (!r.chance(0.01)) continue;
    const other = r.pick(u.teams[0].neighbours);
    if (other && !u.teams.includes(other)) {
      u.teams.push(other);
      other.members.push(u);
    }
  }

  const components = Array.from({ length: C }, (_, k) => {
    const team = teams[k % T];
    const c = {
      k,
      name: `svc-${pad(k + 1, compDigits)}`,
      title: `${AREA[k % AREA.length]} ${r.pick(['service', 'worker', 'gateway', 'store', 'engine'])} ${k + 1}`,
      team,
      type: r.chance(0.8) ? 'service' : r.chance(0.5) ? 'library' : 'website',
      availability: r.chance(0.4) ? r.pick(['99.9', '99.95', '99.99']) : undefined,
      dependsOn: [],
      asyncDependency: undefined,
      providesApis: [],
      consumesApis: [],
      /** Components it usually changes together with. */
      buddies: [],
    };
    team.components.push(c);
    return c;
  });

  // Synchronous chains: dependencies on earlier components only (a DAG) — mostly the own
  // team's, sometimes a neighbour's — then a few back edges make cycles.
  for (const c of components) {
    if (c.k === 0 || !r.chance(0.6)) continue;
    const n = r.between(1, 2);
    for (let m = 0; m < n; m++) {
      const own = c.team.components.filter((o) => o.k < c.k);
      let target;
      if (own.length > 0 && r.chance(0.65)) {
        target = own[own.length - 1 - r.skewed(own.length, 1.5)];
      } else {
        const n2 = r.pick(c.team.neighbours) ?? c.team;
        const theirs = n2.components.filter((o) => o.k < c.k);
        target = theirs.length > 0 ? r.pick(theirs) : components[r.int(c.k)];
      }
      if (target && target !== c && !c.dependsOn.includes(target)) c.dependsOn.push(target);
    }
    if (c.dependsOn.length > 0 && r.chance(0.05)) c.asyncDependency = r.pick(c.dependsOn);
  }
  const cycles = Math.max(1, Math.round(C / 5000));
  for (let m = 0, tries = 0; m < cycles && tries < C; tries++) {
    const c = components[r.int(C)];
    const target = c.dependsOn[0];
    if (!target || target.dependsOn.includes(c)) continue;
    target.dependsOn.push(c);
    m++;
  }
  for (const c of components) {
    const same = c.team.components.filter((o) => o !== c);
    const buddies = new Set(c.dependsOn.slice(0, 2));
    for (let m = 0; m < 2 && same.length > 0; m++) buddies.add(r.pick(same));
    c.buddies = [...buddies];
  }

  // APIs: provided by one component, consumed by a few others (synchronous unless listed
  // as async on the consumer).
  const apiCount = Math.max(1, Math.round(C / 40));
  const apis = Array.from({ length: apiCount }, (_, a) => {
    const provider = components[r.int(C)];
    const api = {
      name: `api-${pad(a + 1, 4)}`,
      title: `${AREA[a % AREA.length]} API ${a + 1}`,
      provider,
      type: r.pick(['openapi', 'openapi', 'grpc', 'asyncapi']),
      availability: r.chance(0.3) ? r.pick(['99.9', '99.95']) : undefined,
    };
    provider.providesApis.push(api);
    const consumers = r.between(1, 4);
    for (let m = 0; m < consumers; m++) {
      const near = r.pick(provider.team.neighbours) ?? provider.team;
      const consumer =
        r.chance(0.7) && near.components.length ? r.pick(near.components) : components[r.int(C)];
      if (consumer !== provider && !consumer.consumesApis.includes(api)) {
        consumer.consumesApis.push(api);
      }
    }
    return api;
  });

  // Systems: one per ten teams, owned by the first of them.
  const systemCount = Math.max(1, Math.round(T / 10));
  const systems = Array.from({ length: systemCount }, (_, s) => ({
    name: `sys-${pad(s + 1, 3)}`,
    title: `${AREA[s % AREA.length]} system`,
    owner: teams[Math.min(T - 1, Math.floor((s * T) / systemCount))],
  }));
  for (const t of teams)
    t.system = systems[Math.min(systemCount - 1, Math.floor((t.i * systemCount) / T))];

  return {
    teams,
    departments,
    deptTeams,
    platform,
    streamAligned,
    users,
    components,
    apis,
    systems,
  };
}

// --- the catalog --------------------------------------------------------------------------

function groupsYaml(org) {
  const docs = [];
  docs.push(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: engineering
  title: Engineering
  description: The whole synthetic engineering organisation.
spec:
  type: organization
  profile:
    displayName: Engineering
    email: ${q(`engineering@${DOMAIN}`)}
  children:
${Array.from({ length: org.departments }, (_, d) => `    - dept-${pad(d + 1, 2)}`).join('\n')}`);
  for (let d = 0; d < org.departments; d++) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: dept-${pad(d + 1, 2)}
  title: ${q(`Department ${d + 1}`)}
spec:
  type: department
  parent: engineering
  children:
${org.deptTeams[d].map((t) => `    - ${t.name}`).join('\n')}`);
  }
  for (const t of org.teams) {
    const annotations = [
      `    github.com/team-slug: ${q(`bench/${t.name}`)}`,
      `    orgwire.dev/team-type: ${q(t.type)}`,
      ...(t.sla ? [`    orgwire.dev/request-sla: ${q(t.sla)}`] : []),
    ];
    const interactions = t.interactions.map((x) =>
      [
        `    - with: ${x.with.name}`,
        `      mode: ${x.mode}`,
        `      purpose: ${q(x.purpose)}`,
        ...(x.since ? [`      since: ${q(x.since)}`] : []),
        ...(x.until ? [`      until: ${q(x.until)}`] : []),
      ].join('\n'),
    );
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${t.name}
  title: ${q(t.title)}
  description: ${q(`${t.title}: a ${t.type} team of ${t.members.length}.`)}
  annotations:
${annotations.join('\n')}
spec:
  type: team
  profile:
    displayName: ${q(t.title)}
    email: ${q(`${t.name}@${DOMAIN}`)}
  parent: dept-${pad(t.department + 1, 2)}
  children: []
  members:${t.members.length ? `\n${t.members.map((u) => `    - ${u.name}`).join('\n')}` : ' []'}${interactions.length ? `\n  interactions:\n${interactions.join('\n')}` : ''}`);
  }
  return docs;
}

function userYaml(u) {
  return `apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ${u.name}
spec:
  profile:
    displayName: ${q(u.displayName)}
    email: ${q(u.email)}
  memberOf:
${u.teams.map((t) => `    - ${t.name}`).join('\n')}`;
}

function componentYaml(c) {
  const annotations = [
    `    orgwire.dev/paths: ${q(`services/${c.name}/**`)}`,
    ...(c.availability ? [`    orgwire.dev/availability: ${q(c.availability)}`] : []),
    ...(c.asyncDependency
      ? [`    orgwire.dev/async-dependencies: ${q(`component:${c.asyncDependency.name}`)}`]
      : []),
  ];
  const list = (key, items) =>
    items.length ? `\n  ${key}:\n${items.map((x) => `    - ${x}`).join('\n')}` : '';
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${c.name}
  title: ${q(c.title)}
  annotations:
${annotations.join('\n')}
spec:
  type: ${c.type}
  lifecycle: production
  owner: ${c.team.name}
  system: ${c.team.system.name}${list(
    'providesApis',
    c.providesApis.map((a) => a.name),
  )}${list(
    'consumesApis',
    c.consumesApis.map((a) => a.name),
  )}${list(
    'dependsOn',
    c.dependsOn.map((d) => `component:${d.name}`),
  )}`;
}

function apiYaml(a) {
  const definition = {
    openapi: `    openapi: 3.0.3\n    info:\n      title: ${a.title}\n      version: 1.0.0\n    paths:\n      /things/{id}:\n        get:\n          responses:\n            '200': { description: One thing }`,
    grpc: `    syntax = "proto3";\n    service Thing {\n      rpc Get (GetRequest) returns (Thing);\n    }`,
    asyncapi: `    asyncapi: 2.6.0\n    info:\n      title: ${a.title}\n      version: 1.0.0\n    channels:\n      things.v1: {}`,
  }[a.type];
  return `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: ${a.name}
  title: ${q(a.title)}${a.availability ? `\n  annotations:\n    orgwire.dev/availability: ${q(a.availability)}` : ''}
spec:
  type: ${a.type}
  lifecycle: production
  owner: ${a.provider.team.name}
  system: ${a.provider.team.system.name}
  definition: |
${definition}`;
}

function systemYaml(s) {
  return `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: ${s.name}
  title: ${q(s.title)}
spec:
  owner: ${s.owner.name}`;
}

/** Goals, bets and learnings: alignment data in the demo's shapes. */
function alignmentYaml(org, options) {
  const r = stream(options.seed, 'alignment');
  const T = org.teams.length;
  const goalCount = Math.max(5, Math.round(T / 20));
  const companyCount = Math.max(1, Math.round(goalCount / 10));
  const lead = (team) => team.members[0] ?? org.users[0];
  const goals = Array.from({ length: goalCount }, (_, g) => {
    const company = g < companyCount;
    const owner = company ? null : org.teams[r.int(T)];
    return {
      name: `goal-${pad(g + 1, 3)}`,
      title: `${AREA[g % AREA.length]} ${company ? 'company goal' : 'goal'}`,
      company,
      owner,
      accountable: company ? org.users[0] : lead(owner),
      parent: company ? undefined : `goal-${pad(r.int(companyCount) + 1, 3)}`,
      baseline: r.between(10, 60),
      target: 0,
      by: isoDay(END + r.between(60, 240) * DAY),
    };
  });
  for (const goal of goals) goal.target = goal.baseline + r.between(2, 20);
  const goalDocs = goals.map(
    (g) => `apiVersion: orgwire.dev/v1alpha1
kind: Goal
metadata:
  name: ${g.name}
  title: ${q(g.title)}
  description: ${q(`Move ${g.title.toLowerCase()} from ${g.baseline} to ${g.target}.`)}
spec:
  metric:
    name: ${q(`${g.title} metric`)}
    unit: "%"
    baseline: ${g.baseline}
    target: ${g.target}
    by: ${q(g.by)}
  accountable: ${g.accountable.name}
  owner: ${g.company ? 'engineering' : g.owner.name}${g.parent ? `\n  parent: ${g.parent}` : ''}`,
  );

  const teamGoals = goals.filter((g) => !g.company);
  const betCount = Math.max(6, Math.round(T * 0.3));
  const STATUS = [
    ['active', 0.4],
    ['proposed', 0.15],
    ['won', 0.2],
    ['lost', 0.1],
    ['killed', 0.05],
    ['inconclusive', 0.1],
  ];
  const statusOf = (x) => {
    let acc = 0;
    for (const [s, p] of STATUS) {
      acc += p;
      if (x < acc) return s;
    }
    return 'active';
  };
  const bets = Array.from({ length: betCount }, (_, b) => {
    const team = r.chance(0.8) ? r.pick(org.streamAligned) : org.teams[r.int(T)];
    const responsible = [team];
    if (r.chance(0.15)) {
      const other = r.pick(team.neighbours);
      if (other) responsible.push(other);
    }
    const needs = new Set();
    const n = r.between(1, 6);
    for (let k = 0; k < n; k++) {
      const owner = r.chance(0.6) ? team : (r.pick(team.neighbours) ?? team);
      if (owner.components.length) needs.add(`${r.pick(owner.components).name}`);
    }
    if (r.chance(0.1)) needs.add(`api:${r.pick(org.apis).name}`);
    // Every status at least once, however small the organisation.
    const status = b < STATUS.length ? STATUS[b][0] : statusOf(r.random());
    const decided = ['won', 'lost', 'killed', 'inconclusive'].includes(status);
    // Decided bets lie in the past; open ones around today, some already overdue.
    const decideBy = decided ? END - r.between(10, 300) * DAY : END + r.between(-45, 200) * DAY;
    const goal = r.chance(0.95) ? r.pick(teamGoals) : undefined;
    const from = r.between(10, 60);
    const to = from + r.between(1, 10);
    const outcome = decided
      ? {
          value: status === 'won' ? to : status === 'inconclusive' ? from + 1 : from,
          decidedAt: isoDay(decideBy - r.between(0, 7) * DAY),
        }
      : undefined;
    return {
      name: `bet-${pad(b + 1, 4)}`,
      title: `${AREA[b % AREA.length]} bet ${b + 1}`,
      team,
      responsible,
      needs: [...needs],
      status,
      decideBy,
      goal,
      from,
      to,
      confidence: Math.round((0.3 + 0.6 * r.random()) * 100) / 100,
      outcome,
    };
  });
  const betDocs = bets.map(
    (b) => `apiVersion: orgwire.dev/v1alpha1
kind: Bet
metadata:
  name: ${b.name}
  title: ${q(b.title)}
spec:
  hypothesis: ${q(`If ${b.team.title} changes ${b.needs.length} things, the metric moves from ${b.from} to ${b.to}.`)}${b.goal ? `\n  goal: ${b.goal.name}` : ''}
  accountable: ${lead(b.team).name}
  responsible:
${b.responsible.map((t) => `    - ${t.name}`).join('\n')}
  needs:
${b.needs.map((x) => `    - ${x}`).join('\n')}
  shot:
    metric: ${q(`${b.title} metric`)}
    from: ${b.from}
    to: ${b.to}
    by: ${q(isoDay(b.decideBy - 7 * DAY))}
    confidence: ${b.confidence}
    kill: ${q(`Below ${b.from + 1} four weeks after launch.`)}
  decideBy: ${q(isoDay(b.decideBy))}
  status: ${b.status}${
    b.outcome
      ? `\n  outcome:\n    value: ${b.outcome.value}\n    decidedAt: ${q(b.outcome.decidedAt)}\n    note: ${q(`Decided ${b.status}.`)}`
      : ''
  }`,
  );

  const learningCount = Math.max(2, Math.round(betCount / 6));
  const failed = bets.filter((b) => b.status === 'lost' || b.status === 'killed');
  const learningDocs = Array.from({ length: learningCount }, (_, l) => {
    const bet = l < Math.round(learningCount * 0.8) ? failed[l] : undefined;
    const team = bet?.team ?? org.teams[r.int(T)];
    const authors = [...new Set(team.members.slice(0, r.between(1, 3)))];
    const link = bet
      ? `bet: ${bet.name}`
      : `incident: ${q(`INC-${1000 + l}: ${team.title} was down for ${r.between(5, 90)} minutes.`)}`;
    return `apiVersion: orgwire.dev/v1alpha1
kind: Learning
metadata:
  name: learning-${pad(l + 1, 3)}
  title: ${q(`What ${team.title} learned (${l + 1})`)}
spec:
  ${link}
  situation: ${q('We expected the change to move the metric.')}
  complication: ${q('It did not: the users we counted on behaved differently.')}
  resolution: ${q('We rolled it back and wrote down why.')}
  lessons:
    - ${q('Call the shot on the metric the goal names.')}
    - ${q('Check the kill criterion weekly.')}
  date: ${q(isoDay(bet ? bet.decideBy : END - r.between(5, 300) * DAY))}
  authors:
${(authors.length ? authors : [org.users[0]]).map((u) => `    - ${u.name}`).join('\n')}`;
  });
  return {
    goalDocs,
    betDocs,
    learningDocs,
    counts: { goals: goalCount, bets: betCount, learnings: learningCount },
  };
}

function writeYaml(file, comment, docs) {
  writeFileSync(file, `# ${comment}\n${docs.join('\n---\n')}\n`);
}

function writeCatalog(dir, org, options) {
  mkdirSync(dir, { recursive: true });
  const note = 'Generated by bench/generate-org.mjs; do not edit.';
  writeYaml(
    join(dir, 'groups.yaml'),
    `${note} The organisation, departments and teams.`,
    groupsYaml(org),
  );
  const CHUNK = 2000;
  const chunked = (items, prefix, render, what) => {
    for (let start = 0, n = 1; start < items.length; start += CHUNK, n++) {
      writeYaml(
        join(dir, `${prefix}-${pad(n, 2)}.yaml`),
        `${note} ${what} ${start + 1}–${Math.min(items.length, start + CHUNK)}.`,
        items.slice(start, start + CHUNK).map(render),
      );
    }
  };
  chunked(org.users, 'users', userYaml, 'Users');
  chunked(org.components, 'components', componentYaml, 'Components');
  writeYaml(join(dir, 'apis.yaml'), `${note} APIs.`, org.apis.map(apiYaml));
  writeYaml(join(dir, 'systems.yaml'), `${note} Systems.`, org.systems.map(systemYaml));
  const alignment = alignmentYaml(org, options);
  writeYaml(join(dir, 'goals.yaml'), `${note} Goals.`, alignment.goalDocs);
  writeYaml(join(dir, 'bets.yaml'), `${note} Bets.`, alignment.betDocs);
  writeYaml(join(dir, 'learnings.yaml'), `${note} Learnings.`, alignment.learningDocs);
  return alignment.counts;
}

// --- the repository -----------------------------------------------------------------------

/** The environment without inherited GIT_* variables or system and global config. */
function gitEnv() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('GIT_')) env[key] = value;
  }
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: devNull, GIT_TERMINAL_PROMPT: '0' };
}

/** Runs git, streaming `input` (an iterable of Buffers) to its stdin with back-pressure. */
function git(args, input) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', args, {
      env: gitEnv(),
      stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`git ${args.join(' ')} failed (exit ${code}): ${stderr.trim()}`));
    });
    if (input) {
      const stdin = child.stdin;
      stdin.on('error', () => {}); // an early exit is reported by 'close'
      const chunks = input[Symbol.iterator]();
      const pump = () => {
        for (let next = chunks.next(); !next.done; next = chunks.next()) {
          if (!stdin.write(next.value)) {
            stdin.once('drain', pump);
            return;
          }
        }
        stdin.end();
      };
      pump();
    }
  });
}

function data(text) {
  const body = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from(`data ${body.length}\n`), body, Buffer.from('\n')]);
}

/** One commit holding services/NAME/index.ts for every component. */
function* fastImport(org) {
  const author = org.users[0];
  const who = `${author.displayName} <${author.email}> ${END} +0000`;
  yield Buffer.from(`commit refs/heads/main\nmark :1\nauthor ${who}\ncommitter ${who}\n`);
  yield data('Synthetic organisation for the orgwire serve benchmark\n');
  for (const c of org.components) {
    yield Buffer.from(`M 100644 inline services/${c.name}/index.ts\n`);
    yield data(`// ${c.title}, owned by ${c.team.name}.\nexport const name = '${c.name}';\n`);
  }
  yield Buffer.from('\ndone\n');
}

async function writeRepo(dir, org) {
  mkdirSync(dir, { recursive: true });
  await git(['init', '-q', '-b', 'main', dir]);
  await git(['-C', dir, 'fast-import', '--quiet', '--done'], fastImport(org));
  await git(['-C', dir, 'reset', '-q', '--hard', 'main']);
  const head = spawnSync('git', ['-C', dir, 'rev-parse', 'HEAD'], {
    env: gitEnv(),
    encoding: 'utf8',
  });
  if (head.status !== 0) throw new Error(`git rev-parse HEAD failed: ${head.stderr}`);
  return head.stdout.trim();
}

// --- the history --------------------------------------------------------------------------

const BOT = { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' };

/**
 * The commits, oldest first (history order, as saveBatch expects), `size` at a time.
 * Author times rise steadily over the 360 days before END.
 */
function* commitBatches(org, options, size) {
  const r = stream(options.seed, 'commits');
  const N = options.commits;
  const start = END - HISTORY_DAYS * DAY;
  const span = HISTORY_DAYS * DAY;
  const cum = [];
  let total = 0;
  for (const t of org.teams) {
    total += t.members.length ? t.activity : 0;
    cum.push(total);
  }
  const externals = Array.from({ length: 20 }, (_, x) => ({
    name: `Contractor ${x + 1}`,
    email: `dev${x + 1}@contractor.example`,
  }));
  const person = (u) => ({ name: u.displayName, email: u.email });
  const path = (c) => `services/${c.name}/index.ts`;

  let batch = [];
  for (let i = 0; i < N; i++) {
    const time = start + Math.floor(((i + 1) * span) / N);
    const team = org.teams[weighted(cum, r.random())];
    const roll = r.random();
    const author =
      roll < 0.01 ? BOT : roll < 0.013 ? r.pick(externals) : person(r.pick(team.members));
    // Mostly the team's own components; sometimes a neighbour's (a coordination need).
    const home = r.chance(0.85) ? team : (r.pick(team.neighbours) ?? team);
    const primary = home.components[r.skewed(home.components.length, 1.7)];
    const files = new Set([path(primary)]);
    const x = r.random();
    const count = x < 0.55 ? 1 : x < 0.8 ? 2 : x < 0.92 ? 3 : 4;
    for (let f = 1; f < count; f++) {
      const other =
        primary.buddies.length && r.chance(0.8) ? r.pick(primary.buddies) : r.pick(team.components);
      files.add(path(other));
    }
    const coAuthors = [];
    const y = r.random();
    if (y < 0.04) {
      const n = r.pick(team.neighbours);
      if (n?.members.length) coAuthors.push(person(r.pick(n.members)));
    } else if (y < 0.07 && team.members.length > 1) {
      coAuthors.push(person(r.pick(team.members)));
    }
    batch.push({
      sha: createHash('sha1').update(`orgwire-bench:${options.seed}:${i}`).digest('hex'),
      time,
      author,
      coAuthors,
      parents: 1,
      files: [...files].map((p) => ({ path: p, status: 'M' })),
    });
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

async function writeDb(file, repoDir, head, org, options) {
  const { createDb, createStore, migrateToLatest } = await import(STORE);
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const db = createDb({ dialect: 'sqlite', file });
  const migrated = await migrateToLatest(db);
  if (migrated.error) {
    await db.destroy();
    throw migrated.error;
  }
  const store = createStore(db);
  try {
    // The path and label `orgwire analyze --repo OUTDIR/repo` will look it up by.
    const repo = await store.repository(resolve(repoDir), 'repo');
    let saved = 0;
    let reported = 0;
    const batches = commitBatches(org, options, BATCH);
    for (let next = batches.next(); !next.done; ) {
      const batch = next.value;
      next = batches.next();
      // The last batch ends at HEAD so that a later ingest finds nothing new; the others at
      // their own last commit, as an ingest leaves them.
      const tip = next.done ? head : batch[batch.length - 1].sha;
      await store.saveBatch(repo.id, 'HEAD', batch, tip);
      saved += batch.length;
      if (saved - reported >= 100_000 || next.done) {
        process.stderr.write(`  db: ${thousands(saved)} / ${thousands(options.commits)} commits\n`);
        reported = saved;
      }
    }
  } finally {
    await store.close();
  }
}

// --- requests -----------------------------------------------------------------------------

function writeRequests(file, org, options) {
  const r = stream(options.seed, 'requests');
  const count = org.teams.length * 20;
  const providers = org.platform;
  // Who asks each platform team: the teams that count it as a neighbour, one of them far
  // more than the others (the "embed" case); a stranger now and then.
  const askers = new Map(providers.map((p) => [p, []]));
  for (const t of org.teams) {
    for (const n of t.neighbours) if (askers.has(n)) askers.get(n).push(t);
  }
  // How slow each provider is: some keep their promise, some are a queue of weeks.
  const pace = new Map(
    providers.map((p) => [p, { wait: r.between(1, 40), work: r.between(1, 8) }]),
  );
  const start = END - HISTORY_DAYS * DAY;
  const rows = [];
  const seq = new Map();
  for (let n = 0; n < count; n++) {
    const provider = r.pick(providers);
    const mine = askers.get(provider);
    const requester =
      mine.length && r.chance(0.9)
        ? r.chance(0.4)
          ? mine[0]
          : r.pick(mine)
        : r.pick(org.streamAligned);
    if (requester === provider) continue;
    const created = start + r.int(HISTORY_DAYS * DAY);
    const { wait, work } = pace.get(provider);
    const started = created + Math.round(wait * DAY * (0.2 + 1.6 * r.random()));
    const done = started + Math.round(work * DAY * (0.5 + r.random()));
    const id = (seq.get(provider) ?? 0) + 1;
    seq.set(provider, id);
    rows.push({
      id: `${provider.name.toUpperCase()}-${id}`,
      requester: requester.name,
      provider: provider.name,
      created,
      started: started <= END ? started : undefined,
      done: done <= END ? done : undefined,
      type: r.pick(REQUEST_TYPES),
    });
  }
  rows.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
  const lines = ['id,requester,provider,created,started,done,type'];
  for (const row of rows) {
    lines.push(
      [
        row.id,
        row.requester,
        row.provider,
        isoDay(row.created),
        row.started === undefined ? '' : isoDay(row.started),
        row.done === undefined ? '' : isoDay(row.done),
        row.type,
      ].join(','),
    );
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return rows.length;
}

// --- main ---------------------------------------------------------------------------------

const OUTPUTS = [
  'catalog',
  'repo',
  'orgwire.db',
  'orgwire.db-wal',
  'orgwire.db-shm',
  'requests.csv',
  'org.json',
];

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(STORE)) refuse('orgwire is not built: run `npm run build` first.');
  const out = resolve(options.outdir);
  if (existsSync(out) && !statSync(out).isDirectory()) refuse(`${options.outdir} is not a folder.`);
  const present = existsSync(out) ? OUTPUTS.filter((name) => existsSync(join(out, name))) : [];
  if (present.length > 0 && !options.force) {
    refuse(`${options.outdir} already holds ${present.join(', ')}; pass --force to replace them.`);
  }
  for (const name of present) rmSync(join(out, name), { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const stray = readdirSync(out).filter((name) => !OUTPUTS.includes(name));
  if (stray.length > 0)
    process.stderr.write(`note: ${options.outdir} also holds ${stray.join(', ')}.\n`);

  const { step, times } = timedSteps();
  const t0 = performance.now();
  const org = await step('organisation model', () => buildOrg(options));
  const alignment = await step('catalog', () => writeCatalog(join(out, 'catalog'), org, options));
  const head = await step('git repository', () => writeRepo(join(out, 'repo'), org));
  await step('store (history)', () =>
    writeDb(join(out, 'orgwire.db'), join(out, 'repo'), head, org, options),
  );
  const requests = await step('requests.csv', () =>
    writeRequests(join(out, 'requests.csv'), org, options),
  );

  const counts = {
    groups: 1 + org.departments + org.teams.length,
    teams: org.teams.length,
    users: org.users.length,
    components: org.components.length,
    apis: org.apis.length,
    systems: org.systems.length,
    ...alignment,
    commits: options.commits,
    requests,
  };
  const dbBytes = statSync(join(out, 'orgwire.db')).size;
  writeFileSync(
    join(out, 'org.json'),
    `${JSON.stringify(
      {
        generator: 'bench/generate-org.mjs',
        options: {
          teams: options.teams,
          users: options.users,
          components: options.components,
          commits: options.commits,
          seed: options.seed,
        },
        counts,
        head,
        end: isoDay(END),
      },
      null,
      2,
    )}\n`,
  );

  const width = Math.max(...times.map(([label]) => label.length));
  process.stdout.write(
    [
      `Synthetic organisation in ${out} (seed ${options.seed})`,
      `  ${Object.entries(counts)
        .map(([k, v]) => `${thousands(v)} ${k}`)
        .join(', ')}`,
      `  repo HEAD ${head}; orgwire.db ${(dbBytes / 1e6).toFixed(0)} MB`,
      '',
      ...times.map(([label, t]) => `  ${label.padEnd(width)}  ${t}`),
      `  ${'total'.padEnd(width)}  ${since(t0)}`,
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  process.stderr.write(`\ngenerate-org failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
