import type { Catalog } from '../model/index.js';
import { columnKey } from './column-key.js';
import {
  DEFAULT_START_LABELS,
  type GithubStartRule,
  labelKey,
  timelineChanges,
} from './github-timeline.js';
import {
  addRow,
  type Context,
  fail,
  isObject,
  pickTeam,
  readJson,
  sortByLine,
  teamAliases,
  teamOfPerson,
} from './request-context.js';
import { parseRequestDate } from './request-dates.js';
import { statusWaits } from './status-waits.js';
import { createUserIndex } from './team-matcher.js';

const GH_EXPORT =
  'gh issue list --state all --json number,title,state,createdAt,closedAt,labels,author';

// gh writes Go's zero time for an issue that was never closed.
const ZERO_TIME = /^0001-01-01/;

/**
 * GitHub issues as `gh issue list --json …` writes them (camelCase, `author`, states
 * OPEN/CLOSED) or as the REST API returns them (snake_case, `user`, open/closed, pull
 * requests among the issues, which are left out), as a list, a search result's `items`,
 * or one issue. An issue saved with its timeline (`timeline` or `events`, see
 * {@link timelineChanges}) says when work started and how long it waited.
 */
export function parseGithubRequests(text: string, context: Context): void {
  const values = readJson(
    text,
    context,
    `Export the issues again, e.g. ${GH_EXPORT} > issues.json.`,
  );
  if (values === undefined) return;
  const issues: unknown[] = [];
  const lines: number[] = [];
  for (const { value, line, elementLines } of values) {
    const list = issueList(value);
    if (list === undefined) {
      const said =
        isObject(value) && typeof value.message === 'string'
          ? ` (GitHub said: ${value.message})`
          : '';
      context.fail(
        line,
        `this JSON is not a list of GitHub issues${said}`,
        `Export the issues with ${GH_EXPORT}, or save what the REST API's issue list returns (gh api --paginate --slurp 'repos/OWNER/REPO/issues?state=all&per_page=100').`,
      );
      return;
    }
    issues.push(...list.issues);
    const at = list.depth === 0 ? [line] : (elementLines[list.depth - 1] ?? []);
    lines.push(...list.issues.map((_, index) => at[index] ?? line));
  }
  const objects = issues.filter(isObject);
  const missing = [['number'], ['createdAt', 'created_at'], ['closedAt', 'closed_at']].filter(
    (names) => objects.length > 0 && !objects.some((o) => names.some((n) => n in o)),
  );
  if (missing.length > 0) {
    context.fail(
      1,
      `the issues have no ${missing.map((names) => names[0]).join(', ')}; no request was read`,
      `Export them with ${GH_EXPORT}.`,
    );
    return;
  }
  const github = context.mapping.github ?? {};
  const requesterPrefix = (github.requesterLabelPrefix ?? 'requester:').toLowerCase();
  const providerPrefix = (github.providerLabelPrefix ?? 'team:').toLowerCase();
  const byLogin = createUserIndex(context.catalog.users, (u) => [u.githubLogin]);
  const repositoryOwners = repositoryOwnerIndex(context.catalog);
  const given = context.repository ?? github.repository;
  // Labels that name a providing team without the prefix (`Wallet: wallet`).
  const teamLabels = teamAliases('requests.github.teams', github.teams);
  const rule: GithubStartRule = {
    assigned: github.started?.assigned ?? true,
    labels: new Set((github.started?.labels ?? DEFAULT_START_LABELS).map(labelKey)),
  };
  // An issue without a requester label: its author's team, else the team orgwire.yaml names.
  const requesterByAuthor = (login: string) => {
    const team = teamOfPerson(
      login,
      byLogin,
      'no requester label, and the author',
      `Label the issue ${requesterPrefix}TEAM, give the author's User the annotation github.com/user-login and a team, or set requests.github.requester in orgwire.yaml to the team that stands for everyone else (e.g. community).`,
    );
    return team.ok || github.requester === undefined
      ? team
      : pickTeam(context, 'requester', 'requests.github.requester', [github.requester]);
  };
  let unnamed = false;
  let neverStarted = 0;
  issues.forEach((issue, index) => {
    const line = lines[index] ?? 1;
    if (!isObject(issue)) {
      context.skip(
        line,
        `item ${index + 1} is not an issue object`,
        `Export the issues with ${GH_EXPORT}.`,
      );
      return;
    }
    if (isObject(issue.pull_request)) return;
    const number = issue.number;
    const id = typeof number === 'number' && Number.isInteger(number) ? String(number) : '';
    const labels = (Array.isArray(issue.labels) ? issue.labels : [])
      .map((label) => (isObject(label) ? label.name : label))
      .filter((name): name is string => typeof name === 'string');
    const labelled = (prefix: string) =>
      labels.filter((l) => l.toLowerCase().startsWith(prefix)).map((l) => l.slice(prefix.length));
    const field = (...keys: string[]): string => {
      for (const key of keys) {
        const value = issue[key];
        if (typeof value === 'string') return value;
      }
      return '';
    };
    const closed = field('closedAt', 'closed_at');
    const state = field('state').toLowerCase();
    const author = isObject(issue.author) ? issue.author : isObject(issue.user) ? issue.user : {};
    const requesters = labelled(requesterPrefix);
    const prefixed = labelled(providerPrefix);
    const mapped = labels.filter((l) => teamLabels.teams.has(columnKey(l)));
    const providers = [...prefixed, ...mapped];
    const repository = /\/repos\/([^/]+\/[^/]+)$/.exec(field('repository_url'))?.[1] ?? given;
    const owner =
      repository === undefined ? undefined : repositoryOwners.get(repository.toLowerCase());
    if (repository === undefined) unnamed = true;
    const created = parseRequestDate(field('createdAt', 'created_at'));
    const doneValue = state === 'open' || ZERO_TIME.test(closed) ? '' : closed;
    const done = parseRequestDate(doneValue);
    const changes = timelineChanges(issue, rule);
    const waits =
      changes !== undefined && changes.length > 0 && created !== undefined
        ? statusWaits(created, done, changes, new Set())
        : undefined;
    const kept = context.requests.length;
    addRow(context, {
      line,
      tracker: repository === undefined ? 'github' : `github:${repository.toLowerCase()}`,
      id,
      idField: 'issue number',
      shownId: `#${id}`,
      // Messages name the fields as the export spells them.
      dates: [
        {
          field: 'created_at' in issue ? 'created_at' : 'createdAt',
          value: field('createdAt', 'created_at'),
          role: 'created',
        },
        ...(waits?.started === undefined
          ? []
          : [{ field: 'timeline', value: waits.started, role: 'started' as const }]),
        {
          field: 'closed_at' in issue ? 'closed_at' : 'closedAt',
          value: doneValue,
          role: 'done',
        },
        {
          field: 'updated_at' in issue ? 'updated_at' : 'updatedAt',
          value: field('updatedAt', 'updated_at'),
          role: 'updated',
        },
      ],
      requester:
        requesters.length > 0
          ? pickTeam(context, 'requester', `label ${requesterPrefix}`, requesters)
          : requesterByAuthor(typeof author.login === 'string' ? author.login : ''),
      provider:
        providers.length > 0
          ? pickTeam(
              context,
              'provider',
              prefixed.length > 0 ? `label ${providerPrefix}` : 'labels (requests.github.teams)',
              providers,
              teamLabels,
            )
          : github.provider !== undefined
            ? pickTeam(context, 'provider', 'requests.github.provider', [github.provider])
            : owner !== undefined
              ? { ok: true, value: owner }
              : fail(
                  `no provider: no ${providerPrefix} label, and requests.github.provider is not set`,
                  `Label the issue ${providerPrefix}TEAM, map its labels to teams in requests.github.teams, or set requests.github.provider in orgwire.yaml to the team that owns the repository.`,
                ),
      ...(waits?.waited === undefined ? {} : { waited: waits.waited }),
    });
    // Counted among the issues read, not those skipped for another reason.
    if (changes?.length === 0 && done !== undefined && context.requests.length > kept)
      neverStarted++;
  });
  if (unnamed)
    context.note(
      1,
      'the issues do not say which repository they are from: they are kept as tracker "github", where two repositories\' #1 would be one ticket',
      'Pass --requests-repo OWNER/NAME (or set requests.github.repository in orgwire.yaml), or export them through the REST API, whose issues name their repository.',
    );
  if (neverStarted > 0)
    context.note(
      1,
      `${neverStarted} closed issue${neverStarted === 1 ? ' was' : 's were'} never assigned nor labelled in progress (${[...rule.labels].join(', ')}) in ${neverStarted === 1 ? 'its' : 'their'} timeline: when work started is unknown, and ${neverStarted === 1 ? 'its' : 'their'} wait is left out`,
      'If your teams mark work in progress otherwise, name the labels in requests.github.started.labels in orgwire.yaml.',
    );
  sortByLine(context);
}

/** Groups that own a component with `github.com/project-slug`, by the slug (lower case). */
function repositoryOwnerIndex(catalog: Catalog): Map<string, string> {
  const owners = new Map<string, string>();
  for (const component of catalog.components) {
    const slug = component.annotations['github.com/project-slug']?.trim().toLowerCase();
    if (slug && component.owner.startsWith('group:')) owners.set(slug, component.owner);
  }
  return owners;
}

/**
 * The issues a JSON value holds, and the depth of the array they are elements of (see
 * `JsonValue.elementLines`; 0: the value is one issue): a list of issues, a list of pages
 * (`gh api --paginate --slurp`), a search result's `items`, or one issue.
 */
function issueList(value: unknown): { issues: unknown[]; depth: 0 | 1 | 2 } | undefined {
  if (Array.isArray(value)) {
    return value.length > 0 && value.every(Array.isArray)
      ? { issues: value.flat(), depth: 2 }
      : { issues: value, depth: 1 };
  }
  if (isObject(value) && Array.isArray(value.items)) return { issues: value.items, depth: 2 };
  if (isObject(value) && 'number' in value) return { issues: [value], depth: 0 };
  return undefined;
}
