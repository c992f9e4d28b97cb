import { isMap, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import {
  type DeclaredEntities,
  type DeclaredGroup,
  type DeclaredUser,
  declaredUserKey,
  deepNestingProblem,
  isValidEntityName,
  nearestNode,
} from '../../model/index.js';
import type { OwnershipProblem } from './ownership-reading.js';

/** A team file as `--catalog` found it. */
export interface TeamFile {
  /** How messages name it. */
  shownAs: string;
  text: string;
}

export interface PeribolosReading {
  entities: DeclaredEntities;
  problems: OwnershipProblem[];
}

/**
 * Whether a YAML file is a peribolos team file rather than catalog entities: a top-level
 * `teams:` or `orgs:` key and no `apiVersion:`/`kind:`. A cheap look at the text, so the
 * catalog's own files are parsed once.
 */
export function isPeribolosFile(text: string): boolean {
  return /^(teams|orgs):/m.test(text) && !/^(apiVersion|kind):/m.test(text);
}

/**
 * GitHub's slug of a team name, as GitHub makes it: lower case, every run of characters
 * other than letters, digits, `_` and `.`… replaced by one `-`, no `-` at either end
 * ("SIG Node Leads" → `sig-node-leads`).
 */
export function githubTeamSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_.]+/g, '-')
    .replace(/^[-_.]+|[-_.]+$/g, '');
}

type Path = (string | number)[];

/**
 * Reads a peribolos file (the `teams:` of a GitHub organisation, as
 * kubernetes-sigs/prow's `peribolos` applies it): each team is a Group named by its GitHub
 * slug, with its `description`, its nested `teams:` as child Groups and
 * `github.com/team-slug` set to `ORG/slug` when the organisation is known; `members` and
 * `maintainers` are Users keyed by login. The organisation is the key under `orgs:`, else
 * the folder after `config/` in the file's path (`config/kubernetes/sig-node/teams.yaml`),
 * else unknown (then `@org/slug` owners match the Group by name). The organisation's own
 * `members:` and `admins:` are not teams and are left out.
 */
export function readPeribolos(file: TeamFile): PeribolosReading {
  const problems: OwnershipProblem[] = [];
  const groups: DeclaredGroup[] = [];
  const users = new Map<string, DeclaredUser>();
  const tooDeep = deepNestingProblem(file.text, file.shownAs);
  if (tooDeep) {
    const { file: at, line, message, hint } = tooDeep;
    return {
      entities: { groups, users: [] },
      problems: [{ file: at, line, severity: 'error', code: 'peribolos/too-deep', message, hint }],
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problems.push({
        file: file.shownAs,
        line: lineOf(error.pos[0]),
        severity: 'error',
        code: 'peribolos/yaml',
        message: error.message.split('\n')[0] ?? error.message,
        hint: 'Fix the YAML syntax here; the file was not read.',
      });
    }
    return { entities: { groups, users: [] }, problems };
  }
  const root = doc.contents as Node | null;
  const at = (path: Path) => {
    const node = root ? nearestNode(root, path) : undefined;
    return { file: file.shownAs, line: lineOf(node?.range?.[0] ?? 0), column: 1 };
  };
  /** Where a mapping's key is written (a team's name), rather than its value. */
  const keyAt = (path: Path) => {
    const parent = root ? nearestNode(root, path.slice(0, -1)) : undefined;
    const key = path[path.length - 1];
    const pair = isMap(parent)
      ? parent.items.find((item) => isScalar(item.key) && item.key.value === key)
      : undefined;
    const range = isScalar(pair?.key) ? pair.key.range : undefined;
    return range ? { file: file.shownAs, line: lineOf(range[0]), column: 1 } : at(path);
  };
  const problem = (path: Path, code: string, message: string, hint: string) =>
    problems.push({ ...at(path), severity: 'error', code: `peribolos/${code}`, message, hint });

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    problem([], 'yaml', (error as Error).message, 'Remove or fix the aliases in this file.');
    return { entities: { groups, users: [] }, problems };
  }
  if (!isRecord(value)) {
    problem([], 'shape', 'a team file is a mapping with `teams:` or `orgs:`', 'See docs.');
    return { entities: { groups, users: [] }, problems };
  }

  const logins = (list: unknown, path: Path): string[] => {
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list)) {
      problem(
        path,
        'not-a-list',
        `${path.join('.')} is not a list of logins`,
        'Write one `- login` per line.',
      );
      return [];
    }
    return list.flatMap((item, i) => {
      const login = typeof item === 'number' ? String(item) : item;
      if (
        typeof login !== 'string' ||
        !/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/.test(login)
      ) {
        problem(
          [...path, i],
          'bad-login',
          `${JSON.stringify(item)} is not a GitHub login`,
          'A login is letters, digits and single inner dashes, at most 39 characters.',
        );
        return [];
      }
      const key = declaredUserKey({ login });
      if (!users.has(key))
        users.set(key, { key, login: login.toLowerCase(), emails: [], source: at([...path, i]) });
      return [key];
    });
  };

  const readTeams = (teams: unknown, path: Path, org: string | undefined, parent?: string) => {
    if (teams === undefined || teams === null) return;
    if (!isRecord(teams)) {
      problem(
        path,
        'not-a-map',
        `${path.join('.')} is not a mapping of team names to teams`,
        'Write `team-name:` and its fields indented below.',
      );
      return;
    }
    for (const [teamName, team] of Object.entries(teams)) {
      const here = [...path, teamName];
      const slug = githubTeamSlug(teamName);
      if (!isValidEntityName(slug)) {
        problem(
          here,
          'bad-name',
          `team "${teamName}" has no usable name (its slug is "${slug}")`,
          'Name the team with letters and digits, at most 63 characters.',
        );
        continue;
      }
      const fields = isRecord(team) ? team : {};
      if (team !== null && team !== undefined && !isRecord(team)) {
        problem(
          here,
          'not-a-map',
          `team "${teamName}" is not a mapping`,
          'Give the team `members:`, `maintainers:` and `description:` below its name.',
        );
        continue;
      }
      const members = [
        ...logins(fields.maintainers, [...here, 'maintainers']),
        ...logins(fields.members, [...here, 'members']),
      ];
      const description = typeof fields.description === 'string' ? fields.description : undefined;
      groups.push({
        name: slug,
        ...(slug === teamName ? {} : { title: teamName }),
        ...(description ? { description } : {}),
        ...(org ? { teamSlug: `${org.toLowerCase()}/${slug}` } : {}),
        ...(parent ? { parent } : {}),
        members: [...new Set(members)],
        format: 'peribolos',
        source: keyAt(here),
      });
      readTeams(fields.teams, [...here, 'teams'], org, slug);
    }
  };

  if ('orgs' in value) {
    if (!isRecord(value.orgs)) {
      problem(
        ['orgs'],
        'not-a-map',
        '`orgs` is not a mapping of organisation names',
        'Write `orgs:` then `ORG:` and its `teams:` indented below.',
      );
    } else {
      for (const [org, config] of Object.entries(value.orgs)) {
        if (isRecord(config)) readTeams(config.teams, ['orgs', org, 'teams'], org);
      }
    }
  }
  if ('teams' in value) readTeams(value.teams, ['teams'], orgFromPath(file.shownAs));
  return { entities: { groups, users: [...users.values()] }, problems };
}

/** The organisation of `…/config/ORG/…`, as kubernetes/org lays its files out. */
function orgFromPath(path: string): string | undefined {
  const parts = path.split(/[\\/]/);
  const at = parts.lastIndexOf('config');
  return at !== -1 && at + 2 < parts.length ? parts[at + 1] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
