import {
  ANNOTATIONS,
  type Parsed,
  parseAvailability,
  parseDuration,
  parseEmails,
  parsePaths,
  parseTeamType,
  splitList,
} from './annotations.js';
import type { Entity, EntityBase, Interaction } from './entities.js';
import { parseEntityRef, stringifyEntityRef } from './entity-ref.js';
import type { Kind, RefField } from './kinds.js';
import type { Problem } from './problem.js';

type Path = readonly (string | number)[];

/** What readEntity has learnt of a document, for turning it into a typed entity. */
export interface EntityFields {
  base: EntityBase;
  /** The spec as written (validated when it had no errors). */
  data: Record<string, unknown>;
  namespace: string;
  /** The canonical reference in a single-reference field. */
  one(field: string): string | undefined;
  /** The canonical references in a list field (or a single one, as a list). */
  many(field: string): string[];
  /** Every reference field, canonical, as written. */
  resolved: Record<string, string | string[]>;
  /** Parses an annotation, reporting it when invalid. */
  annotation<T>(key: string, parse: (value: string) => Parsed<T>): T | undefined;
  resolveRef(text: string, path: Path, field: Omit<RefField, 'field'>): string | undefined;
  report(
    path: Path,
    code: string,
    message: string,
    hint: string,
    severity?: Problem['severity'],
  ): void;
}

/**
 * The typed entity of a kind from its checked fields: orgwire's annotations parsed,
 * group interactions resolved, async dependencies matched to the declared ones. Problems
 * found on the way are reported through `fields.report`.
 */
export function buildTypedEntity(kind: Kind, fields: EntityFields): Entity {
  const { base, data, namespace, one, many, resolved, annotation, resolveRef, report } = fields;
  const annotations = base.annotations;
  const optional = <K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } =>
    (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
  const profile = (data.profile ?? {}) as { displayName?: string; email?: string };

  /** The dependencies named in `orgwire.dev/async-dependencies`, matched to the declared ones. */
  const asyncDependencies = (declared: string[]): string[] => {
    const raw = annotations[ANNOTATIONS.asyncDependencies];
    if (raw === undefined) return [];
    const out: string[] = [];
    for (const item of splitList(raw)) {
      const parsed = parseEntityRef(item, {
        defaultNamespace: namespace,
        defaultKind: 'Component',
      });
      const exact = parsed.ok ? stringifyEntityRef(parsed.ref) : undefined;
      const byName = declared.filter((d) => d.endsWith(`/${item.toLowerCase()}`));
      const match =
        exact !== undefined && declared.includes(exact)
          ? exact
          : byName.length === 1
            ? byName[0]
            : undefined;
      if (match === undefined) {
        report(
          ['metadata', 'annotations', ANNOTATIONS.asyncDependencies],
          'annotation/invalid',
          `${ANNOTATIONS.asyncDependencies}: "${item}" is not one of this entity's dependencies`,
          'List references from spec.dependsOn or spec.consumesApis, e.g. component:mailer.',
        );
      } else {
        out.push(match);
      }
    }
    return out;
  };

  switch (kind) {
    case 'Group': {
      const interactions: Interaction[] = [];
      const written = (Array.isArray(data.interactions) ? data.interactions : []) as Interaction[];
      written.forEach((interaction, i) => {
        if (typeof interaction?.with !== 'string') return;
        const path = ['spec', 'interactions', i, 'with'];
        const target = resolveRef(interaction.with, path, {
          defaultKind: 'Group',
          allowedKinds: ['Group'],
        });
        if (interaction.since && interaction.until && interaction.since > interaction.until) {
          report(
            ['spec', 'interactions', i, 'until'],
            'entity/shape',
            `spec.interactions[${i}] ends (${interaction.until}) before it starts (${interaction.since})`,
            'Swap since and until, or fix the date.',
          );
        }
        if (target) {
          interactions.push({
            with: target,
            mode: interaction.mode,
            ...optional('purpose', interaction.purpose),
            ...optional('since', interaction.since),
            ...optional('until', interaction.until),
          });
        }
      });
      return {
        ...base,
        kind: 'Group',
        type: data.type as string,
        ...optional('displayName', profile.displayName),
        ...optional('email', profile.email),
        ...optional('parent', one('parent')),
        children: many('children'),
        members: many('members'),
        interactions,
        ...optional('teamType', annotation(ANNOTATIONS.teamType, parseTeamType)),
        ...optional('requestSlaDays', annotation(ANNOTATIONS.requestSla, parseDuration)),
        ...optional('teamSlug', annotations[ANNOTATIONS.teamSlug]?.trim().toLowerCase()),
      };
    }
    case 'User': {
      const extra = annotation(ANNOTATIONS.emails, parseEmails) ?? [];
      const emails = [profile.email?.toLowerCase(), ...extra].filter((e): e is string => !!e);
      return {
        ...base,
        kind: 'User',
        ...optional('displayName', profile.displayName),
        ...optional('email', profile.email),
        emails: [...new Set(emails)],
        ...optional('githubLogin', annotations[ANNOTATIONS.userLogin]?.trim().toLowerCase()),
        memberOf: many('memberOf'),
      };
    }
    case 'Component':
    case 'API': {
      const dependsOn = many('dependsOn');
      const consumesApis = many('consumesApis');
      const common = {
        ...base,
        type: data.type as string,
        lifecycle: data.lifecycle as string,
        owner: one('owner') as string,
        ...optional('system', one('system')),
        dependsOn,
        asyncDependencies: asyncDependencies([...dependsOn, ...consumesApis]),
        ...optional('availability', annotation(ANNOTATIONS.availability, parseAvailability)),
      };
      return kind === 'API'
        ? { ...common, kind: 'API' }
        : {
            ...common,
            kind: 'Component',
            ...optional('subcomponentOf', one('subcomponentOf')),
            providesApis: many('providesApis'),
            consumesApis,
            paths: annotation(ANNOTATIONS.paths, parsePaths) ?? [],
          };
    }
    case 'System':
      return {
        ...base,
        kind: 'System',
        owner: one('owner') as string,
        ...optional('domain', one('domain')),
      };
    case 'Domain':
      return {
        ...base,
        kind: 'Domain',
        owner: one('owner') as string,
        ...optional('subdomainOf', one('subdomainOf')),
      };
    case 'Resource':
      return {
        ...base,
        kind: 'Resource',
        type: data.type as string,
        owner: one('owner') as string,
        ...optional('system', one('system')),
        dependsOn: many('dependsOn'),
      };
    case 'Goal':
    case 'Bet':
    case 'Learning':
      return { ...base, kind, spec: { ...data, ...resolved } } as Entity;
  }
}
