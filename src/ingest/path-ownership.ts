import {
  type Catalog,
  type Component,
  closestName,
  type PathOwnership,
  type UnresolvedOwner,
} from '../model/index.js';
import { compileGlob, type Glob } from './compile-glob.js';
import { githubNoreplyLogin } from './identities.js';
import { type CodeownersRule, matchCodeowners } from './ownership/codeowners.js';
import type { OwnerName, OwnershipReading } from './ownership/ownership-reading.js';

export interface RepositoryNames {
  /** The short name that labels this repository's folders and CODEOWNERS rules. */
  label: string;
  /** Every name the repository answers to in `REPO:` prefixes: folder name, remote name, owner/name. */
  names: readonly string[];
}

interface CompiledGlob {
  component: Component;
  glob: string;
  compiled: Glob;
}

/**
 * Decides ownership of paths in one repository, in this order of precedence:
 * 1. a component whose `orgwire.dev/paths` match the path (or a folder above it), the most
 *    specific (longest) glob winning;
 * 2. the ownership files the repository keeps (`readings`, in their order: OWNERS,
 *    MAINTAINERS, GitLab's CODEOWNERS), the first whose rules cover the path;
 * 3. the GitHub CODEOWNERS rule that matches last;
 * 4. else the top-level folder.
 * A file's owner names resolve to the first that is a Group of the catalog, else the first
 * that is a User; its co-owners likewise, each to its Group or User.
 */
export function createPathResolver(
  catalog: Catalog,
  repo: RepositoryNames,
  codeowners: { rules: readonly CodeownersRule[] },
  readings: readonly OwnershipReading[] = [],
): { resolve: (path: string) => PathOwnership; unresolvedOwners: UnresolvedOwner[] } {
  const names = new Set(repo.names.map((n) => n.toLowerCase()));
  const globs: CompiledGlob[] = catalog.components.flatMap((component) =>
    component.paths
      .filter((p) => p.repo === undefined || names.has(p.repo.toLowerCase()))
      .map((p) => ({ component, glob: p.glob, compiled: compileGlob(p.glob, 'path') })),
  );
  globs.sort(
    (a, b) => b.glob.length - a.glob.length || a.component.ref.localeCompare(b.component.ref),
  );
  // A glob can only match paths under its literal folder (`services/cart` for
  // `services/cart/**`), so globs are filed by that folder and a path tries only those
  // filed under itself or a folder above it: with 20,000 components, each path tries a
  // handful of globs instead of all of them.
  const byBase = new Map<string, { rank: number; glob: CompiledGlob }[]>();
  globs.forEach((glob, rank) => {
    const base = glob.compiled.base;
    const list = byBase.get(base) ?? [];
    list.push({ rank, glob });
    byBase.set(base, list);
  });
  /** The first glob in priority order that matches the path or a folder above it. */
  const firstMatch = (prefixes: readonly string[]): CompiledGlob | undefined => {
    let best: { rank: number; glob: CompiledGlob } | undefined;
    for (const base of ['', ...prefixes]) {
      for (const candidate of byBase.get(base) ?? []) {
        if (best && candidate.rank > best.rank) break;
        if (prefixes.some((p) => candidate.glob.compiled.matches(p))) best = candidate;
      }
    }
    return best?.glob;
  };

  const lookup = ownerLookup(catalog);
  const ruleOwners = codeownersRuleOwners(lookup, codeowners.rules);
  const resolveNames = ownerNameResolver(lookup);

  const resolve = (input: string): PathOwnership => {
    const path = normalizePath(input);
    const prefixes = ancestors(path);
    const hit = firstMatch(prefixes);
    if (hit) {
      return {
        path,
        component: hit.component.ref,
        owner: hit.component.owner,
        rule: {
          source: 'paths',
          component: hit.component.ref,
          glob: hit.glob,
          file: hit.component.source.file,
          line: hit.component.source.line,
        },
      };
    }
    for (const reading of readings) {
      const decision = reading.decide(path);
      if (!decision) continue;
      // A GitLab line with no owners leaves the path to what comes after, as GitHub's does.
      if (decision.owners.length === 0 && decision.rule.source === 'codeowners') break;
      const owner = resolveNames(decision.owners, reading.format);
      const coOwners = [
        ...new Set(decision.coOwners.flatMap((n) => resolveNames([n], reading.format) ?? [])),
      ].filter((ref) => ref !== owner);
      return {
        path,
        component: `${decision.rule.source}:${repo.label}:${decision.component}`,
        owner: owner ?? null,
        ...(coOwners.length > 0 ? { coOwners } : {}),
        rule: decision.rule,
      };
    }
    const rule = matchCodeowners(codeowners.rules, path);
    if (rule && rule.owners.length > 0) {
      const owner = ruleOwners.get(rule);
      return {
        path,
        component: `codeowners:${repo.label}:${rule.pattern}`,
        owner: owner ?? null,
        rule: {
          source: 'codeowners',
          pattern: rule.pattern,
          owners: rule.owners,
          file: rule.file,
          line: rule.line,
        },
      };
    }
    const slash = path.indexOf('/');
    const folder = slash === -1 ? '/' : path.slice(0, slash);
    return {
      path,
      component: `folder:${repo.label}:${folder}`,
      owner: null,
      rule: { source: 'folder', folder },
    };
  };
  return {
    resolve,
    unresolvedOwners: [
      ...unresolvedOwners(catalog, lookup, codeowners.rules),
      ...readings.flatMap((r) =>
        unresolvedOwners(catalog, lookup, r.rules, r.format === 'gitlab-codeowners'),
      ),
    ],
  };
}

/** A repository-relative path with forward slashes and no leading `./` or `/`. */
export function normalizePath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^(\.?\/)+/, '')
    .replace(/\/+$/, '');
}

/** The path and every folder above it: `a/b/c` → `a/b/c`, `a/b`, `a`. */
function ancestors(path: string): string[] {
  const out = [path];
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1))
    out.push(path.slice(0, i));
  return out;
}

type OwnerMatch = { kind: 'group' | 'user'; ref: string };

/**
 * How owners as CODEOWNERS writes them match the catalog: `@org/team` (GitLab's
 * `@group/subgroup/team` too) the Group whose `github.com/team-slug` is `org/team`, else
 * whose name is the last part; `@login` the User with that GitHub login — or, in GitLab's
 * file, where a user and a group never share a name, the Group of that name; an e-mail
 * the User with that e-mail (or a GitHub no-reply address's login).
 */
function ownerLookup(catalog: Catalog) {
  const groupBySlug = new Map<string, string>();
  const groupByName = new Map<string, string>();
  for (const group of catalog.groups) {
    if (group.teamSlug) groupBySlug.set(group.teamSlug.toLowerCase(), group.ref);
    if (!groupByName.has(group.name.toLowerCase()))
      groupByName.set(group.name.toLowerCase(), group.ref);
  }
  // Names a what-if scenario merged into a team: theirs where no group has them now.
  for (const group of catalog.groups)
    for (const was of group.formerly ?? []) {
      if (was.teamSlug && !groupBySlug.has(was.teamSlug.toLowerCase()))
        groupBySlug.set(was.teamSlug.toLowerCase(), group.ref);
      if (!groupByName.has(was.name.toLowerCase()))
        groupByName.set(was.name.toLowerCase(), group.ref);
    }
  const userByLogin = new Map<string, string>();
  const userByEmail = new Map<string, string>();
  for (const user of catalog.users) {
    if (user.githubLogin) userByLogin.set(user.githubLogin, user.ref);
    for (const email of user.emails) userByEmail.set(email, user.ref);
  }
  const group = (ref: string | undefined): OwnerMatch | undefined =>
    ref ? { kind: 'group', ref } : undefined;
  const user = (ref: string | undefined): OwnerMatch | undefined =>
    ref ? { kind: 'user', ref } : undefined;
  return {
    written(owner: string, gitlab = false): OwnerMatch | undefined {
      const lower = owner.toLowerCase();
      if (lower.startsWith('@') && lower.includes('/')) {
        const slug = lower.slice(1);
        return group(
          groupBySlug.get(slug) ?? groupByName.get(slug.slice(slug.lastIndexOf('/') + 1)),
        );
      }
      if (lower.startsWith('@')) {
        const name = lower.slice(1);
        return user(userByLogin.get(name)) ?? (gitlab ? group(groupByName.get(name)) : undefined);
      }
      const login = githubNoreplyLogin(lower);
      return user(userByEmail.get(lower) ?? (login ? userByLogin.get(login) : undefined));
    },
    group: (name: string): OwnerMatch | undefined => group(groupByName.get(name.toLowerCase())),
  };
}

/**
 * Resolves the owner names of ownership files' decisions (see `OwnerName`): the first
 * name that is a Group of the catalog, else the first that is a User. Group names the
 * files expect the catalog to have (`sig-node`) may match nothing; that is no problem.
 */
function ownerNameResolver(lookup: ReturnType<typeof ownerLookup>) {
  const match = (name: OwnerName, gitlab: boolean) =>
    name.kind === 'group' ? lookup.group(name.name) : lookup.written(name.owner, gitlab);
  return (names: readonly OwnerName[], format: OwnershipReading['format']): string | undefined => {
    const found = names.map((name) => match(name, format === 'gitlab-codeowners'));
    return (found.find((f) => f?.kind === 'group') ?? found.find((f) => f))?.ref;
  };
}

/**
 * The first owner of each CODEOWNERS rule that is a Group, else its first User (see
 * `ownerLookup`); rules whose owners match nothing are left out.
 */
function codeownersRuleOwners(
  lookup: ReturnType<typeof ownerLookup>,
  rules: readonly CodeownersRule[],
): Map<CodeownersRule, string> {
  const byRule = new Map<CodeownersRule, string>();
  for (const rule of rules) {
    const found = rule.owners.map((owner) => lookup.written(owner));
    const owner = found.find((f) => f?.kind === 'group') ?? found.find((f) => f);
    if (owner) byRule.set(rule, owner.ref);
  }
  return byRule;
}

/**
 * The owners `rules` write that match no Group or User, once each, with the first line
 * that names them, how many rules do, and the known owner of the same sort they are
 * closest to (see `suggestOwner`). GitLab's roles (`@@developer`) name nobody to match.
 */
function unresolvedOwners(
  catalog: Catalog,
  lookup: ReturnType<typeof ownerLookup>,
  rules: readonly { owners?: readonly string[]; file: string; line: number }[],
  gitlab = false,
): UnresolvedOwner[] {
  const unresolved = new Map<string, UnresolvedOwner>();
  for (const rule of rules) {
    for (const owner of rule.owners ?? []) {
      if (owner.startsWith('@@') || lookup.written(owner, gitlab)) continue;
      const seen = unresolved.get(owner);
      if (seen) seen.rules++;
      else {
        const suggestion = suggestOwner(catalog, owner) ?? null;
        unresolved.set(owner, { owner, file: rule.file, line: rule.line, rules: 1, suggestion });
      }
    }
  }
  return [...unresolved.values()];
}

/**
 * What an unknown CODEOWNERS owner was probably meant to be, by `closestName` over the
 * owners of its sort that would resolve, compared without case: for `@org/team`, the
 * team part against the Groups' `github.com/team-slug`s of the same org and the Groups'
 * names (suggested as `@org/name`); for `@login`, the Users' logins; for an e-mail, the
 * Users' e-mails, by the part before `@` among those of its domain, else by the domain
 * among those with its part before `@`.
 */
export function suggestOwner(catalog: Catalog, owner: string): string | undefined {
  const lower = owner.toLowerCase();
  const slash = lower.indexOf('/');
  if (lower.startsWith('@') && slash !== -1) {
    const org = lower.slice(0, slash + 1);
    const candidates = catalog.groups.flatMap((g) => [
      ...(g.teamSlug && `@${g.teamSlug}`.startsWith(org) ? [`@${g.teamSlug}`] : []),
      `${org}${g.name.toLowerCase()}`,
    ]);
    return closestName(lower.slice(slash + 1), candidates, (c) => c.slice(slash + 1));
  }
  if (lower.startsWith('@')) {
    const logins = catalog.users.flatMap((u) => (u.githubLogin ? [u.githubLogin] : []));
    const login = closestName(lower.slice(1), logins);
    return login === undefined ? undefined : `@${login}`;
  }
  // An e-mail's parts are compared apart, so that a shared domain does not make
  // carol@acme.example look like ana@acme.example.
  const at = lower.lastIndexOf('@');
  const [local, domain] = [lower.slice(0, at), lower.slice(at + 1)];
  const emails = catalog.users.flatMap((u) => u.emails);
  const part = (email: string, which: 0 | 1) => {
    const split = email.lastIndexOf('@');
    return which === 0 ? email.slice(0, split) : email.slice(split + 1);
  };
  return (
    closestName(
      local,
      emails.filter((e) => part(e, 1) === domain),
      (e) => part(e, 0),
    ) ??
    closestName(
      domain,
      emails.filter((e) => part(e, 0) === local),
      (e) => part(e, 1),
    )
  );
}
