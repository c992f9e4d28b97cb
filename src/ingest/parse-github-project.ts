import { columnKey } from './column-key.js';
import {
  type Context,
  isObject,
  type Json,
  pickTeam,
  readJson,
  sortByLine,
  teamAliases,
} from './request-context.js';

const GH_ITEMS = 'gh project item-list NUMBER --owner OWNER --format json --limit 1000';

/**
 * Whether a JSON text is a GitHub project's items as `gh project item-list --format json`
 * writes them: `items` whose elements have `content`. Looked for in the first 64 KiB.
 */
export function looksLikeGithubProject(text: string): boolean {
  const head = text.slice(0, 65_536);
  return /^\s*\{\s*"items"\s*:\s*\[\s*\{/.test(head) && /"content"\s*:\s*\{/.test(head);
}

/**
 * A GitHub project's items (`gh project item-list --format json`: `{items, totalCount}`,
 * each item its `content` — type, number, `repository` as owner/name — and a key per field
 * that has a value, the field's name with its first letter lower-cased). The items carry no
 * dates, so they cannot stand for requests: they say which team provides each issue — the
 * team whose board the project is (`requests.githubProject.provider`), or the one a field
 * names (`requests.githubProject.field`, e.g. `Team`) — as amendments to the issues other
 * exports hold. Draft items and pull requests are passed over.
 */
export function parseGithubProject(text: string, context: Context): void {
  const values = readJson(text, context, `Export the items again: ${GH_ITEMS}.`);
  if (values === undefined) return;
  const notItems = values.find(({ value }) => !isItemList(value));
  if (notItems !== undefined) {
    context.fail(
      notItems.line,
      'this JSON is not a GitHub project’s items ("items" with their "content")',
      `Export them with ${GH_ITEMS}.`,
    );
    return;
  }
  const setting = context.mapping.githubProject ?? {};
  if (setting.field === undefined && setting.provider === undefined) {
    context.fail(
      1,
      'a GitHub project’s items name no team by themselves',
      'Set requests.githubProject.provider in orgwire.yaml to the team whose board the project is, or requests.githubProject.field to the field that names the providing team (e.g. Team).',
    );
    return;
  }
  const aliases = teamAliases('requests.githubProject.teams', setting.teams);
  let drafts = 0;
  for (const { value, line, elementLines } of values) {
    if (!isItemList(value)) continue;
    const total = value.totalCount;
    if (typeof total === 'number' && total > value.items.length)
      context.note(
        line,
        `the export holds ${value.items.length} of the project’s ${total} items`,
        `gh lists 30 items unless told more: ${GH_ITEMS.replace('1000', String(total))}.`,
      );
    value.items.forEach((item, index) => {
      const at = elementLines[1][index] ?? line;
      const content = isObject(item) && isObject(item.content) ? item.content : undefined;
      if (content === undefined || content.type !== 'Issue') {
        if (content?.type === 'DraftIssue') drafts++;
        return;
      }
      const number = content.number;
      const repository = typeof content.repository === 'string' ? content.repository : '';
      if (typeof number !== 'number' || !/^[^/\s]+\/[^/\s]+$/.test(repository)) {
        context.skip(
          at,
          'the item names no issue (content.number, content.repository)',
          `Export the items with ${GH_ITEMS}.`,
        );
        return;
      }
      const field =
        setting.field === undefined ? undefined : fieldValue(item as Json, setting.field);
      const team =
        field !== undefined && field !== ''
          ? pickTeam(context, 'provider', setting.field as string, [field], aliases)
          : setting.provider !== undefined
            ? pickTeam(context, 'provider', 'requests.githubProject.provider', [setting.provider])
            : {
                ok: false as const,
                message: `${setting.field} is empty, so the provider is unknown`,
                hint: `Set ${setting.field} on the item, or requests.githubProject.provider in orgwire.yaml for the items without it.`,
              };
      if (!team.ok) {
        context.skip(at, `${repository}#${number}: ${team.message}`, team.hint);
        return;
      }
      context.amendments.push({
        tracker: `github:${repository.toLowerCase()}`,
        id: String(number),
        provider: team.value,
        source: `${context.file}:${at}`,
      });
    });
  }
  if (drafts > 0)
    context.note(
      1,
      `${drafts} draft item${drafts === 1 ? ' is' : 's are'} no issue, and left out`,
      'Convert a draft into an issue to count it as a request.',
    );
  sortByLine(context);
}

/** A page of items: an object whose `items` are a project's (they have `content`), or none. */
function isItemList(value: unknown): value is Json & { items: unknown[] } {
  if (!isObject(value) || !Array.isArray(value.items)) return false;
  return value.items.length === 0 || value.items.some((i) => isObject(i) && isObject(i.content));
}

/** The value of the item's field `name`: gh writes the field's name with its first letter lower-cased. */
function fieldValue(item: Json, name: string): string | undefined {
  const key = Object.keys(item).find((k) => columnKey(k) === columnKey(name));
  const value = key === undefined ? undefined : item[key];
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}
