import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type YAMLMap,
} from 'yaml';
import {
  type DeclaredGroup,
  type DeclaredUser,
  declaredUserKey,
  deepNestingProblem,
  isValidEntityName,
} from '../../model/index.js';
import {
  type OwnerName,
  type OwnershipDecision,
  type OwnershipFile,
  type OwnershipProblem,
  type OwnershipReading,
  uniqueEntityName,
  type WrittenRule,
} from './ownership-reading.js';

/** A GitHub login: letters, digits and single inner dashes, at most 39 characters. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** The keys Prow reads from an OWNERS file, and the conventional `emeritus_approvers`. */
const CONFIG_KEYS = ['approvers', 'reviewers', 'required_reviewers', 'labels'] as const;
const TOP_KEYS = new Set<string>([...CONFIG_KEYS, 'emeritus_approvers', 'options', 'filters']);
const OPTION_KEYS = new Set(['no_parent_owners', 'auto_approve_unowned_subfolders']);

/** `labels:` entries that name a team: `sig/node` → Group `sig-node`. */
const TEAM_LABEL = /^(sig|wg|committee|ug)\/(.+)$/;

/** One simple configuration of an OWNERS file: the top level, or one entry of `filters:`. */
interface Entry {
  /** The `filters:` key; undefined for a file without filters. */
  regex?: string;
  /** Undefined when the entry applies to every file (no filters, or the filter `.*`). */
  re?: RegExp;
  /** Approvers as written. */
  approvers: string[];
  /** Approvers lower-cased, `@` dropped, aliases expanded, valid or not (as Prow counts them). */
  expanded: string[];
  labels: string[];
  /** The group names `labels:` gives (`sig-node`). */
  labelGroups: string[];
  /** Whether it names anyone or any label: Prow reads an empty top level as no configuration. */
  configured: boolean;
  /** The first OWNERS_ALIASES alias the approvers name, as a group name. */
  alias?: string;
  /** The group made of the approvers, when it has members. */
  group?: string;
  line: number;
}

interface Folder {
  /** `''` for the root. */
  folder: string;
  file: string;
  noParentOwners: boolean;
  entries: Entry[];
}

interface Alias {
  group: string;
  members: string[];
  line: number;
}

type Problem = (code: string, line: number, message: string, hint: string) => void;

/**
 * Reads a repository's Kubernetes OWNERS files and its root OWNERS_ALIASES as Prow's
 * repoowners does (kubernetes-sigs/prow `pkg/repoowners`):
 *
 * - a file with top-level `approvers`/`reviewers`/`required_reviewers`/`labels` is read as
 *   one configuration and its `filters:` are ignored; otherwise its `filters:` are read, each
 *   key a Go regular expression matched (unanchored) against the path relative to the OWNERS
 *   file's folder, `.*` matching everything;
 * - what Prow cannot unmarshal contributes nothing: a top level with a list that is not a
 *   list of strings (then only its `filters:` are read), a filter that is not a mapping or
 *   has such a list, or an option that is not a boolean (then the whole file);
 * - a path's component is the nearest OWNERS folder whose entries matching the path give
 *   approvers or labels, named `folder [regex]` when the first such entry in file order is a
 *   filter other than `.*` (`[regex]` alone at the root);
 * - its owners, most wanted first: the groups its `sig/`, `wg/`, `committee/`, `ug/` labels
 *   name (the folder's, then the folders' above, nearest first, up to and including the
 *   first with `no_parent_owners`), then the approvers' first alias and the group made of the
 *   approvers, for each matching entry of the nearest folder with approvers;
 * - its co-owners: the alias (else group) of the approvers of the folders above that one,
 *   nearest first, up to the first with `no_parent_owners`.
 *
 * Aliases and approver groups are declared (approver groups named
 * `<repo>-<folder>-approvers`, one per set of approvers); label groups are not.
 */
export function readOwners(files: OwnershipFile[], repo: string): OwnershipReading {
  const problems: OwnershipProblem[] = [];
  const rules: WrittenRule[] = [];
  const groups: DeclaredGroup[] = [];
  const users = new Map<string, DeclaredUser>();
  const taken = new Set<string>();
  /** Approver groups by their sorted member keys, so folders with the same approvers share one. */
  const groupBySet = new Map<string, string>();
  const aliases = new Map<string, Alias>();
  /** Each alias group's sorted member keys: approvers that are just an alias are that group. */
  const aliasSets = new Map<string, string>();
  const folders = new Map<string, Folder>();

  const addUser = (login: string, file: string, line: number): string | undefined => {
    if (!LOGIN.test(login)) return undefined;
    const key = declaredUserKey({ login });
    if (!users.has(key))
      users.set(key, { key, login: login.toLowerCase(), emails: [], source: pos(file, line) });
    return key;
  };

  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const aliasFile = sorted.find((f) => f.path === 'OWNERS_ALIASES');
  const ownersFiles = sorted.filter((f) => f.path === 'OWNERS' || f.path.endsWith('/OWNERS'));
  const kept = new Set<OwnershipFile>(aliasFile ? [aliasFile, ...ownersFiles] : ownersFiles);
  for (const file of sorted) {
    if (kept.has(file)) continue;
    problems.push({
      file: file.shownAs,
      line: 1,
      severity: 'warning',
      code: 'owners/ignored-file',
      message: `${file.path} is neither an OWNERS file nor the root OWNERS_ALIASES; Prow does not read it`,
      hint: 'Prow reads OWNERS_ALIASES only at the root of the repository: move its aliases there.',
    });
  }

  if (aliasFile) {
    const doc = parseYaml(aliasFile, 'aliases', problems);
    if (doc) {
      const problem = problemsOf(aliasFile, problems);
      for (const [key, value, line] of mapEntries(doc.root, doc.doc, doc.lineOf)) {
        if (key !== 'aliases') {
          problem(
            'unknown-key',
            line,
            `unknown key "${key}" in OWNERS_ALIASES; Prow reads only aliases:`,
            'Put every alias under `aliases:`.',
          );
          continue;
        }
        for (const [name, members, at] of mapEntries(value, doc.doc, doc.lineOf)) {
          const list = membersOfAlias(members, doc.doc, doc.lineOf);
          if (!list) {
            problem(
              'not-a-list',
              at,
              `alias "${name}" is not a list of logins; Prow may then drop any of the aliases`,
              'Write one `- login` per line under the alias.',
            );
            continue;
          }
          const lower = normLogin(name);
          const previous = aliases.get(lower);
          if (previous) {
            problem(
              'duplicate-alias',
              at,
              `alias "${name}" is defined twice (first on line ${previous.line}); the last one is used`,
              'Merge the two lists into one alias.',
            );
            taken.delete(previous.group);
          }
          const group = uniqueEntityName(lower, taken, 'owners');
          const keys: string[] = [];
          for (const [login, line] of list) {
            const key = addUser(normLogin(login), aliasFile.shownAs, line);
            if (key) keys.push(key);
            else badLogin(problem, login, line);
          }
          aliases.set(lower, { group, members: [...new Set(keys)], line: at });
        }
      }
      for (const alias of aliases.values()) {
        groups.push({
          name: alias.group,
          members: alias.members,
          format: 'owners',
          source: pos(aliasFile.shownAs, alias.line),
        });
        aliasSets.set(alias.group, [...alias.members].sort().join(' '));
      }
    }
  }

  for (const file of ownersFiles) {
    const folderPath = file.path === 'OWNERS' ? '' : file.path.slice(0, -'/OWNERS'.length);
    const read = readOwnersFile(file, aliases, problems, addUser);
    for (const entry of read.entries) {
      rules.push({
        file: file.shownAs,
        line: entry.line,
        pattern: componentName(folderPath, entry.re ? entry.regex : undefined),
      });
      const members = [...new Set(entry.expanded.filter((l) => LOGIN.test(l)))].map((login) =>
        declaredUserKey({ login }),
      );
      if (members.length === 0) continue;
      const set = [...members].sort().join(' ');
      let group =
        entry.alias !== undefined && aliasSets.get(entry.alias) === set
          ? entry.alias
          : groupBySet.get(set);
      if (!group) {
        const base = [repo, folderPath, entry.re ? entry.regex : '', 'approvers']
          .filter((part) => part !== undefined && part !== '')
          .join('-');
        group = uniqueEntityName(base, taken, 'owners');
        groupBySet.set(set, group);
        groups.push({
          name: group,
          description: `Approvers of ${componentName(folderPath, entry.re ? entry.regex : undefined) || 'the repository root'} (${file.path})`,
          members,
          format: 'owners',
          source: pos(file.shownAs, entry.line),
        });
      }
      entry.group = group;
    }
    if (read.entries.length === 0) rules.push({ file: file.shownAs, line: 1, pattern: folderPath });
    folders.set(folderPath, {
      folder: folderPath,
      file: file.shownAs,
      noParentOwners: read.noParentOwners,
      entries: read.entries,
    });
  }

  const decide = makeDecide(folders);
  return {
    format: 'owners',
    files: sorted.filter((f) => kept.has(f)).map((f) => f.path),
    rules,
    entities: { groups, users: [...users.values()] },
    problems,
    decide,
  };
}

/** How a component is named: the folder, with ` [regex]` when a filter decides. */
export function componentName(folder: string, regex: string | undefined): string {
  if (regex === undefined) return folder;
  return folder === '' ? `[${regex}]` : `${folder} [${regex}]`;
}

function makeDecide(folders: Map<string, Folder>): (path: string) => OwnershipDecision | undefined {
  // The OWNERS folders above each folder, nearest first: shared by every path below it.
  const chains = new Map<string, Folder[]>();
  const chainOf = (dir: string): Folder[] => {
    const known = chains.get(dir);
    if (known) return known;
    const parent = dir === '' ? undefined : dir.slice(0, Math.max(0, dir.lastIndexOf('/')));
    const above = parent === undefined ? [] : chainOf(parent);
    const here = folders.get(dir);
    const chain = here ? [here, ...above] : above;
    chains.set(dir, chain);
    return chain;
  };
  // Where no folder on the way up has a filter, every file of a folder gets one decision.
  const byDir = new Map<string, OwnershipDecision | undefined>();
  return (path) => {
    const slash = path.lastIndexOf('/');
    const dir = slash === -1 ? '' : path.slice(0, slash);
    if (byDir.has(dir)) return byDir.get(dir);
    const chain = chainOf(dir);
    const decision = decideIn(chain, path);
    if (chain.every((f) => f.entries.every((e) => !e.re))) byDir.set(dir, decision);
    return decision;
  };
}

/** The entries of an OWNERS folder that apply to `path`, in file order. */
function matching(folder: Folder, path: string): Entry[] {
  const relative = folder.folder === '' ? path : path.slice(folder.folder.length + 1);
  return folder.entries.filter((e) => !e.re || e.re.test(relative));
}

/** The entries that count: those giving approvers (after aliases) or labels, filters first. */
function deciding(entries: Entry[]): Entry[] {
  const counted = entries.filter((e) => e.expanded.length > 0 || e.labels.length > 0);
  return [...counted.filter((e) => e.re), ...counted.filter((e) => !e.re)];
}

/** The entries that make a component: those naming anyone or any label, filters first. */
function configured(entries: Entry[]): Entry[] {
  const counted = entries.filter((e) => e.configured);
  return [...counted.filter((e) => e.re), ...counted.filter((e) => !e.re)];
}

/** The folders whose owners a folder inherits: those above it, up to the first that stops. */
function inherited(chain: Folder[], from: number): Folder[] {
  const out: Folder[] = [];
  if (chain[from]?.noParentOwners) return out;
  for (const folder of chain.slice(from + 1)) {
    out.push(folder);
    if (folder.noParentOwners) break;
  }
  return out;
}

function decideIn(chain: Folder[], path: string): OwnershipDecision | undefined {
  // Every OWNERS folder that names someone is a component, even when its approvers are only
  // an empty alias (Prow then asks the folders above to approve): its owner comes from them.
  const at = chain.findIndex((f) => configured(matching(f, path)).length > 0);
  const folder = chain[at];
  if (!folder) return undefined;
  const entries = configured(matching(folder, path));
  const first = entries[0] as Entry;
  const owners: OwnerName[] = [];
  const seen = new Set<string>();
  const add = (list: OwnerName[], name: string | undefined) => {
    if (name === undefined || seen.has(name)) return;
    seen.add(name);
    list.push({ kind: 'group', name });
  };
  for (const entry of entries) for (const name of entry.labelGroups) add(owners, name);
  // An alias with nobody in it may still be a team the catalog has (a GitHub team file).
  for (const entry of entries) if (entry.expanded.length === 0) add(owners, entry.alias);
  for (const above of inherited(chain, at))
    for (const entry of deciding(matching(above, path)))
      for (const name of entry.labelGroups) add(owners, name);
  // Prow's approvers are those of the nearest folder that has some, whatever no_parent_owners says.
  const approversAt = chain.findIndex(
    (f, i) => i >= at && matching(f, path).some((e) => e.expanded.length > 0),
  );
  if (approversAt !== -1) {
    const approvers = deciding(matching(chain[approversAt] as Folder, path));
    for (const entry of approvers.filter((e) => e.expanded.length > 0)) {
      add(owners, entry.alias);
      add(owners, entry.group);
    }
  }
  const coOwners: OwnerName[] = [];
  if (approversAt !== -1)
    for (const above of inherited(chain, approversAt))
      for (const entry of deciding(matching(above, path)))
        if (entry.expanded.length > 0) add(coOwners, entry.alias ?? entry.group);
  return {
    component: componentName(folder.folder, first.re ? first.regex : undefined),
    owners,
    coOwners,
    rule: {
      source: 'owners',
      folder: folder.folder,
      ...(first.regex !== undefined ? { filter: first.regex } : {}),
      owners: [...new Set(entries.flatMap((e) => e.approvers))],
      file: folder.file,
      line: first.line,
    },
  };
}

interface Parsed {
  doc: Document;
  root: Node | null;
  lineOf: (node: Node | undefined) => number;
}

function parseYaml(
  file: OwnershipFile,
  what: string,
  problems: OwnershipProblem[],
): Parsed | undefined {
  const tooDeep = deepNestingProblem(file.text, file.shownAs);
  if (tooDeep) {
    problems.push({
      file: file.shownAs,
      line: tooDeep.line,
      severity: 'error',
      code: 'owners/too-deep',
      message: tooDeep.message,
      hint: tooDeep.hint,
    });
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problems.push({
        file: file.shownAs,
        line: lineCounter.linePos(error.pos[0]).line,
        severity: 'error',
        code: 'owners/yaml',
        message: error.message.split('\n')[0] ?? error.message,
        hint: `Fix the YAML syntax here; Prow does not read the file's ${what} until then.`,
      });
    }
    return undefined;
  }
  const lineOf = (node: Node | undefined) =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  const root = resolve(doc.contents as Node | null, doc);
  if (root !== null && !isMap(root)) {
    problems.push({
      file: file.shownAs,
      line: lineOf(root),
      severity: 'error',
      code: 'owners/not-a-map',
      message: `the file is not a mapping of keys; Prow does not read its ${what}`,
      hint:
        what === 'aliases'
          ? 'Write `aliases:` then `alias-name:` and its logins below.'
          : 'Write `approvers:`, `reviewers:`, `labels:` (or `filters:`) at the top level.',
    });
    return undefined;
  }
  return { doc, root, lineOf };
}

/** A value with `*alias` followed; null for nothing and for an empty value (`key:`). */
function resolve(node: Node | null | undefined, doc: Document): Node | null {
  const value = node && isAlias(node) ? (node.resolve(doc) as Node | undefined) : node;
  if (!value || (isScalar(value) && value.value === null)) return null;
  return value;
}

/** A mapping's entries as [key, value, line of the key]; nothing for anything else. */
function mapEntries(
  node: Node | null,
  doc: Document,
  lineOf: (node: Node | undefined) => number,
): [string, Node | null, number][] {
  if (!node || !isMap(node)) return [];
  return (node as YAMLMap<unknown, unknown>).items.flatMap((pair) => {
    const key = isScalar(pair.key) ? scalarText(pair.key) : undefined;
    if (key === undefined) return [];
    return [[key, resolve(pair.value as Node | null, doc), lineOf(pair.key as Node)]];
  });
}

/** A scalar as the string Prow would read: numbers and booleans as written. */
function scalarText(node: Node): string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'string') return node.value;
  if (node.value === null) return undefined;
  return node.source ?? String(node.value);
}

/** A list of scalars as [text, line]; undefined when it is not one (Prow fails to read it). */
function listOf(
  node: Node | null,
  doc: Document,
  lineOf: (node: Node | undefined) => number,
): [string, number][] | undefined {
  if (node === null || (isScalar(node) && node.value === null)) return [];
  if (!isSeq(node)) return undefined;
  const out: [string, number][] = [];
  for (const item of node.items) {
    const resolved = resolve(item as Node | null, doc);
    const text = resolved ? scalarText(resolved) : undefined;
    if (text === undefined) return undefined;
    out.push([text, lineOf(resolved ?? undefined)]);
  }
  return out;
}

/** An alias's members: a list, a flow mapping `{a, b}` (its keys) or nothing, as Prow reads them. */
function membersOfAlias(
  node: Node | null,
  doc: Document,
  lineOf: (node: Node | undefined) => number,
): [string, number][] | undefined {
  if (node && isMap(node)) return mapEntries(node, doc, lineOf).map(([key, , line]) => [key, line]);
  return listOf(node, doc, lineOf);
}

function problemsOf(file: OwnershipFile, problems: OwnershipProblem[]): Problem {
  return (code, line, message, hint) =>
    problems.push({
      file: file.shownAs,
      line,
      severity: WARNINGS.has(code) ? 'warning' : 'error',
      code: `owners/${code}`,
      message,
      hint,
    });
}

/** What Prow reads anyway, or skips without consequence for the rest of the file. */
const WARNINGS = new Set([
  'unknown-key',
  'duplicate-alias',
  'bad-login',
  'filters-ignored',
  'ignored-file',
]);

function badLogin(problem: Problem, login: string, line: number): void {
  problem(
    'bad-login',
    line,
    `"${login}" is not a GitHub login nor an alias; nobody can approve as it`,
    'A login is letters, digits and single inner dashes, at most 39 characters; aliases are defined in the root OWNERS_ALIASES.',
  );
}

/** Prow's NormLogin: lower case, without a leading `@`. */
function normLogin(login: string): string {
  return login.toLowerCase().replace(/^@/, '');
}

function readOwnersFile(
  file: OwnershipFile,
  aliases: Map<string, Alias>,
  problems: OwnershipProblem[],
  addUser: (login: string, file: string, line: number) => string | undefined,
): { entries: Entry[]; noParentOwners: boolean } {
  const none = { entries: [], noParentOwners: false };
  const parsed = parseYaml(file, 'owners', problems);
  if (!parsed) return none;
  const { doc, root, lineOf } = parsed;
  const problem = problemsOf(file, problems);
  const top = mapEntries(root, doc, lineOf);

  for (const [key, , line] of top) {
    if (TOP_KEYS.has(key)) continue;
    problem(
      'unknown-key',
      line,
      `unknown key "${key}"; Prow ignores it`,
      'OWNERS keys are approvers, reviewers, required_reviewers, emeritus_approvers, labels, options and filters: check the spelling.',
    );
  }

  const options = readOptions(
    top.find(([k]) => k === 'options'),
    doc,
    lineOf,
    problem,
  );
  const simple = readConfig(top, undefined, doc, lineOf, problem);
  const filtersAt = top.find(([k]) => k === 'filters');
  if (options === undefined) return none;
  if (simple === undefined && !filtersAt) return none;

  let entries: Entry[] = [];
  if (simple?.configured) {
    if (filtersAt)
      problem(
        'filters-ignored',
        filtersAt[2],
        'this file has both top-level approvers, reviewers or labels and filters:; Prow reads the top level and ignores every filter',
        'Move the top-level lists into a `".*":` filter, or remove filters:.',
      );
    entries = [simple];
  } else if (filtersAt) {
    const [, filters] = filtersAt;
    if (filters !== null && !isMap(filters)) {
      problem(
        'not-a-map',
        lineOf(filters),
        'filters: is not a mapping of regular expressions; Prow does not read this file',
        'Write `filters:` then `"REGEX":` keys with approvers, reviewers and labels below.',
      );
      return none;
    }
    for (const [regex, value, line] of mapEntries(filters, doc, lineOf)) {
      if (value !== null && !isMap(value)) {
        problem(
          'not-a-map',
          line,
          `filter "${regex}" is not a mapping; Prow does not read this file`,
          'Give the filter `approvers:`, `reviewers:` or `labels:` below it.',
        );
        return none;
      }
      const config = readConfig(mapEntries(value, doc, lineOf), line, doc, lineOf, problem);
      if (!config) return none;
      if (regex !== '.*') {
        const compiled = compileGoRegex(regex);
        if (typeof compiled === 'string') {
          problem(
            'bad-regex',
            line,
            `filter "${regex}" is not a regular expression Prow can compile (${compiled}); Prow skips it`,
            "Write the filter in Go's RE2 syntax (no lookaround, no back-references).",
          );
          continue;
        }
        config.re = compiled;
      }
      config.regex = regex;
      entries.push(config);
    }
  } else {
    return { entries: [], noParentOwners: options };
  }

  for (const entry of entries) {
    const expanded: string[] = [];
    for (const written of entry.approvers) {
      const login = normLogin(written);
      const alias = aliases.get(login);
      if (alias) {
        entry.alias ??= alias.group;
        expanded.push(...alias.members.map((k) => k.slice('login:'.length)));
      } else {
        expanded.push(login);
      }
    }
    entry.expanded = [...new Set(expanded)];
  }
  // Users and bad logins: approvers and reviewers, aliases left to OWNERS_ALIASES.
  for (const [key, value] of topAndFilterLists(top, doc, lineOf)) {
    if (key !== 'approvers' && key !== 'reviewers') continue;
    for (const [login, line] of listOf(value, doc, lineOf) ?? []) {
      if (aliases.has(normLogin(login))) continue;
      if (!addUser(normLogin(login), file.shownAs, line)) badLogin(problem, login, line);
    }
  }
  return { entries, noParentOwners: options };
}

/** The lists of the top level and of every filter, as [key, value]. */
function topAndFilterLists(
  top: [string, Node | null, number][],
  doc: Document,
  lineOf: (node: Node | undefined) => number,
): [string, Node | null][] {
  const out: [string, Node | null][] = top.map(([k, v]) => [k, v]);
  const filters = top.find(([k]) => k === 'filters')?.[1] ?? null;
  for (const [, value] of mapEntries(filters, doc, lineOf))
    for (const [k, v] of mapEntries(value, doc, lineOf)) out.push([k, v]);
  return out;
}

/** `options:`: whether `no_parent_owners` is set; undefined when Prow cannot read it. */
function readOptions(
  at: [string, Node | null, number] | undefined,
  doc: Document,
  lineOf: (node: Node | undefined) => number,
  problem: Problem,
): boolean | undefined {
  if (!at || at[1] === null) return false;
  const [, node, line] = at;
  if (!isMap(node)) {
    problem(
      'not-a-map',
      line,
      'options: is not a mapping; Prow does not read this file',
      'Write `options:` then `no_parent_owners: true` indented below.',
    );
    return undefined;
  }
  let noParent = false;
  for (const [key, value, keyLine] of mapEntries(node, doc, lineOf)) {
    if (!OPTION_KEYS.has(key)) {
      problem(
        'unknown-key',
        keyLine,
        `unknown option "${key}"; Prow ignores it`,
        'The options are no_parent_owners and auto_approve_unowned_subfolders.',
      );
      continue;
    }
    const flag = value === null ? false : yamlBool(value);
    if (flag === undefined) {
      problem(
        'bad-option',
        keyLine,
        `${key} is not true or false; Prow does not read this file`,
        `Write \`${key}: true\` or remove it.`,
      );
      return undefined;
    }
    if (key === 'no_parent_owners') noParent = flag;
  }
  return noParent;
}

/** A boolean as Go's YAML reads one (YAML 1.1 also takes yes/no/on/off). */
function yamlBool(node: Node): boolean | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'boolean') return node.value;
  if (typeof node.value !== 'string') return undefined;
  const word = node.value.toLowerCase();
  if (['true', 'yes', 'on', 'y'].includes(word)) return true;
  if (['false', 'no', 'off', 'n'].includes(word)) return false;
  return undefined;
}

/**
 * One configuration (the top level, or a filter's body): its lists, or undefined when one
 * is not a list of strings, which makes Prow's unmarshalling of the whole file fail.
 */
function readConfig(
  pairs: [string, Node | null, number][],
  filterLine: number | undefined,
  doc: Document,
  lineOf: (node: Node | undefined) => number,
  problem: Problem,
): Entry | undefined {
  const lists: Partial<Record<(typeof CONFIG_KEYS)[number], [string, number][]>> = {};
  let ok = true;
  let approversLine: number | undefined;
  let labelsLine: number | undefined;
  for (const [key, value, line] of pairs) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      if (filterLine !== undefined && key !== 'emeritus_approvers')
        problem(
          'unknown-key',
          line,
          `unknown key "${key}" in a filter; Prow ignores it`,
          'A filter has approvers, reviewers, required_reviewers and labels.',
        );
      continue;
    }
    const list = listOf(value, doc, lineOf);
    if (!list) {
      problem(
        'not-a-list',
        lineOf(value ?? undefined) || line,
        `${key} is not a list of names; Prow cannot read ${filterLine === undefined ? "this file's top level" : 'this file'} and uses none of it`,
        `Write one \`- name\` per line under \`${key}:\`.`,
      );
      ok = false;
      continue;
    }
    lists[key as (typeof CONFIG_KEYS)[number]] = list;
    if (key === 'approvers') approversLine = line;
    if (key === 'labels') labelsLine = line;
  }
  if (!ok) return undefined;
  const labels = (lists.labels ?? []).map(([l]) => l);
  const labelGroups = labels.flatMap((label) => {
    const team = TEAM_LABEL.exec(label.trim().toLowerCase());
    const name = team ? slugify(`${team[1]}-${team[2]}`) : '';
    return isValidEntityName(name) ? [name] : [];
  });
  return {
    approvers: (lists.approvers ?? []).map(([l]) => l),
    expanded: [],
    labels,
    labelGroups,
    configured: Object.values(lists).some((list) => list.length > 0),
    line: filterLine ?? approversLine ?? labelsLine ?? 1,
  };
}

/**
 * Compiles a Go (RE2) regular expression as JavaScript: a leading `(?flags)` becomes the
 * flags, `(?P<name>` a named group, `\A` and `\z` the text's ends. Returns why it cannot
 * when Go would refuse it (lookaround, back-references) or JavaScript cannot match it alike.
 */
export function compileGoRegex(source: string): RegExp | string {
  let body = source;
  let flags = '';
  const lead = /^\(\?([a-zA-Z]+)\)/.exec(body);
  if (lead) {
    const wanted = lead[1] as string;
    if (/[^ims]/.test(wanted)) return `the flag (?${wanted}) is not supported`;
    flags = [...new Set(wanted)].join('');
    body = body.slice(lead[0].length);
  }
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '\\') {
      const next = body[i + 1];
      if (next === undefined) return 'it ends with a lone backslash';
      if (/[1-9]/.test(next)) return 'Go has no back-references';
      if (next === 'A') out += '(?<![\\s\\S])';
      else if (next === 'z') out += '(?![\\s\\S])';
      else out += c + next;
      i++;
      continue;
    }
    if (c === '(' && body[i + 1] === '?') {
      const rest = body.slice(i + 2);
      if (/^(=|!|<=|<!)/.test(rest)) return 'Go has no lookahead or lookbehind';
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 3;
        continue;
      }
    }
    out += c;
  }
  try {
    return new RegExp(out, flags);
  } catch (error) {
    return (error as Error).message;
  }
}

/** An entity name: lower case, every run of other characters one `-`, no `-` at the ends. */
function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function pos(file: string, line: number) {
  return { file, line, column: 1 };
}
