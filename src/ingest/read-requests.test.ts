import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import {
  type Catalog,
  loadCatalog,
  parseConfig,
  type RequestRecord,
  type RequestsConfig,
} from '../model/index.js';
import {
  amendRequests,
  detectRequestFormat,
  type ParsedRequests,
  parseRequests,
  type RequestFormat,
  readRequestFile,
} from './read-requests.js';
import { parseRequestDate } from './request-dates.js';
import { createTeamMatcher } from './team-matcher.js';

const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: billing-integration
  annotations:
    github.com/team-slug: trailhead/billing-integration
spec:
  type: team
  profile: { displayName: Billing Integration }
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: checkout
spec:
  type: team
  profile: { displayName: Checkout Squad }
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: platform
  annotations:
    github.com/team-slug: trailhead/platform-team
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: mobile-apps
spec:
  type: team
  profile: { displayName: Mobile Apps }
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: checkout
  namespace: partners
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments
  namespace: partners
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments
  namespace: ops
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ana-lima
  annotations:
    github.com/user-login: AnaLima
spec:
  profile: { displayName: Ana Lima, email: ana.lima@trailhead.example }
  memberOf: [checkout]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ben-okafor
  annotations:
    github.com/user-login: benok
spec:
  profile: { displayName: Ben Okafor }
  memberOf: [mobile-apps, platform]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: billing-service
  annotations:
    github.com/project-slug: trailhead/billing-service
spec:
  type: service
  lifecycle: production
  owner: billing-integration
`;

const BILLING = 'group:default/billing-integration';
const CHECKOUT = 'group:default/checkout';
const PLATFORM = 'group:default/platform';
const MOBILE = 'group:default/mobile-apps';
const PARTNER_CHECKOUT = 'group:partners/checkout';

let catalog: Catalog;
beforeAll(() => {
  const loaded = loadCatalog([{ path: 'catalog.yaml', text: CATALOG }]);
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  catalog = loaded.catalog;
});

// gh-issue-list.txt has the shape gh writes to a pipe (one line, keys sorted); as .json, the
// formatter would indent it.
const fixture = (name: string) =>
  readFile(new URL(`../../test/fixtures/requests/${name}`, import.meta.url), 'utf8');
const at = (iso: string) => Date.parse(iso) / 1000;

function read(
  text: string,
  file: string,
  extra: { format?: RequestFormat; mapping?: RequestsConfig } = {},
): ParsedRequests {
  return parseRequests(text, { file, catalog, ...extra });
}

/** Problems without file and hint, which every test would repeat. */
const briefly = (result: ParsedRequests) =>
  result.problems.map(({ line, severity, message }) => ({ line, severity, message }));
const ids = (result: ParsedRequests) => result.requests.map((r) => `${r.id}@${r.source}`);

describe('parseRequests: Jira CSV export', () => {
  const mapping: RequestsConfig = { jira: { requester: 'Custom field (Requesting team)' } };

  it('keeps the good rows, with the line each record starts on, and reports the bad ones', async () => {
    const result = read(await fixture('jira-export.csv'), 'jira-export.csv', { mapping });
    expect(result.format).toBe('jira-csv');
    expect(result.requests).toEqual<RequestRecord[]>([
      {
        tracker: 'jira:BILL',
        id: 'BILL-101',
        requester: CHECKOUT,
        provider: BILLING,
        created: at('2026-03-02T09:41:00Z'),
        done: at('2026-03-12T16:05:00Z'),
        type: 'Task',
        updated: at('2026-03-12T16:05:00Z'),
        source: 'jira-export.csv:2',
      },
      {
        tracker: 'jira:BILL',
        id: 'BILL-102',
        requester: MOBILE,
        provider: BILLING,
        created: at('2026-03-04T10:00:00Z'),
        type: 'Story',
        updated: at('2026-03-11T15:12:00Z'),
        source: 'jira-export.csv:3',
      },
      {
        tracker: 'jira:PLAT',
        id: 'PLAT-7',
        requester: BILLING,
        provider: PLATFORM,
        created: at('2026-03-05T08:00:00Z'),
        done: at('2026-03-06T12:30:00Z'),
        type: 'Bug',
        updated: at('2026-03-06T12:30:00Z'),
        source: 'jira-export.csv:10',
      },
      {
        tracker: 'jira:PLAT',
        id: 'PLAT-8',
        requester: MOBILE,
        provider: PLATFORM,
        created: at('2026-03-11T00:15:00Z'),
        type: 'Task',
        updated: at('2026-03-11T00:15:00Z'),
        source: 'jira-export.csv:13',
      },
    ]);
    expect(briefly(result)).toEqual([
      {
        line: 6,
        severity: 'warning',
        message: 'BILL-103: requester "Marketing" is no team in the catalog',
      },
      {
        line: 7,
        severity: 'warning',
        message: 'BILL-104: Created "yesterday" is not a date',
      },
      {
        line: 8,
        severity: 'warning',
        message:
          'BILL-105: Resolved (2026-03-09T11:00:00Z) is before Created (2026-03-10T14:00:00Z)',
      },
      { line: 9, severity: 'warning', message: 'the Issue key is empty' },
      {
        line: 14,
        severity: 'warning',
        message: 'PLAT-7: the Issue key was already read at line 10',
      },
    ]);
    expect(result.problems.every((p) => p.file === 'jira-export.csv' && p.hint !== '')).toBe(true);
  });

  it('takes the requester from the Reporter’s first team when no requester column is set', async () => {
    const result = read(await fixture('jira-export.csv'), 'jira-export.csv');
    expect(result.requests.map((r) => [r.id, r.requester])).toEqual([
      ['BILL-101', CHECKOUT],
      ['BILL-102', MOBILE],
      ['BILL-103', CHECKOUT],
      ['PLAT-7', CHECKOUT],
      ['PLAT-8', MOBILE],
    ]);
    expect(result.problems.map((p) => p.line)).toEqual([7, 8, 9, 14]);
  });

  it('maps column values to teams as orgwire.yaml says', async () => {
    const { config, problems } = parseConfig(
      [
        'requests:',
        '  jira:',
        '    provider: Project key',
        '    requester: Custom field (Requesting team)',
        '    teams:',
        '      BILL: billing-integration',
        '      plat: trailhead/platform-team',
        '      Marketing: checkout',
      ].join('\n'),
      'orgwire.yaml',
    );
    expect(problems).toEqual([]);
    const result = read(await fixture('jira-export.csv'), 'jira-export.csv', {
      ...(config.requests ? { mapping: config.requests } : {}),
    });
    expect(result.requests.map((r) => [r.id, r.requester, r.provider])).toEqual([
      ['BILL-101', CHECKOUT, BILLING],
      ['BILL-102', MOBILE, BILLING],
      ['BILL-103', CHECKOUT, BILLING],
      ['PLAT-7', BILLING, PLATFORM],
      ['PLAT-8', MOBILE, PLATFORM],
    ]);
  });

  it('reports a value mapped to a team that does not exist', async () => {
    const result = read(await fixture('jira-export.csv'), 'jira-export.csv', {
      mapping: {
        jira: {
          ...mapping.jira,
          provider: 'Project key',
          teams: { BILL: 'billing', PLAT: 'platform' },
        },
      },
    });
    expect(result.requests.map((r) => r.id)).toEqual(['PLAT-7', 'PLAT-8']);
    expect(result.problems[0]?.message).toBe(
      'BILL-101: Project key "BILL" is mapped to "billing" in orgwire.yaml (requests.jira.teams), which is no team',
    );
  });

  it('reads a repeated column such as Labels as one, taking the one value that names a team', () => {
    const text = [
      'Issue key,Created,Resolved,Project,Labels,Labels',
      'X-1,2026-03-01,,billing-integration,urgent,checkout',
      'X-2,2026-03-01,,billing-integration,checkout,mobile-apps',
      'X-3,2026-03-01,,billing-integration,urgent,',
      'X-4,2026-03-01,,billing-integration,,',
    ].join('\n');
    const result = read(text, 'labels.csv', { mapping: { jira: { requester: 'Labels' } } });
    expect(result.requests.map((r) => [r.id, r.requester, r.provider])).toEqual([
      ['X-1', CHECKOUT, BILLING],
    ]);
    expect(briefly(result)).toEqual([
      {
        line: 3,
        severity: 'warning',
        message: `X-2: Labels names 2 teams (${CHECKOUT}, ${MOBILE})`,
      },
      {
        line: 4,
        severity: 'warning',
        message: 'X-3: requester "urgent" is no team in the catalog',
      },
      {
        line: 5,
        severity: 'warning',
        message: 'X-4: Labels is empty, so the requester is unknown',
      },
    ]);
  });

  it('reports a header without the columns it needs as one error and reads no row', () => {
    const result = read('Summary,Issue key,Created\nA,X-1,2026-03-01\n', 'jira.csv', {
      format: 'jira-csv',
      mapping: { jira: { requester: 'Custom field (Team)' } },
    });
    expect(result.requests).toEqual([]);
    expect(briefly(result)).toEqual([
      {
        line: 1,
        severity: 'error',
        message:
          'the header lacks the columns Resolved, Project, Custom field (Team); no request was read',
      },
    ]);
  });
});

describe('parseRequests: GitHub issues JSON', () => {
  it('reads gh issue list --json output: labels, the author’s team, the zero closedAt of open issues', async () => {
    const result = read(await fixture('gh-issue-list.txt'), 'issues.json');
    expect(result.format).toBe('github-json');
    expect(result.requests).toEqual<RequestRecord[]>([
      {
        tracker: 'github',
        id: '101',
        requester: CHECKOUT,
        provider: BILLING,
        created: at('2026-03-02T09:41:00Z'),
        done: at('2026-03-12T16:05:00Z'),
        updated: at('2026-03-12T16:05:00Z'),
        source: 'issues.json:1',
      },
      {
        tracker: 'github',
        id: '102',
        requester: MOBILE,
        provider: BILLING,
        created: at('2026-03-04T10:00:00Z'),
        updated: at('2026-03-04T10:00:00Z'),
        source: 'issues.json:1',
      },
      {
        tracker: 'github',
        id: '106',
        requester: MOBILE,
        provider: PLATFORM,
        created: at('2026-03-06T08:00:00Z'),
        done: at('2026-03-09T17:30:00Z'),
        updated: at('2026-03-09T17:30:00Z'),
        source: 'issues.json:1',
      },
    ]);
    // gh writes the whole list on one line, so the messages name the issue.
    expect(briefly(result)).toEqual([
      {
        line: 1,
        severity: 'warning',
        message: '#103: requester "growth" is no team in the catalog',
      },
      {
        line: 1,
        severity: 'warning',
        message: '#104: createdAt "2026-02-30T10:00:00Z" is not a date',
      },
      {
        line: 1,
        severity: 'warning',
        message:
          '#105: no requester: no requester label, and the author octocat is no User in the catalog',
      },
      {
        line: 1,
        severity: 'warning',
        message: '#107: no provider: no team: label, and requests.github.provider is not set',
      },
      {
        line: 1,
        severity: 'note',
        message:
          'the issues do not say which repository they are from: they are kept as tracker "github", where two repositories\' #1 would be one ticket',
      },
    ]);
  });

  it('keeps gh output under the repository --requests-repo or orgwire.yaml names, without the note', async () => {
    const text = await fixture('gh-issue-list.txt');
    for (const extra of [
      { repository: 'Trailhead/Billing' },
      { mapping: { github: { repository: 'Trailhead/Billing' } } },
    ]) {
      const result = parseRequests(text, { file: 'issues.json', catalog, ...extra });
      expect(new Set(result.requests.map((r) => r.tracker))).toEqual(
        new Set(['github:trailhead/billing']),
      );
      expect(result.problems.filter((p) => p.severity === 'note')).toEqual([]);
    }
  });

  it('keeps two repositories\u2019 issue #1 apart in one REST export, and reports a repeated one', () => {
    const issue = (repo: string) => ({
      number: 1,
      state: 'open',
      created_at: '2026-03-01T00:00:00Z',
      closed_at: null,
      repository_url: `https://api.github.com/repos/${repo}`,
      labels: [{ name: 'requester:checkout' }, { name: 'team:platform' }],
    });
    const text = JSON.stringify([issue('acme/web'), issue('acme/api'), issue('acme/web')], null, 1);
    const result = read(text, 'search.json');
    expect(result.requests.map((r) => `${r.tracker}#${r.id}`)).toEqual([
      'github:acme/web#1',
      'github:acme/api#1',
    ]);
    expect(briefly(result)).toEqual([
      {
        line: expect.any(Number),
        severity: 'warning',
        message: '#1: the issue number was already read at line 2',
      },
    ]);
  });

  it('gives issues without a provider label the provider orgwire.yaml names', async () => {
    const result = read(await fixture('gh-issue-list.txt'), 'issues.json', {
      mapping: { github: { provider: 'platform' } },
    });
    expect(result.requests.map((r) => [r.id, r.provider])).toEqual([
      ['101', BILLING],
      ['102', BILLING],
      ['106', PLATFORM],
      ['107', PLATFORM],
    ]);
  });

  it('gives issues without a requester label, whose author is nobody in a team, the requester orgwire.yaml names', async () => {
    const result = read(await fixture('gh-issue-list.txt'), 'issues.json', {
      mapping: { github: { requester: 'platform', provider: 'billing-integration' } },
    });
    // #105's author octocat is no User: the team orgwire.yaml names asks; #101's author
    // AnaLima is in checkout, and #103's requester label still wins (and names no team).
    expect(result.requests.map((r) => [r.id, r.requester])).toEqual([
      ['101', CHECKOUT],
      ['102', MOBILE],
      ['105', PLATFORM],
      ['106', MOBILE],
      ['107', CHECKOUT],
    ]);
    expect(briefly(result).map((p) => p.message)).toContain(
      '#103: requester "growth" is no team in the catalog',
    );
  });

  it('takes the provider from labels orgwire.yaml maps to teams, and refuses an issue two such labels split', () => {
    const issue = (number: number, labels: string[]) => ({
      number,
      state: 'open',
      created_at: '2026-03-01T00:00:00Z',
      closed_at: null,
      labels: labels.map((name) => ({ name })),
      user: { login: 'AnaLima' },
    });
    const text = JSON.stringify([
      issue(1, ['Bug', 'Wallet']),
      issue(2, ['UX', 'Wallet']),
      issue(3, ['Bug']),
      issue(4, ['Wallet', 'team:platform']),
    ]);
    const result = read(text, 'issues.json', {
      mapping: { github: { teams: { wallet: 'billing-integration', ux: 'mobile-apps' } } },
    });
    expect(result.requests.map((r) => [r.id, r.requester, r.provider])).toEqual([
      ['1', CHECKOUT, BILLING],
    ]);
    expect(briefly(result).map((p) => p.message)).toEqual([
      '#2: labels (requests.github.teams) names 2 teams (group:default/mobile-apps, group:default/billing-integration)',
      '#3: no provider: no team: label, and requests.github.provider is not set',
      '#4: label team: names 2 teams (group:default/platform, group:default/billing-integration)',
      expect.stringMatching(/do not say which repository/),
    ]);
  });

  it('uses the label prefixes orgwire.yaml sets', () => {
    const text = JSON.stringify([
      {
        number: 1,
        state: 'OPEN',
        createdAt: '2026-03-01T00:00:00Z',
        closedAt: null,
        labels: [{ name: 'from/checkout' }, { name: 'to/platform' }, { name: 'team:mobile-apps' }],
      },
    ]);
    const result = read(text, 'issues.json', {
      mapping: { github: { requesterLabelPrefix: 'from/', providerLabelPrefix: 'To/' } },
    });
    expect(result.requests.map((r) => [r.requester, r.provider])).toEqual([[CHECKOUT, PLATFORM]]);
  });

  it('reads the REST API’s issue list: lines, pull requests left out, the repository’s owner', async () => {
    const result = read(await fixture('rest-issues.json'), 'rest.json');
    expect(result.requests).toEqual<RequestRecord[]>([
      {
        tracker: 'github:trailhead/billing-service',
        id: '201',
        requester: CHECKOUT,
        provider: BILLING,
        created: at('2026-03-02T09:41:00Z'),
        done: at('2026-03-12T16:05:00Z'),
        updated: at('2026-03-12T16:05:00Z'),
        source: 'rest.json:2',
      },
      {
        tracker: 'github:trailhead/billing-service',
        id: '203',
        requester: MOBILE,
        provider: BILLING,
        created: at('2026-03-04T10:00:00Z'),
        updated: at('2026-03-04T10:00:00Z'),
        source: 'rest.json:98',
      },
    ]);
    expect(briefly(result)).toEqual([
      { line: 147, severity: 'warning', message: '#204: created_at is empty' },
      {
        line: 196,
        severity: 'warning',
        message: '#205: provider "ledger" is no team in the catalog',
      },
      {
        line: 254,
        severity: 'warning',
        message:
          '#206: closed_at (2026-03-07T09:00:00Z) is before created_at (2026-03-08T10:00:00Z)',
      },
    ]);
  });

  it('reads when work started and how long it waited from an issue’s timeline', async () => {
    const result = read(await fixture('rest-issues-timeline.json'), 'rest.json');
    // #301: assigned two days after it was opened, unassigned a day later, labelled In
    // Progress a day and a half after that: started at the first, waited 2 + 1.5 days.
    expect(result.requests).toEqual<RequestRecord[]>([
      {
        tracker: 'github:trailhead/billing-service',
        id: '301',
        requester: CHECKOUT,
        provider: BILLING,
        created: at('2026-03-02T09:00:00Z'),
        started: at('2026-03-04T09:00:00Z'),
        done: at('2026-03-10T09:00:00Z'),
        waited: 3.5 * 86_400,
        updated: at('2026-03-10T09:00:00Z'),
        source: 'rest.json:2',
      },
      {
        tracker: 'github:trailhead/billing-service',
        id: '302',
        requester: CHECKOUT,
        provider: BILLING,
        created: at('2026-03-03T00:00:00Z'),
        done: at('2026-03-05T00:00:00Z'),
        updated: at('2026-03-05T00:00:00Z'),
        source: 'rest.json:238',
      },
      {
        tracker: 'github:trailhead/billing-service',
        id: '303',
        requester: CHECKOUT,
        provider: BILLING,
        created: at('2026-03-04T00:00:00Z'),
        started: at('2026-03-04T12:00:00Z'),
        updated: at('2026-03-04T12:00:00Z'),
        source: 'rest.json:357',
      },
    ]);
    expect(briefly(result)).toEqual([
      {
        line: 1,
        severity: 'note',
        message:
          '1 closed issue was never assigned nor labelled in progress (in progress, status: in progress) in its timeline: when work started is unknown, and its wait is left out',
      },
    ]);
  });

  it('counts among the issues that never started only those it read', () => {
    const issue = (number: number, team: string) => ({
      number,
      state: 'closed',
      created_at: '2026-03-01T00:00:00Z',
      closed_at: '2026-03-02T00:00:00Z',
      repository_url: 'https://api.github.com/repos/acme/web',
      labels: [{ name: 'requester:checkout' }, { name: `team:${team}` }],
      timeline: [],
    });
    const result = read(JSON.stringify([issue(1, 'platform'), issue(2, 'growth')]), 'i.json');
    expect(result.requests.map((r) => r.id)).toEqual(['1']);
    expect(briefly(result).map((p) => p.message)).toEqual([
      '#2: provider "growth" is no team in the catalog',
      '1 closed issue was never assigned nor labelled in progress (in progress, status: in progress) in its timeline: when work started is unknown, and its wait is left out',
    ]);
  });

  it('starts work on the labels orgwire.yaml names, and not on assignment when it says so', async () => {
    const text = await fixture('rest-issues-timeline.json');
    const started = (mapping: RequestsConfig) =>
      read(text, 'rest.json', { mapping }).requests.map((r) => [r.id, r.started, r.waited]);
    const { config, problems } = parseConfig(
      'requests:\n  github:\n    started:\n      assigned: false\n',
      'orgwire.yaml',
    );
    expect(problems).toEqual([]);
    // #301 without assignment: waiting until labelled In Progress, 4.5 days in.
    expect(started(config.requests ?? {})).toEqual([
      ['301', at('2026-03-06T21:00:00Z'), 4.5 * 86_400],
      ['302', undefined, undefined],
      ['303', undefined, undefined],
    ]);
    // With only 'doing' as the in-progress label, #301 waits again from its unassignment on.
    expect(started({ github: { started: { labels: ['doing'] } } })).toEqual([
      ['301', at('2026-03-04T09:00:00Z'), 2 * 86_400 + 5 * 86_400],
      ['302', undefined, undefined],
      ['303', at('2026-03-04T12:00:00Z'), undefined],
    ]);
  });

  it('reads the pages gh api --paginate writes, one after another or slurped into one list', () => {
    const issue = (n: number) =>
      `{"number": ${n}, "created_at": "2026-03-0${n}T00:00:00Z", "closed_at": null, "repository_url": "https://api.github.com/repos/acme/web", "labels": ["requester:checkout", "team:platform"]}`;
    const pages = `[\n  ${issue(1)},\n  ${issue(2)}\n]\n[\n  ${issue(3)}\n]\n`;
    expect(ids(read(pages, 'pages.json'))).toEqual([
      '1@pages.json:2',
      '2@pages.json:3',
      '3@pages.json:6',
    ]);
    const slurped = `[\n[\n  ${issue(1)},\n  ${issue(2)}\n],\n[\n  ${issue(3)}\n]\n]\n`;
    expect(ids(read(slurped, 'slurped.json'))).toEqual([
      '1@slurped.json:3',
      '2@slurped.json:4',
      '3@slurped.json:7',
    ]);
    const lines = [1, 2, 3].map(issue).join('\n');
    expect(ids(read(lines, 'issues.jsonl', { format: 'github-json' }))).toEqual([
      '1@issues.jsonl:1',
      '2@issues.jsonl:2',
      '3@issues.jsonl:3',
    ]);
    const broken = read(`${pages}{"message": "API rate limit exceeded"}\n`, 'pages.json');
    expect(broken.requests).toEqual([]);
    expect(briefly(broken)).toEqual([
      {
        line: 8,
        severity: 'error',
        message: 'this JSON is not a list of GitHub issues (GitHub said: API rate limit exceeded)',
      },
    ]);
  });

  it('reads the items of a search result with their lines', () => {
    const issue = (n: number) =>
      `{"number": ${n}, "created_at": "2026-03-0${n}T00:00:00Z", "closed_at": null, "labels": ["requester:checkout", "team:platform"]}`;
    const text = `{\n  "total_count": 2,\n  "incomplete_results": false,\n  "items": [\n    ${issue(1)},\n\n    ${issue(2)}\n  ]\n}\n`;
    expect(ids(read(text, 'search.json'))).toEqual(['1@search.json:5', '2@search.json:7']);
  });

  it('reports JSON that cannot be read as one error with its line', () => {
    const broken = read('[\n  {"number": 1,}\n]', 'issues.json');
    expect(broken.requests).toEqual([]);
    expect(broken.problems).toHaveLength(1);
    expect(broken.problems[0]).toMatchObject({ line: 2, severity: 'error' });
    expect(broken.problems[0]?.message).toMatch(/^not valid JSON: /);

    const notIssues = read('{"message": "Bad credentials", "status": "401"}', 'issues.json');
    expect(briefly(notIssues)).toEqual([
      {
        line: 1,
        severity: 'error',
        message: 'this JSON is not a list of GitHub issues (GitHub said: Bad credentials)',
      },
    ]);

    const fieldsLeftOut = read('[{"number": 1, "title": "x", "state": "OPEN"}]', 'issues.json');
    expect(briefly(fieldsLeftOut)).toEqual([
      {
        line: 1,
        severity: 'error',
        message: 'the issues have no createdAt, closedAt; no request was read',
      },
    ]);
  });
});

describe('parseRequests: Jira JSON (the REST search, with its changelog)', () => {
  const DAY = 86_400;
  const mapping: RequestsConfig = {
    jira: { requester: 'Custom field (Requesting team)', waiting: ['Blocked'] },
  };

  it('reads when work started and how long each request waited from the status history', async () => {
    const result = read(await fixture('jira-search.json'), 'search.json', { mapping });
    expect(result.format).toBe('jira-json');
    expect(result.requests).toEqual<RequestRecord[]>([
      {
        tracker: 'jira:BILL',
        id: 'BILL-201',
        requester: CHECKOUT,
        provider: BILLING,
        created: at('2026-03-02T09:41:00Z'),
        started: at('2026-03-04T09:41:00Z'),
        done: at('2026-03-09T09:41:00Z'),
        type: 'Task',
        // Two days in To Do, the status it was created in, and one back in Blocked.
        waited: 3 * DAY,
        updated: at('2026-03-09T09:41:00Z'),
        source: 'search.json:11',
      },
      {
        tracker: 'jira:BILL',
        id: 'BILL-202',
        requester: MOBILE,
        provider: BILLING,
        created: at('2026-03-03T10:00:00Z'),
        // Closed from To Do: it waited until it was done.
        started: at('2026-03-05T10:00:00Z'),
        done: at('2026-03-05T10:00:00Z'),
        type: 'Story',
        waited: 2 * DAY,
        updated: at('2026-03-05T10:00:00Z'),
        source: 'search.json:144',
      },
      {
        tracker: 'jira:PLAT',
        id: 'PLAT-9',
        requester: CHECKOUT,
        provider: PLATFORM,
        created: at('2026-03-06T13:00:00Z'),
        started: at('2026-03-07T13:00:00Z'),
        type: 'Task',
        updated: at('2026-03-07T13:00:00Z'),
        source: 'search.json:218',
      },
      {
        tracker: 'jira:PLAT',
        id: 'PLAT-10',
        requester: MOBILE,
        provider: PLATFORM,
        created: at('2026-03-06T12:00:00Z'),
        started: at('2026-03-07T12:00:00Z'),
        // No resolution, but Closed is in Jira's done category: done when it was closed.
        done: at('2026-03-08T12:00:00Z'),
        type: 'Task',
        waited: DAY,
        updated: at('2026-03-08T12:00:00Z'),
        source: 'search.json:292',
      },
    ]);
    expect(briefly(result)).toEqual([
      {
        line: 1,
        severity: 'note',
        message:
          'the changelogs of 1 issue are cut short (a search embeds only the first entries): when work started may be read late',
      },
      {
        line: 383,
        severity: 'warning',
        message: 'PLAT-11: requester "Growth" is no team in the catalog',
      },
    ]);
  });

  it('counts only the status an issue was created in as waiting, unless told more', async () => {
    const result = read(await fixture('jira-search.json'), 'search.json', {
      mapping: { jira: { requester: 'Requesting team' } },
    });
    expect(result.requests.find((r) => r.id === 'BILL-201')?.waited).toBe(2 * DAY);
  });

  it('reads the same issues from pages saved one after another as from one list of pages', async () => {
    const page = JSON.parse(await fixture('jira-search.json'));
    const half = Math.ceil(page.issues.length / 2);
    const pages = [
      { ...page, issues: page.issues.slice(0, half) },
      { ...page, issues: page.issues.slice(half) },
    ];
    const without = (r: ParsedRequests) => r.requests.map(({ source: _, ...rest }) => rest);
    const oneList = read(JSON.stringify(pages), 'a.json', { mapping });
    const oneAfterAnother = read(pages.map((p) => JSON.stringify(p)).join('\n'), 'b.json', {
      mapping,
    });
    expect(oneList.requests).toHaveLength(4);
    expect(without(oneAfterAnother)).toEqual(without(oneList));
  });

  it('refuses JSON that holds no issues, and JSON that is not JSON, at once', () => {
    expect(briefly(read('{"issues": []}', 'empty.json', { format: 'jira-json' }))).toEqual([
      {
        line: 1,
        severity: 'error',
        message: 'this JSON holds no Jira issues (no "issues" with "key" and "fields")',
      },
    ]);
    const broken = read('{"issues": [', 'broken.json', { format: 'jira-json' });
    expect(broken.requests).toEqual([]);
    expect(broken.problems[0]?.severity).toBe('error');
    expect(broken.problems[0]?.message).toMatch(/^not valid JSON/);
  });
});

describe('parseRequests: a GitHub project\u2019s items', () => {
  const mapping: RequestsConfig = {
    githubProject: {
      field: 'Team',
      provider: 'billing-integration',
      teams: { Payments: 'platform' },
    },
  };

  it('says which team provides each issue on the board, by its field or the board\u2019s team', async () => {
    const result = read(await fixture('gh-project-items.txt'), 'items.json', { mapping });
    expect(result.format).toBe('github-project');
    expect(result.requests).toEqual([]);
    expect(result.amendments).toEqual([
      {
        tracker: 'github:trailhead/billing-service',
        id: '201',
        provider: PLATFORM,
        source: 'items.json:1',
      },
      {
        tracker: 'github:trailhead/billing-service',
        id: '203',
        provider: BILLING,
        source: 'items.json:1',
      },
      {
        tracker: 'github:trailhead/billing-service',
        id: '301',
        provider: PLATFORM,
        source: 'items.json:1',
      },
    ]);
    expect(briefly(result)).toEqual([
      { line: 1, severity: 'note', message: 'the export holds 6 of the project\u2019s 9 items' },
      {
        line: 1,
        severity: 'warning',
        message: 'trailhead/ledger#7: provider "Ledger" is no team in the catalog',
      },
      { line: 1, severity: 'note', message: '1 draft item is no issue, and left out' },
    ]);
  });

  it('refuses issues read as a project\u2019s items, whatever orgwire.yaml says', async () => {
    for (const name of ['rest-issues.json', 'gh-issue-list.txt']) {
      const result = read(await fixture(name), name, { format: 'github-project', mapping });
      expect(result.amendments).toEqual([]);
      expect(briefly(result)).toEqual([
        {
          line: 1,
          severity: 'error',
          message: 'this JSON is not a GitHub project\u2019s items ("items" with their "content")',
        },
      ]);
    }
    const search = JSON.stringify({ items: [{ number: 1, created_at: '2026-03-01' }] });
    expect(
      read(search, 's.json', { format: 'github-project', mapping }).problems[0]?.severity,
    ).toBe('error');
  });

  it('refuses the items when orgwire.yaml does not say how they name a team', async () => {
    const result = read(await fixture('gh-project-items.txt'), 'items.json');
    expect(briefly(result)).toEqual([
      {
        line: 1,
        severity: 'error',
        message: 'a GitHub project\u2019s items name no team by themselves',
      },
    ]);
  });

  it('amends the issues read elsewhere, and says which items name none', async () => {
    const issues = read(await fixture('rest-issues.json'), 'rest.json').requests;
    const { amendments } = read(await fixture('gh-project-items.txt'), 'items.json', { mapping });
    const result = amendRequests(issues, amendments);
    expect(result.requests.map((r) => [r.id, r.provider])).toEqual([
      ['201', PLATFORM],
      ['203', BILLING],
    ]);
    expect(result.amended.map((r) => r.id)).toEqual(['201', '203']);
    expect(result.unmatched.map((a) => a.id)).toEqual(['301']);
    // Nothing given was changed.
    expect(issues.map((r) => r.provider)).toEqual([BILLING, BILLING]);
  });
});

describe('parseRequests: Linear CSV export', () => {
  it('reads the teams, both kinds of dates Linear writes, and a canceled issue as done', async () => {
    const result = read(await fixture('linear-export.csv'), 'linear.csv');
    expect(result.format).toBe('linear-csv');
    expect(result.requests).toEqual<RequestRecord[]>([
      {
        tracker: 'linear:BIL',
        id: 'BIL-1',
        requester: CHECKOUT,
        provider: BILLING,
        created: at('2026-03-03T09:00:00Z'),
        started: at('2026-03-05T09:00:00Z'),
        done: at('2026-03-10T09:00:00Z'),
        updated: at('2026-03-10T09:00:00Z'),
        source: 'linear.csv:2',
      },
      {
        tracker: 'linear:BIL',
        id: 'BIL-2',
        // The Creator by display name; Ben's first team.
        requester: MOBILE,
        provider: BILLING,
        created: at('2026-03-04T10:00:00Z'),
        done: at('2026-03-06T10:00:00Z'),
        updated: at('2026-03-06T10:00:00Z'),
        source: 'linear.csv:7',
      },
      {
        tracker: 'linear:PLA',
        id: 'PLA-7',
        requester: CHECKOUT,
        provider: PLATFORM,
        created: at('2026-03-05T08:00:00Z'),
        started: at('2026-03-06T08:00:00Z'),
        updated: at('2026-03-06T08:00:00Z'),
        source: 'linear.csv:8',
      },
    ]);
    expect(briefly(result)).toEqual([
      {
        line: 9,
        severity: 'warning',
        message: 'GRO-3: provider "Growth" is no team in the catalog',
      },
      {
        line: 10,
        severity: 'warning',
        message: 'BIL-4: no requester: the Creator stranger@example.com is no User in the catalog',
      },
    ]);
  });

  it('takes the requester from the labels when orgwire.yaml says so, and team names through its aliases', async () => {
    const { config, problems } = parseConfig(
      'requests:\n  linear:\n    requester: Labels\n    teams: { Growth: mobile-apps }\n',
      'orgwire.yaml',
    );
    expect(problems).toEqual([]);
    const result = read(await fixture('linear-export.csv'), 'linear.csv', {
      mapping: config.requests ?? {},
    });
    // BIL-1 is labelled "Feature, checkout"; the other issues carry no team label.
    expect(result.requests.map((r) => [r.id, r.requester, r.provider])).toEqual([
      ['BIL-1', CHECKOUT, BILLING],
    ]);
    expect(briefly(result).map((p) => p.message)).toEqual([
      'BIL-2: requester "Feature" is no team in the catalog',
      'PLA-7: Labels is empty, so the requester is unknown',
      'GRO-3: Labels is empty, so the requester is unknown',
      'BIL-4: Labels is empty, so the requester is unknown',
    ]);
    // With the Creator's team as the requester, the alias makes Growth a team.
    const aliased = read(await fixture('linear-export.csv'), 'linear.csv', {
      mapping: { linear: { teams: { growth: 'mobile-apps' } } },
    });
    expect(aliased.requests.find((r) => r.id === 'GRO-3')?.provider).toBe(MOBILE);
  });
});

describe('parseRequests: plain CSV', () => {
  it('keeps the good rows and reports each bad one at the line its record starts on', async () => {
    const result = read(await fixture('requests.csv'), 'requests.csv');
    expect(result.format).toBe('csv');
    expect(result.requests).toEqual<RequestRecord[]>([
      {
        tracker: 'csv',
        id: 'REQ-1',
        requester: CHECKOUT,
        provider: BILLING,
        created: at('2026-03-02'),
        started: at('2026-03-04'),
        done: at('2026-03-09'),
        type: 'invoice change',
        updated: at('2026-03-09'),
        source: 'requests.csv:2',
      },
      {
        tracker: 'csv',
        id: 'REQ-2',
        requester: MOBILE,
        provider: BILLING,
        created: at('2026-03-03T10:00:00Z'),
        type: 'refund rule, partial',
        updated: at('2026-03-03T10:00:00Z'),
        source: 'requests.csv:3',
      },
      {
        tracker: 'csv',
        id: 'REQ-7',
        requester: MOBILE,
        provider: PLATFORM,
        created: at('2026-03-06'),
        started: at('2026-03-07'),
        type: 'database\nmigration',
        updated: at('2026-03-07'),
        source: 'requests.csv:8',
      },
      {
        tracker: 'csv',
        id: 'REQ-9',
        requester: PARTNER_CHECKOUT,
        provider: PLATFORM,
        created: at('2026-03-07'),
        updated: at('2026-03-07'),
        source: 'requests.csv:12',
      },
    ]);
    expect(briefly(result)).toEqual([
      {
        line: 4,
        severity: 'warning',
        message: 'REQ-3: done (2026-03-01T00:00:00Z) is before created (2026-03-04T00:00:00Z)',
      },
      { line: 5, severity: 'warning', message: 'the id is empty' },
      {
        line: 6,
        severity: 'warning',
        message: 'REQ-5: requester "growth" is no team in the catalog',
      },
      {
        line: 7,
        severity: 'warning',
        message: 'REQ-6: created "03/05/2026" is not a date',
      },
      {
        line: 10,
        severity: 'warning',
        message: '8 values, but the header has 7',
      },
    ]);
  });

  it('skips a record whose quote never closes and reads on from the next line', () => {
    const text = [
      'id,requester,provider,created',
      'REQ-1,checkout,"platform,2026-03-02',
      'REQ-2,checkout,platform,2026-03-03',
    ].join('\r\n');
    const result = read(text, 'r.csv');
    expect(ids(result)).toEqual(['REQ-2@r.csv:3']);
    expect(briefly(result)).toEqual([
      {
        line: 2,
        severity: 'warning',
        message: 'a quoted value that starts in this record is never closed',
      },
    ]);
  });

  it('reports a header without the required columns as one error naming them', () => {
    const result = read('ID,Requester,Created\nREQ-1,checkout,2026-03-02\n', 'r.csv', {
      format: 'csv',
    });
    expect(result.requests).toEqual([]);
    expect(briefly(result)).toEqual([
      {
        line: 1,
        severity: 'error',
        message: 'the header lacks the column provider; no request was read',
      },
    ]);
  });

  it('reports an export it cannot recognise, or an empty one, as one error', () => {
    expect(briefly(read('a,b\n1,2\n', 'x.csv'))).toEqual([
      { line: 1, severity: 'error', message: 'cannot tell what kind of request export this is' },
    ]);
    expect(briefly(read('\n\n', 'x.csv'))).toEqual([
      { line: 1, severity: 'error', message: 'the request export is empty' },
    ]);
    expect(read('a,b\n1,2\n', 'x.csv').format).toBeUndefined();
  });

  // Generated rows, written with CSV quoting where a value needs it, read back as written.
  it('reads back any valid rows written with proper CSV quoting', () => {
    const teams: [string, string][] = [
      ['checkout', CHECKOUT],
      ['Mobile Apps', MOBILE],
      ['trailhead/billing-integration', BILLING],
      ['group:partners/checkout', PARTNER_CHECKOUT],
      ['platform-team', PLATFORM],
    ];
    const value = fc
      .string({
        unit: fc.constantFrom('a', 'Z', '7', '-', ' ', ',', '"', '\n', '\r\n', 'é', '😀', '\t'),
        maxLength: 12,
      })
      .map((v) => v.trim());
    const row = fc.record({
      id: value.filter((v) => v !== ''),
      requester: fc.constantFrom(...teams),
      provider: fc.constantFrom(...teams),
      created: fc.integer({ min: at('2000-01-01'), max: at('2099-12-31') }),
      startedAfter: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
      doneAfter: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
      type: value,
    });
    const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    const iso = (seconds: number | undefined) =>
      seconds === undefined ? '' : new Date(seconds * 1000).toISOString();
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { selector: (r) => r.id, maxLength: 15 }),
        fc.constantFrom('\n', '\r\n'),
        (rows, newline) => {
          let line = 2;
          const expected: RequestRecord[] = [];
          const lines = rows.map((r) => {
            const started = r.startedAfter === undefined ? undefined : r.created + r.startedAfter;
            const done =
              r.doneAfter === undefined ? undefined : (started ?? r.created) + r.doneAfter;
            const cells = [r.id, r.requester[0], r.provider[0], iso(r.created)];
            const text = [...cells, iso(started), iso(done), r.type].map(quote).join(',');
            expected.push({
              tracker: 'csv',
              id: r.id,
              requester: r.requester[1],
              provider: r.provider[1],
              created: r.created,
              ...(started === undefined ? {} : { started }),
              ...(done === undefined ? {} : { done }),
              ...(r.type === '' ? {} : { type: r.type }),
              updated: done ?? started ?? r.created,
              source: `gen.csv:${line}`,
            });
            line += 1 + (text.match(/\r\n|\n/g)?.length ?? 0);
            return text;
          });
          const text = ['id,requester,provider,created,started,done,type', ...lines].join(newline);
          const result = read(text, 'gen.csv');
          expect(result.problems).toEqual([]);
          expect(result.requests).toEqual(expected);
        },
      ),
    );
  });
});

describe('detectRequestFormat', () => {
  it.each<[string, string, RequestFormat]>([
    ['a Jira export', 'jira-export.csv', 'jira-csv'],
    ['gh issue list output', 'gh-issue-list.txt', 'github-json'],
    ['a REST API issue list', 'rest-issues.json', 'github-json'],
    ['a plain CSV', 'requests.csv', 'csv'],
    ['a Linear export', 'linear-export.csv', 'linear-csv'],
    ['a Jira search answer', 'jira-search.json', 'jira-json'],
    ['REST issues with their timelines', 'rest-issues-timeline.json', 'github-json'],
    ['a GitHub project\u2019s items', 'gh-project-items.txt', 'github-project'],
  ])('recognises %s', async (_, name, format) => {
    expect(detectRequestFormat(await fixture(name), name)).toBe(format);
  });

  it.each<[string, string, RequestFormat | undefined]>([
    ['  \n[]', 'x.txt', 'github-json'],
    ['{"items": []}', 'x', 'github-json'],
    ['\ufeffSummary,Issue Key,Created\n', 'x.csv', 'jira-csv'],
    [' ID , Requester ,provider,CREATED\n', 'x.csv', 'csv'],
    ['id,requester,created\n', 'x.csv', undefined],
    ['a,b\n1,2', 'x.csv', undefined],
    ['', 'export.json', 'github-json'],
    ['not json at all', 'export.JSON', 'github-json'],
    ['', 'export.csv', undefined],
  ])('detects %j in %s as %s', (text, file, format) => {
    expect(detectRequestFormat(text, file)).toBe(format);
  });
});

describe('parseRequestDate', () => {
  it.each<[string, string | undefined]>([
    ['2026-03-12', '2026-03-12T00:00:00Z'],
    ['2026-03-12T09:41:00Z', '2026-03-12T09:41:00Z'],
    ['2026-03-12T09:41:07.999Z', '2026-03-12T09:41:07Z'],
    ['2026-03-12T09:41Z', '2026-03-12T09:41:00Z'],
    ['2026-03-12 09:41', '2026-03-12T09:41:00Z'],
    ['2026-03-12t09:41:00z', '2026-03-12T09:41:00Z'],
    ['2026-03-12T09:41:00+01:00', '2026-03-12T08:41:00Z'],
    ['2026-03-12T09:41:00.000+0100', '2026-03-12T08:41:00Z'],
    ['2026-03-12T09:41:00-0530', '2026-03-12T15:11:00Z'],
    ['2026-03-12T00:30:00+02', '2026-03-11T22:30:00Z'],
    ['2024-02-29', '2024-02-29T00:00:00Z'],
    [' 12/Mar/26 9:41 AM ', '2026-03-12T09:41:00Z'],
    ['12/Mar/26 9:41 PM', '2026-03-12T21:41:00Z'],
    ['12/mar/26 12:05 am', '2026-03-12T00:05:00Z'],
    ['12/Mar/26 12:05 PM', '2026-03-12T12:05:00Z'],
    ['1/Feb/2026 17:30', '2026-02-01T17:30:00Z'],
    ['01/Dec/25 8:00:30 AM', '2025-12-01T08:00:30Z'],
    ['12/Mar/26', '2026-03-12T00:00:00Z'],
    ['Tue May 14 2024 08:53:33 GMT+0000 (GMT)', '2024-05-14T08:53:33Z'],
    ['Tue May 14 2024 10:53:33 GMT+0200 (Central European Summer Time)', '2024-05-14T08:53:33Z'],
    ['Mon Dec 2 2024 23:00:00 GMT-0100', '2024-12-03T00:00:00Z'],
    ['May 14 2024 08:53:33 GMT', '2024-05-14T08:53:33Z'],
    ['Fri Feb 30 2024 08:53:33 GMT+0000 (GMT)', undefined],
    ['Tue Mai 14 2024 08:53:33 GMT+0000 (GMT)', undefined],
    ['2026-02-30', undefined],
    ['2025-02-29', undefined],
    ['2026-13-01', undefined],
    ['2026-03-12T24:00', undefined],
    ['2026-03-12T09:60', undefined],
    ['2026-03-12T09:41:00+25:00', undefined],
    ['2026-3-12', undefined],
    ['30/Feb/26 9:00 AM', undefined],
    ['12/Mrz/26 9:41 AM', undefined],
    ['12/Mar/26 13:00 PM', undefined],
    ['12/Mar/26 0:10 AM', undefined],
    ['03/12/2026', undefined],
    ['yesterday', undefined],
    ['1773308460', undefined],
    ['', undefined],
  ])('%j → %s', (text, iso) => {
    expect(parseRequestDate(text)).toBe(iso === undefined ? undefined : at(iso));
  });
});

describe('createTeamMatcher', () => {
  it.each<[string, string | undefined]>([
    ['group:default/billing-integration', BILLING],
    ['GROUP:Default/Billing-Integration', BILLING],
    ['default/checkout', CHECKOUT],
    ['group:checkout', CHECKOUT],
    ['billing-integration', BILLING],
    ['checkout', CHECKOUT],
    ['partners/checkout', PARTNER_CHECKOUT],
    ['group:partners/checkout', PARTNER_CHECKOUT],
    ['trailhead/billing-integration', BILLING],
    ['@trailhead/platform-team', PLATFORM],
    ['platform-team', PLATFORM],
    ['Billing Integration', BILLING],
    ['  mobile   APPS ', MOBILE],
    ['Checkout Squad', CHECKOUT],
    ['payments', undefined],
    ['ops/payments', 'group:ops/payments'],
    ['ana-lima', undefined],
    ['growth', undefined],
    ['trailhead/growth', undefined],
    ['', undefined],
  ])('%j → %s', (name, ref) => {
    expect(createTeamMatcher(catalog)(name)).toBe(ref);
  });
});

describe('readRequestFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orgwire-requests-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const errorOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => {
        expect(error).toBeInstanceOf(AppError);
        const { code, message } = error as AppError;
        return { code, message };
      },
    );

  it('reads a file and names it as shown to the user', async () => {
    const path = join(dir, 'requests.csv');
    await writeFile(path, await fixture('requests.csv'));
    const result = await readRequestFile(path, { catalog, shownAs: 'exports/requests.csv' });
    expect(result.requests[0]?.source).toBe('exports/requests.csv:2');
    expect(result.problems[0]?.file).toBe('exports/requests.csv');
  });

  it('refuses a missing file, a folder and what is not text, saying which, and reads UTF-16', async () => {
    await mkdir(join(dir, 'folder'));
    await writeFile(
      join(dir, 'latin1.csv'),
      Buffer.from('id,requester\nREQ-1,Caf\xe9\n', 'latin1'),
    );
    await writeFile(
      join(dir, 'utf16.csv'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,requester\n', 'utf16le')]),
    );
    await writeFile(join(dir, 'book.xlsx'), Buffer.from('PK\x03\x04\x14\x00', 'latin1'));
    const open = (name: string) =>
      errorOf(readRequestFile(join(dir, name), { catalog, shownAs: name }));
    expect(await open('missing.csv')).toEqual({
      code: 'not-found',
      message: 'No request export at missing.csv.',
    });
    expect(await open('folder')).toEqual({
      code: 'invalid-input',
      message: 'folder is a folder, not a request export.',
    });
    expect(await open('latin1.csv')).toEqual({
      code: 'invalid-input',
      message: 'latin1.csv is in another encoding, not UTF-8 text.',
    });
    // UTF-16 with a byte-order mark (Excel's "Unicode text") is decoded, not refused.
    const utf16 = await readRequestFile(join(dir, 'utf16.csv'), { catalog, shownAs: 'utf16.csv' });
    expect(utf16.problems[0]?.message).not.toContain('UTF');
    expect(await open('book.xlsx')).toEqual({
      code: 'invalid-input',
      message: 'book.xlsx is a zip archive (an Excel workbook?), not UTF-8 text.',
    });
  });
});

describe('orgwire.yaml requests settings', () => {
  it('refuses an unknown setting under requests, and a setting of the wrong kind', () => {
    const { problems } = parseConfig('requests:\n  jira:\n    requestor: Labels\n', 'orgwire.yaml');
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'requests.jira: unknown setting requestor'],
    ]);
    const labels = parseConfig(
      'requests:\n  github:\n    started:\n      labels: in progress\n',
      'orgwire.yaml',
    );
    expect(labels.problems.map((p) => [p.line, p.message])).toEqual([
      [4, 'requests.github.started.labels must be a list, not "in progress"'],
    ]);
  });
});
