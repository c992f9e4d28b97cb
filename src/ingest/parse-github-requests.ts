import type { Catalog } from '../model/index.js';
import {
  addRow,
  type Context,
  fail,
  isObject,
  pickTeam,
  sortByLine,
  teamOfPerson,
} from './request-context.js';
import { createUserIndex } from './team-matcher.js';

const GH_EXPORT =
  'gh issue list --state all --json number,title,state,createdAt,closedAt,labels,author';

// gh writes Go's zero time for an issue that was never closed.
const ZERO_TIME = /^0001-01-01/;

/**
 * GitHub issues as `gh issue list --json …` writes them (camelCase, `author`, states
 * OPEN/CLOSED) or as the REST API returns them (snake_case, `user`, open/closed, pull
 * requests among the issues, which are left out), as a list, a search result's `items`,
 * or one issue.
 */
export function parseGithubRequests(text: string, context: Context): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    context.fail(
      lineOfIndex(text, position === undefined ? text.length : Number(position)),
      `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
      `Export the issues again, e.g. ${GH_EXPORT} > issues.json.`,
    );
    return;
  }
  const items = isObject(data) && Array.isArray(data.items) ? data.items : undefined;
  const one = isObject(data) && 'number' in data ? [data] : undefined;
  const issues: unknown[] | undefined = Array.isArray(data) ? data : (items ?? one);
  if (issues === undefined) {
    const said =
      isObject(data) && typeof data.message === 'string' ? ` (GitHub said: ${data.message})` : '';
    context.fail(
      1,
      `this JSON is not a list of GitHub issues${said}`,
      `Export the issues with ${GH_EXPORT}, or save what the REST API's issue list returns.`,
    );
    return;
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
  const lines =
    one === undefined
      ? elementLines(text, items !== undefined)
      : [lineOfIndex(text, text.search(/\S/))];
  const github = context.mapping.github ?? {};
  const requesterPrefix = (github.requesterLabelPrefix ?? 'requester:').toLowerCase();
  const providerPrefix = (github.providerLabelPrefix ?? 'team:').toLowerCase();
  const byLogin = createUserIndex(context.catalog.users, (u) => [u.githubLogin]);
  const repositoryOwners = repositoryOwnerIndex(context.catalog);
  const given = context.repository ?? github.repository;
  let unnamed = false;
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
    const providers = labelled(providerPrefix);
    const repository = /\/repos\/([^/]+\/[^/]+)$/.exec(field('repository_url'))?.[1] ?? given;
    const owner =
      repository === undefined ? undefined : repositoryOwners.get(repository.toLowerCase());
    if (repository === undefined) unnamed = true;
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
        {
          field: 'closed_at' in issue ? 'closed_at' : 'closedAt',
          value: state === 'open' || ZERO_TIME.test(closed) ? '' : closed,
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
          : teamOfPerson(
              typeof author.login === 'string' ? author.login : '',
              byLogin,
              'no requester label, and the author',
              `Label the issue ${requesterPrefix}TEAM, or give the author's User the annotation github.com/user-login and a team.`,
            ),
      provider:
        providers.length > 0
          ? pickTeam(context, 'provider', `label ${providerPrefix}`, providers)
          : github.provider !== undefined
            ? pickTeam(context, 'provider', 'requests.github.provider', [github.provider])
            : owner !== undefined
              ? { ok: true, value: owner }
              : fail(
                  `no provider: no ${providerPrefix} label, and requests.github.provider is not set`,
                  `Label the issue ${providerPrefix}TEAM, or set requests.github.provider in orgwire.yaml to the team that owns the repository.`,
                ),
    });
  });
  if (unnamed)
    context.note(
      1,
      'the issues do not say which repository they are from: they are kept as tracker "github", where two repositories\' #1 would be one ticket',
      'Pass --requests-repo OWNER/NAME (or set requests.github.repository in orgwire.yaml), or export them through the REST API, whose issues name their repository.',
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

const lineOfIndex = (text: string, index: number): number =>
  text.slice(0, Math.max(0, index)).split('\n').length;

/**
 * The line where each element of the issue list starts: the top-level array, or the array
 * under the top-level `items` key. The text is known to be valid JSON, so raw line breaks
 * occur only between tokens.
 */
function elementLines(text: string, underItems: boolean): number[] {
  const lines: number[] = [];
  const stack: string[] = [];
  let line = 1;
  let listDepth = -1;
  let expecting = false;
  let stringStart = -1;
  let lastString: unknown;
  let key: unknown;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      line++;
      continue;
    }
    if (stringStart >= 0) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        if (stack.length === 1) lastString = JSON.parse(text.slice(stringStart, i + 1));
        stringStart = -1;
      }
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') continue;
    if (expecting && ch !== ']') lines.push(line);
    expecting = false;
    if (ch === '"') stringStart = i;
    else if (ch === '[' || ch === '{') {
      stack.push(ch);
      const isList = underItems ? stack.length === 2 && key === 'items' : stack.length === 1;
      if (ch === '[' && listDepth === -1 && isList) {
        listDepth = stack.length;
        expecting = true;
      }
    } else if (ch === ']' || ch === '}') {
      if (stack.length === listDepth) return lines;
      stack.pop();
    } else if (ch === ',') expecting = stack.length === listDepth;
    else if (ch === ':' && stack.length === 1) key = lastString;
  }
  return lines;
}
