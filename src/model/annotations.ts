import { type PathGlob, TEAM_TYPES, type TeamType } from './entities.js';

/** orgwire's annotation keys. Values are strings, as Backstage requires of annotations. */
export const ANNOTATIONS = {
  teamType: 'orgwire.dev/team-type',
  requestSla: 'orgwire.dev/request-sla',
  emails: 'orgwire.dev/emails',
  paths: 'orgwire.dev/paths',
  availability: 'orgwire.dev/availability',
  asyncDependencies: 'orgwire.dev/async-dependencies',
  teamSlug: 'github.com/team-slug',
  userLogin: 'github.com/user-login',
} as const;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; hint: string };

const fail = (message: string, hint: string): Parsed<never> => ({ ok: false, message, hint });

/** Splits a comma-separated annotation into trimmed, non-empty items. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function parseTeamType(value: string): Parsed<TeamType> {
  const type = TEAM_TYPES.find((t) => t === value.trim());
  return type
    ? { ok: true, value: type }
    : fail(`"${value}" is not a team type`, `Use one of: ${TEAM_TYPES.join(', ')}.`);
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(d|w|h)$/i;
const UNIT_DAYS: Record<string, number> = { h: 1 / 24, d: 1, w: 7 };

/** A promise such as `14d`, `2w` or `36h`, in days. */
export function parseDuration(value: string): Parsed<number> {
  const match = DURATION.exec(value.trim());
  const amount = Number(match?.[1]);
  const unit = match?.[2]?.toLowerCase();
  if (!match || unit === undefined || !(amount > 0)) {
    return fail(
      `"${value}" is not a duration`,
      'Write a number of days, weeks or hours, e.g. 14d, 2w or 36h.',
    );
  }
  return { ok: true, value: amount * (UNIT_DAYS[unit] ?? 1) };
}

const EMAIL = /^[^\s@,]+@[^\s@,]+$/;

/** Comma-separated e-mails, lower-cased. */
export function parseEmails(value: string): Parsed<string[]> {
  const emails = splitList(value);
  const bad = emails.find((email) => !EMAIL.test(email));
  if (bad !== undefined) {
    return fail(
      `"${bad}" is not an e-mail address`,
      'List e-mails separated by commas, e.g. ana@corp.example, ana@home.example.',
    );
  }
  return { ok: true, value: emails.map((email) => email.toLowerCase()) };
}

/**
 * Comma-separated path globs, each optionally prefixed `REPO:` to limit it to one
 * repository. Globs are relative to the repository root.
 */
export function parsePaths(value: string): Parsed<PathGlob[]> {
  const globs: PathGlob[] = [];
  for (const item of splitList(value)) {
    const colon = item.indexOf(':');
    const repo = colon > 0 ? item.slice(0, colon).trim() : undefined;
    // A leading `/` is implied and a trailing `/` adds nothing: a folder covers what is below it.
    const glob = (colon > 0 ? item.slice(colon + 1) : item).trim().replace(/^\/+|\/+$/g, '');
    if (glob === '' || glob.includes('\\')) {
      return fail(
        `"${item}" is not a path glob`,
        'Write globs relative to the repository root, e.g. services/checkout/**, or shop:services/checkout.',
      );
    }
    // Read literally by the glob engine, these would match nothing and say nothing.
    if (/^!|[{}]|[@!+*?]\(/.test(glob)) {
      return fail(
        `"${item}" uses glob syntax orgwire does not read (braces, a leading !, or @(…)-style groups)`,
        'Path globs have *, **, ? and [...]; list each path separately, e.g. services/a/**, services/b/**.',
      );
    }
    globs.push(repo === undefined ? { glob } : { repo, glob });
  }
  if (globs.length === 0) {
    return fail('the path list is empty', 'List at least one glob, e.g. services/checkout/**.');
  }
  return { ok: true, value: globs };
}

/** An availability objective in percent, e.g. `99.95`. */
export function parseAvailability(value: string): Parsed<number> {
  const trimmed = value.trim().replace(/%$/, '');
  const percent = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(percent) || percent <= 0 || percent > 100) {
    return fail(
      `"${value}" is not an availability`,
      'Write a percentage above 0 and at most 100, e.g. 99.95.',
    );
  }
  return { ok: true, value: percent };
}
