/** How the What-if page names things in a scenario, and says each change in words. */
import type { ScenarioChangeBody, WhatIfMap } from '../../src/server/api-types.js';

/**
 * The name a scenario uses for a catalog reference, as people write it in the YAML:
 * `group:default/web` → `web`, `group:ops/web` → `ops/web`.
 */
export function scenarioName(ref: string): string {
  const rest = ref.replace(/^[a-z]+:/i, '');
  return rest.startsWith('default/') ? rest.slice('default/'.length) : rest;
}

/** The reference a scenario's name stands for: `web` → `group:default/web`. */
export function refOf(kind: 'group' | 'user' | 'component', name: string): string {
  const rest = name.replace(/^[a-z]+:/i, '');
  return `${kind}:${rest.includes('/') ? rest : `default/${rest}`}`.toLowerCase();
}

/** Labels of every team, person and component the maps name, by reference. */
export function labelsOf(maps: readonly (WhatIfMap | undefined)[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const map of maps)
    for (const team of map?.teams ?? []) {
      labels.set(team.ref, team.label);
      for (const e of [...team.members, ...team.components]) labels.set(e.ref, e.label);
    }
  return labels;
}

const list = (names: readonly string[]) =>
  names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/** A change in a sentence, with the labels people know (`Move Checkout API to Mobile App`). */
export function describeChange(change: ScenarioChangeBody, labels: Map<string, string>): string {
  const team = (name: string) => labels.get(refOf('group', name)) ?? name;
  const person = (name: string) => labels.get(refOf('user', name)) ?? name;
  const component = (name: string) => labels.get(refOf('component', name)) ?? name;
  if ('movePerson' in change) {
    const { user, to, from } = change.movePerson;
    return `Move ${person(user)}${from ? ` from ${team(from)}` : ''} to ${team(to)}`;
  }
  if ('moveComponent' in change)
    return `Move ${component(change.moveComponent.component)} to ${team(change.moveComponent.to)}`;
  if ('mergeTeams' in change) {
    const { teams, into } = change.mergeTeams;
    return `Merge ${list(teams.filter((t) => t !== into).map(team))} into ${team(into)}`;
  }
  if ('splitTeam' in change) {
    const { team: whole, into } = change.splitTeam;
    const parts = into.map((p) => {
      const moved = [...(p.members ?? []).map(person), ...(p.components ?? []).map(component)];
      return moved.length > 0 ? `${p.name} (${list(moved)})` : `${p.name} (the rest)`;
    });
    return `Split ${team(whole)} into ${list(parts)}`;
  }
  if ('createTeam' in change) return `Create the team ${change.createTeam.name}`;
  if ('dissolveTeam' in change) {
    const { team: gone, into } = change.dissolveTeam;
    return `Dissolve ${team(gone)}${into ? ` into ${team(into)}` : ''}`;
  }
  if ('interaction' in change) {
    const [a, b] = change.interaction.between;
    return `Declare ${change.interaction.mode} between ${team(a)} and ${team(b)}`;
  }
  if ('removeInteraction' in change) {
    const [a, b] = change.removeInteraction.between;
    return `Remove the interaction between ${team(a)} and ${team(b)}`;
  }
  if ('embed' in change)
    return `Embed ${team(change.embed.provider)} into ${list(change.embed.into.map(team))}`;
  if ('leave' in change) return `${person(change.leave.user)} leaves`;
  return JSON.stringify(change);
}

/**
 * Why the work suggests no boundaries, in plain words (`GET /api/whatif/suggestion`'s `why`),
 * with the unwired coordination on the checked period, before → after.
 */
export function noSuggestion(
  why: 'unnamed' | 'no-cut',
  unwired: { before: string; after: string },
): string {
  return why === 'unnamed'
    ? 'The catalog names none of the people the work groups, so no team can be suggested: nobody the catalog knows would move. Add them to the catalog as Users (the command orgwire identities suggests them), then serve the radiator again.'
    : `The boundaries the work implies would not cut unwired coordination on the later period (${unwired.before} → ${unwired.after}), so none is shown: on work they were not fitted on, today’s teams do at least as well.`;
}
