import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../src/analysis/seeded-random.js';
import { type CommitSpec, createRepo, type TestRepo } from './git-repo.js';

/**
 * An organisation whose true teams the catalog hides (issue 14's planted truth): each team's
 * people mostly change its three components, now and then one of another team's (10 %), but
 * the catalog deals the people round the teams at random. Writes `catalog/org.yaml` under
 * `dir` and 120 days of history into a new repository.
 */
export async function plantScrambledOrg(
  dir: string,
  options: {
    seed: number;
    teams: readonly string[];
    /** How many people a team has (default 4). */
    size?: (random: () => number) => number;
  },
): Promise<{ repo: TestRepo; truth: Map<string, number> }> {
  const random = seededRandom(options.seed);
  const { teams } = options;
  const truth = new Map<string, number>();
  teams.forEach((team, t) => {
    const size = options.size?.(random) ?? 4;
    for (let p = 0; p < size; p++) truth.set(`${team}-${p}`, t);
  });
  const people = [...truth.keys()];
  // The scramble: a random permutation of people dealt round the teams.
  const dealt = [...people].sort(() => random() - 0.5);
  const members = teams.map((_, t) => dealt.filter((_, i) => i % teams.length === t));
  const yaml = [
    ...teams.map(
      (name, t) =>
        `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: ${name}}\nspec: {type: team, children: [], members: [${(members[t] as string[]).join(', ')}]}\n`,
    ),
    ...people.map(
      (name) =>
        `apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: ${name}}\nspec: {memberOf: [], profile: {email: ${name}@acme.example}}\n`,
    ),
    ...teams.flatMap((team) =>
      [1, 2, 3].map(
        (k) =>
          `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: ${team}-${k}, annotations: {orgwire.dev/paths: "${team}-${k}/**"}}\nspec: {type: service, lifecycle: production, owner: ${team}}\n`,
      ),
    ),
  ].join('---\n');
  mkdirSync(join(dir, 'catalog'), { recursive: true });
  writeFileSync(join(dir, 'catalog', 'org.yaml'), yaml);
  const specs: CommitSpec[] = [];
  for (let day = 0; day < 120; day++)
    for (const [person, t] of truth) {
      if (random() > 0.4) continue;
      const own = `${teams[t]}-${1 + Math.floor(random() * 3)}`;
      const stray =
        random() < 0.1
          ? teams[(t + 1 + Math.floor(random() * (teams.length - 1))) % teams.length]
          : undefined;
      specs.push({
        author: { name: person, email: `${person}@acme.example` },
        date: new Date(Date.UTC(2026, 0, 5 + day, 9 + (specs.length % 8))),
        files: {
          [`${own}/${person}-${day}.ts`]: 'x',
          ...(stray === undefined ? {} : { [`${stray}-1/${person}-${day}.ts`]: 'x' }),
        },
      });
    }
  const repo = await createRepo();
  repo.importCommits(specs);
  return { repo, truth };
}
