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
 * Decides ownership of paths in one repository: a component whose `orgwire.dev/paths`
 * match the path (or a folder above it) decides first, the most specific (longest) glob
 * winning; else the CODEOWNERS rule that matches last; else the top-level folder.
 */
export function createPathResolver(
  catalog: Catalog,
  repo: RepositoryNames,
  codeowners: { rules: readonly CodeownersRule[] },
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

  const owners = resolveCodeownersOwners(catalog, codeowners.rules);

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
    const rule = matchCodeowners(codeowners.rules, path);
    if (rule && rule.owners.length > 0) {
      const owner = owners.byRule.get(rule);
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
  return { resolve, unresolvedOwners: owners.unresolved };
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

/**
 * Maps each CODEOWNERS rule to its owning team: `@org/team` to the Group whose
 * `github.com/team-slug` is `org/team` (or whose name is `team`), `@login` and e-mails to
 * a User; the first owner that is a Group wins, else the first User. Owners that match
 * nothing are listed once each, with the first line that names them and the known owner
 * of the same sort they are closest to (see `suggestOwner`).
 */
function resolveCodeownersOwners(catalog: Catalog, rules: readonly CodeownersRule[]) {
  const groupBySlug = new Map<string, string>();
  const groupByName = new Map<string, string>();
  for (const group of catalog.groups) {
    if (group.teamSlug) groupBySlug.set(group.teamSlug, group.ref);
    if (!groupByName.has(group.name.toLowerCase()))
      groupByName.set(group.name.toLowerCase(), group.ref);
  }
  const userByLogin = new Map<string, string>();
  const userByEmail = new Map<string, string>();
  for (const user of catalog.users) {
    if (user.githubLogin) userByLogin.set(user.githubLogin, user.ref);
    for (const email of user.emails) userByEmail.set(email, user.ref);
  }
  const lookup = (owner: string): { kind: 'group' | 'user'; ref: string } | undefined => {
    const lower = owner.toLowerCase();
    if (lower.startsWith('@') && lower.includes('/')) {
      const slug = lower.slice(1);
      const ref = groupBySlug.get(slug) ?? groupByName.get(slug.slice(slug.indexOf('/') + 1));
      return ref ? { kind: 'group', ref } : undefined;
    }
    if (lower.startsWith('@')) {
      const ref = userByLogin.get(lower.slice(1));
      return ref ? { kind: 'user', ref } : undefined;
    }
    const login = githubNoreplyLogin(lower);
    const ref = userByEmail.get(lower) ?? (login ? userByLogin.get(login) : undefined);
    return ref ? { kind: 'user', ref } : undefined;
  };

  const byRule = new Map<CodeownersRule, string>();
  const unresolved = new Map<string, UnresolvedOwner>();
  for (const rule of rules) {
    const found = rule.owners.map((owner) => ({ owner, match: lookup(owner) }));
    for (const { owner, match } of found) {
      if (match) continue;
      const seen = unresolved.get(owner);
      if (seen) seen.rules++;
      else {
        const suggestion = suggestOwner(catalog, owner) ?? null;
        unresolved.set(owner, { owner, file: rule.file, line: rule.line, rules: 1, suggestion });
      }
    }
    const owner = found.find((f) => f.match?.kind === 'group') ?? found.find((f) => f.match);
    if (owner?.match) byRule.set(rule, owner.match.ref);
  }
  return { byRule, unresolved: [...unresolved.values()] };
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
