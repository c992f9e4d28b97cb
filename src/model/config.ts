import { z } from 'zod';
import { DRIFT_RULE_IDS, DRIFT_SHIFT_MEASURES } from './drift-settings.js';
import { parseYamlDocument } from './parse-yaml-document.js';
import type { Problem } from './problem.js';
import { RULE_IDS } from './rules.js';

/** Values an export writes that name no team as written: value → team. */
const teamNames = z.record(z.string().min(1), z.string().min(1)).optional();

/** `orgwire.yaml`: settings that belong to an organisation rather than to one run. */
export const configSchema = z
  .object({
    /** The catalog folder, relative to the config file. */
    catalog: z.string().min(1).optional(),
    /**
     * Paths left out of every analysis: gitignore-style patterns, relative to each
     * repository, applied after the defaults (lock files, `vendor/`, `node_modules/`) and
     * the `.gitattributes` linguist patterns; `!pattern` takes a path back.
     */
    ignore: z.array(z.string().min(1)).optional(),
    needs: z
      .object({
        /** The least weight a need has to be a headline; the JSON keeps every need. */
        minWeight: z.number().min(0).optional(),
      })
      .strict()
      .optional(),
    identities: z
      .object({
        bots: z
          .object({
            /** Count bots as authors instead of leaving them out. */
            include: z.boolean().optional(),
            /** More bot identities: names, e-mails or `/regular expressions/`. */
            extra: z
              .array(
                z.string().min(1).refine(isValidBotPattern, {
                  error: 'is not a valid regular expression',
                }),
              )
              .optional(),
          })
          .strict()
          .optional(),
        /**
         * Authors who are Users under another e-mail or name: an author's e-mail or name
         * (as git shows it after `.mailmap`) → the User (`name` or `user:ns/name`).
         * `orgwire identities --accept` writes them.
         */
        aliases: z.record(z.string().min(1), z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
    /**
     * How request-queue exports (`--requests FILE`) name teams. A team is named
     * by its ref, name, `github.com/team-slug` (or the part after the slash) or display
     * name, compared case-insensitively.
     */
    requests: z
      .object({
        /**
         * Jira exports, CSV or JSON: which columns (fields) name the teams, and which statuses
         * mean waiting.
         */
        jira: z
          .object({
            /**
             * The column naming the providing team. Default: `Project`, else Jira Cloud's
             * `Project name`, else `Project key`. In JSON, the field of that name: `Project`,
             * `Project key`, `Labels`, `Component/s`, `Custom field (Team)` (through the
             * export's `names`), or a field id such as `customfield_10042`.
             */
            provider: z.string().min(1).optional(),
            /**
             * The column naming the requesting team, e.g. `Custom field (Requesting team)`
             * or `Labels` (a column Jira repeats counts as one; the one value that names a
             * team is taken). Default: the `Reporter`'s first team.
             */
            requester: z.string().min(1).optional(),
            /** Values that name no team as written, e.g. a project key: value → team. */
            teams: teamNames,
            /**
             * Jira JSON with its changelog: statuses that mean the request waits, besides the
             * one each issue was created in (e.g. `Blocked`, `Waiting for support`); a return
             * to one counts as waiting again.
             */
            waiting: z.array(z.string().min(1)).optional(),
          })
          .strict()
          .optional(),
        /** Linear's CSV export: which columns name the teams. */
        linear: z
          .object({
            /** The column naming the providing team. Default `Team`. */
            provider: z.string().min(1).optional(),
            /**
             * The column naming the requesting team, e.g. `Labels` (the one label that
             * names a team is taken) or `Project`. Default: the `Creator`'s first team.
             */
            requester: z.string().min(1).optional(),
            /** Values that name no team as written, e.g. a Linear team's name: value → team. */
            teams: teamNames,
          })
          .strict()
          .optional(),
        /**
         * A GitHub project's items (`gh project item-list --format json`): which team
         * provides the issues on the board.
         */
        githubProject: z
          .object({
            /** The team whose board the project is: the provider of its issues. */
            provider: z.string().min(1).optional(),
            /** The field naming the providing team, e.g. `Team` (before `provider`). */
            field: z.string().min(1).optional(),
            /** Values of that field that name no team as written: value → team. */
            teams: teamNames,
          })
          .strict()
          .optional(),
        /** GitHub issues JSON (`gh issue list --json …` or the REST API). */
        github: z
          .object({
            /**
             * The providing team of every issue without a provider label, e.g. the team
             * that owns the repository the issues were exported from.
             */
            provider: z.string().min(1).optional(),
            /**
             * The requesting team of every issue without a requester label whose author is
             * no User of a team in the catalog, e.g. `community` for a public project.
             */
            requester: z.string().min(1).optional(),
            /** The label prefix naming the requesting team. Default `requester:`. */
            requesterLabelPrefix: z.string().min(1).optional(),
            /** The label prefix naming the providing team. Default `team:`. */
            providerLabelPrefix: z.string().min(1).optional(),
            /**
             * Labels that name the providing team without the prefix, e.g. a component
             * label (`Wallet: wallet-team`): label → team.
             */
            teams: teamNames,
            /**
             * The repository (`owner/name`) of issues whose export does not name it, as `gh
             * issue list` writes them: their tracker (see `RequestRecord.tracker`).
             */
            repository: z
              .string()
              .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'write it as owner/name')
              .optional(),
            /**
             * Issues with their timeline: what starts work. `assigned` (default true):
             * someone is assigned; `labels` (default `in progress`, `status: in progress`):
             * one of these labels is on the issue.
             */
            started: z
              .object({
                assigned: z.boolean().optional(),
                labels: z.array(z.string().min(1)).optional(),
              })
              .strict()
              .optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    /** Severity per alignment rule: error, warning or off. */
    rules: z.partialRecord(z.enum(RULE_IDS), z.enum(['error', 'warning', 'off'])).optional(),
    /** `orgwire drift`: the trailing window and the rules' settings (README, drift). */
    drift: z
      .object({
        /** Weeks each week is measured over (default 4). */
        weeks: z.int().min(1).optional(),
        /** Rules turned off (`off`) or on (`on`, the default). */
        rules: z.partialRecord(z.enum(DRIFT_RULE_IDS), z.enum(['on', 'off'])).optional(),
        cooldownWeeks: z.int().min(0).optional(),
        baselineWeeks: z.int().min(2).optional(),
        k: z.number().min(0).optional(),
        h: z.number().positive().optional(),
        watch: z.number().positive().optional(),
        minEffect: z.partialRecord(z.enum(DRIFT_SHIFT_MEASURES), z.number().min(0)).optional(),
        minCommits: z.int().min(0).optional(),
        minWeight: z.number().min(0).optional(),
        minShare: z.number().min(0).max(1).optional(),
        emergingHits: z.int().min(1).optional(),
        emergingWeeks: z.int().min(1).optional(),
        quietWeeks: z.int().min(1).optional(),
        idleWeeks: z.int().min(1).optional(),
        growthWeeks: z.int().min(1).optional(),
        margin: z.number().min(0).optional(),
        minNewPairs: z.number().min(0).optional(),
        queueWeeks: z.int().min(1).optional(),
        minTeamSize: z.int().min(0).optional(),
        maxTeamSize: z.int().min(1).optional(),
        maxTeamsPerPerson: z.int().min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

/** A bot pattern: a name or e-mail as written, or a `/regular expression/` that compiles. */
function isValidBotPattern(text: string): boolean {
  const regex = /^\/(.*)\/$/.exec(text);
  if (!regex) return true;
  try {
    new RegExp(regex[1] as string, 'i');
    return true;
  } catch {
    return false;
  }
}

/** The `requests` settings: how request exports name teams. */
export type RequestsConfig = NonNullable<Config['requests']>;

/** Reads `orgwire.yaml`, reporting every problem with its position. */
export function parseConfig(text: string, file: string): { config: Config; problems: Problem[] } {
  const { value, problems } = parseYamlDocument(text, file, configSchema, {
    code: 'config/invalid',
    unknownKeys: (keys, path) =>
      path[0] === 'rules'
        ? {
            message: `rules: unknown rule ${keys.join(', ')}`,
            hint: `The rules are ${RULE_IDS.join(', ')}.`,
          }
        : {
            message: `${path.length === 0 ? '' : `${path.join('.')}: `}unknown setting ${keys.join(', ')}`,
            hint: 'Settings are catalog, ignore, needs.minWeight, identities.bots (include, extra), identities.aliases, requests.jira (provider, requester, teams, waiting), requests.linear (provider, requester, teams), requests.githubProject (provider, field, teams), requests.github (provider, requester, requesterLabelPrefix, providerLabelPrefix, teams, repository, started), rules and drift; check the spelling.',
          },
    empty: {},
  });
  return { config: value ?? {}, problems };
}
