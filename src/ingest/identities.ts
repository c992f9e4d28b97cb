import type { AuthorMatch, IdentitySignal, Person, User } from '../model/index.js';

export interface BotOptions {
  /** Count bots as authors instead of leaving them out. */
  include?: boolean;
  /** More bots: names, e-mails or regular expressions (`/…/`), matched case-insensitively. */
  extra?: readonly string[];
}

/**
 * Bots left out by default: GitHub App accounts (`name[bot]`), names ending in `-bot` or
 * ` bot`, and the usual automation identities whose names or e-mails say nothing.
 */
const DEFAULT_BOT_PATTERNS: readonly RegExp[] = [
  /\[bot\]/i,
  /(^|[-\s_.])bot$/i,
  /^(dependabot|dependabot-preview|renovate|greenkeeper|github-actions|pre-commit-ci|snyk-bot|semantic-release-bot|codecov|mergify|allcontributors|imgbot|copilot)$/i,
];
const DEFAULT_BOT_EMAILS: readonly string[] = [
  'noreply@github.com',
  'semantic-release-bot@martynus.net',
  'snyk-bot@snyk.io',
  'bot@renovateapp.com',
  '198982749+copilot@users.noreply.github.com',
  // Coding agents, usually a commit's Co-authored-by.
  'noreply@anthropic.com',
  'cursoragent@cursor.com',
];

const NOREPLY = /^(?:\d+\+)?([^@+]+)@users\.noreply\.github\.com$/i;

/** The GitHub login of a no-reply address (`ID+login@…` or `login@…`), lower-cased. */
export function githubNoreplyLogin(email: string): string | undefined {
  return NOREPLY.exec(email.trim())?.[1]?.toLowerCase();
}

function toPattern(text: string): RegExp {
  const regex = /^\/(.*)\/$/.exec(text);
  if (regex) return new RegExp(regex[1] as string, 'i');
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i');
}

/** Whether an author is a bot, by the default rules and the extra ones given. */
export function createBotDetector(options: BotOptions = {}): (person: Person) => boolean {
  const extra = (options.extra ?? []).map(toPattern);
  return ({ name, email }) => {
    const lower = email.toLowerCase();
    const local = lower.split('@')[0] ?? '';
    const login = githubNoreplyLogin(lower);
    if (DEFAULT_BOT_EMAILS.includes(lower)) return true;
    if (DEFAULT_BOT_PATTERNS.some((p) => p.test(name.trim()) || p.test(login ?? local)))
      return true;
    return extra.some((p) => p.test(name) || p.test(email) || p.test(`${name} <${email}>`));
  };
}

/** What the work says about who is who, beyond the catalog's own e-mails and logins. */
export interface IdentityHints {
  /** Accepted aliases: an author's e-mail or name, lower-cased → User reference. */
  aliases?: ReadonlyMap<string, string>;
  /** The GitHub login each author e-mail's pull requests were merged under (lower-cased). */
  mergeLogins?: ReadonlyMap<string, string>;
}

/**
 * Matches authors to users, case-insensitively, by the first signal that names a User
 * (see {@link IdentitySignal} for the order): the profile e-mail or one of
 * `orgwire.dev/emails`; an accepted alias, by e-mail then by name; a GitHub no-reply
 * address whose login is the user's `github.com/user-login`; the login that merged the
 * author's pull requests; the e-mail's local part equal to a login; the author name
 * (one word) equal to a login. Bots are recognised first (and so never match a user).
 */
export function createIdentityResolver(
  users: readonly User[],
  isBot: (person: Person) => boolean,
  hints: IdentityHints = {},
): (person: Person) => AuthorMatch {
  const byEmail = new Map<string, string>();
  const byLogin = new Map<string, string>();
  for (const user of users) {
    for (const email of user.emails) if (!byEmail.has(email)) byEmail.set(email, user.ref);
    if (user.githubLogin && !byLogin.has(user.githubLogin)) byLogin.set(user.githubLogin, user.ref);
  }
  const aliases = hints.aliases ?? new Map<string, string>();
  const mergeLogins = hints.mergeLogins ?? new Map<string, string>();
  const user = (ref: string | undefined, via: IdentitySignal): AuthorMatch | undefined =>
    ref === undefined ? undefined : { kind: 'user', user: ref, via };
  const login = (name: string | undefined) => (name === undefined ? undefined : byLogin.get(name));
  return (person) => {
    if (isBot(person)) return { kind: 'bot' };
    const email = person.email.trim().toLowerCase();
    const name = person.name.trim().toLowerCase();
    const noreply = githubNoreplyLogin(email);
    const local = email.includes('@') ? email.slice(0, email.indexOf('@')) : undefined;
    return (
      user(byEmail.get(email), 'email') ??
      user(aliases.get(email), 'alias') ??
      user(aliases.get(name), 'alias') ??
      user(login(noreply), 'github-noreply') ??
      user(login(mergeLogins.get(email)), 'merge-login') ??
      user(noreply === undefined ? login(local) : undefined, 'login-in-email') ??
      user(/\s/.test(name) ? undefined : login(name), 'login-as-name') ?? { kind: 'unmatched' }
    );
  };
}

/**
 * Parses `Name <email>` as written in a `Co-authored-by:` trailer: the name is what comes
 * before the last `<` (trimmed, on one line), the e-mail what lies between it and the final
 * `>`. By index, not by a regular expression: `/^\s*(.*?)\s*<([^<>]*)>\s*$/` took cubic
 * time on a long run of spaces with no `<` (20,000 spaces: minutes).
 */
export function parseContact(text: string): Person | undefined {
  const trimmed = text.trim();
  if (!trimmed.endsWith('>')) return undefined;
  const open = trimmed.lastIndexOf('<');
  if (open === -1) return undefined;
  const inner = trimmed.slice(open + 1, -1);
  const name = trimmed.slice(0, open).trim();
  if (inner.includes('>') || /[\n\r\u2028\u2029]/.test(name)) return undefined;
  const email = inner.trim();
  return email === '' ? undefined : { name, email };
}
