import type { Parsed } from './annotations.js';
import { buildTypedEntity } from './build-typed-entity.js';
import type { Entity, EntityBase } from './entities.js';
import { DEFAULT_NAMESPACE, parseEntityRef, stringifyEntityRef } from './entity-ref.js';
import { formatIssue } from './format-issue.js';
import { KIND_DEFINITIONS, KINDS, type RefField } from './kinds.js';
import type { Problem, SourcePosition } from './problem.js';
import { type Envelope, envelopeSchema } from './schemas.js';
import {
  isValidAnnotationKey,
  isValidApiVersion,
  isValidEntityName,
  isValidLabelValue,
  isValidNamespace,
  isValidTag,
} from './validators.js';

export type Path = readonly (string | number)[];

/** Finds where a path inside the document was written (the nearest existing node). */
export type Locate = (path: Path) => SourcePosition;

/** A reference an entity makes, kept until every entity is known and it can be checked. */
export interface RefUse {
  from: string;
  /** The field as written in the document, e.g. `spec.dependsOn[2]`. */
  field: string;
  target: string;
  position: SourcePosition;
}

export interface ReadEntityResult {
  entity?: Entity;
  /** The entity's reference, also when it has errors (so others' references to it still resolve). */
  ref?: string;
  refs: RefUse[];
  problems: Problem[];
}

/** A YAML mapping as written, or an empty one for anything else (the schema reports it). */
const mapping = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/**
 * The spec as written, without what the schema refused: a list item with an error is
 * blanked out, any other field with an error left out. What remains has the types the
 * schema gives it, so the references and annotations of the rest can still be checked
 * (and reported in the same run) without trusting a wrong type. Undefined when the spec
 * is not a mapping at all.
 */
function withoutInvalid(
  spec: unknown,
  issues: readonly import('zod').z.core.$ZodIssue[],
): Record<string, unknown> | undefined {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return undefined;
  const data: Record<string, unknown> = { ...spec };
  for (const issue of issues) {
    const [field, item] = issue.path;
    if (typeof field !== 'string') continue;
    const list = data[field];
    if (typeof item === 'number' && Array.isArray(list)) {
      const copy = [...list];
      copy[item] = undefined;
      data[field] = copy;
    } else {
      delete data[field];
    }
  }
  return data;
}

const dotted = (path: Path): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

/**
 * Reads one catalog document into a typed entity: envelope and name rules, the kind's
 * spec, its references (parsed, not yet checked to exist) and orgwire's annotations.
 * Returns every problem found; an entity only when there is none.
 */
export function readEntity(value: unknown, locate: Locate): ReadEntityResult {
  const problems: Problem[] = [];
  const refs: RefUse[] = [];
  let entityRef: string | undefined;
  const report = (
    path: Path,
    code: string,
    message: string,
    hint: string,
    severity: Problem['severity'] = 'error',
  ): void => {
    problems.push({
      severity,
      code,
      ...locate(path),
      ...(entityRef === undefined ? {} : { entity: entityRef }),
      message,
      hint,
    });
  };
  const reportIssues = (
    issues: readonly import('zod').z.core.$ZodIssue[],
    prefix: Path,
    code: string,
  ): void => {
    for (const issue of issues) {
      const path = [...prefix, ...(issue.path as (string | number)[])];
      const { message, hint } = formatIssue(issue, dotted(path));
      report(path, code, message, hint);
    }
  };

  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    report(
      [],
      'entity/shape',
      'the document is not a mapping of fields',
      'An entity has apiVersion, kind, metadata and spec.',
    );
    return { refs, problems };
  }
  // YAML that is no entity at all (an OpenAPI document, a config file beside the catalog)
  // is skipped: orgwire reads every YAML file of the folder.
  if (!('apiVersion' in value) && !('kind' in value)) {
    report(
      [],
      'entity/skipped',
      'this document has no apiVersion or kind, so it is not a catalog entity; skipped',
      'Nothing to do, unless it was meant to be an entity: then add apiVersion, kind and metadata.',
      'note',
    );
    return { refs, problems };
  }
  // Envelope errors are reported, and reading goes on as long as the entity can be named,
  // so that one run shows every problem of the document.
  const raw = value as Envelope;
  const envelope = envelopeSchema.safeParse(value, { reportInput: true });
  const named =
    typeof raw.apiVersion === 'string' &&
    typeof raw.kind === 'string' &&
    typeof raw.metadata?.name === 'string' &&
    (raw.metadata.namespace === undefined || typeof raw.metadata.namespace === 'string');
  if (named && KINDS.some((k) => k === raw.kind)) {
    entityRef = stringifyEntityRef({
      kind: raw.kind,
      namespace: raw.metadata.namespace ?? DEFAULT_NAMESPACE,
      name: raw.metadata.name,
    });
  }
  if (!envelope.success) reportIssues(envelope.error.issues, [], 'entity/shape');
  if (!named) return { refs, problems };
  const { apiVersion, kind, metadata } = raw;
  const namespace = metadata.namespace ?? DEFAULT_NAMESPACE;
  const kindName = KINDS.find((k) => k === kind);

  // Backstage's envelope rules apply to every kind, the skipped ones included.
  if (!isValidApiVersion(apiVersion)) {
    report(
      ['apiVersion'],
      'entity/api-version',
      `"${apiVersion}" is not a valid apiVersion`,
      'Write it as group/version, e.g. backstage.io/v1alpha1.',
    );
  }
  if (!isValidEntityName(metadata.name)) {
    report(
      ['metadata', 'name'],
      'entity/name',
      `"${metadata.name}" is not a valid entity name`,
      'Use 1–63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.',
    );
  }
  if (metadata.namespace !== undefined && !isValidNamespace(metadata.namespace)) {
    report(
      ['metadata', 'namespace'],
      'entity/namespace',
      `"${metadata.namespace}" is not a valid namespace`,
      'Use lower-case letters, digits and dashes, e.g. default.',
    );
  }
  const annotations = Object.fromEntries(
    Object.entries(mapping(metadata.annotations)).filter(([, v]) => typeof v === 'string'),
  ) as Record<string, string>;
  for (const key of Object.keys(mapping(metadata.annotations))) {
    if (!isValidAnnotationKey(key)) {
      report(
        ['metadata', 'annotations', key],
        'entity/annotation-key',
        `"${key}" is not a valid annotation key`,
        'Write it as an optional domain prefix and a name, e.g. orgwire.dev/paths.',
      );
    }
  }
  for (const [key, label] of Object.entries(mapping(metadata.labels))) {
    if (typeof label === 'string' && (!isValidAnnotationKey(key) || !isValidLabelValue(label))) {
      report(
        ['metadata', 'labels', key],
        'entity/label',
        `label "${key}: ${label}" is not valid`,
        'Label keys are like annotation keys; values are empty or shaped like a name.',
      );
    }
  }
  (Array.isArray(metadata.tags) ? metadata.tags : []).forEach((tag, i) => {
    if (typeof tag === 'string' && !isValidTag(tag)) {
      report(
        ['metadata', 'tags', i],
        'entity/tag',
        `"${tag}" is not a valid tag`,
        'Tags use lower-case letters, digits, ":", "+" and "#", joined by single dashes.',
      );
    }
  });

  if (!kindName) {
    const misspelt = KINDS.find((k) => k.toLowerCase() === kind.toLowerCase());
    if (misspelt && KIND_DEFINITIONS[misspelt].apiVersions.includes(apiVersion)) {
      report(
        ['kind'],
        'entity/kind',
        `kind "${kind}" is spelt "${misspelt}"`,
        `Write kind: ${misspelt}.`,
      );
    } else {
      report(
        ['kind'],
        'entity/skipped',
        `kind ${kind} (${apiVersion}) is not one orgwire reads; skipped`,
        'Nothing to do: orgwire reads Group, User, Component, API, System, Domain, Resource, Goal, Bet and Learning.',
        'note',
      );
    }
    return { refs, problems };
  }
  const definition = KIND_DEFINITIONS[kindName];
  if (!definition.apiVersions.includes(apiVersion)) {
    const group = (v: string) => v.split('/')[0];
    if (definition.apiVersions.some((v) => group(v) === group(apiVersion))) {
      report(
        ['apiVersion'],
        'entity/api-version',
        `${kindName} does not come in ${apiVersion}`,
        `Use apiVersion: ${definition.apiVersions.join(' or ')}.`,
      );
    } else {
      report(
        ['kind'],
        'entity/skipped',
        `kind ${kind} (${apiVersion}) is not one orgwire reads; skipped`,
        `orgwire reads ${kindName} in ${definition.apiVersions.join(' or ')}.`,
        'note',
      );
    }
    return { refs, problems };
  }

  const rawSpec = (value as { spec?: unknown }).spec;
  const spec = definition.spec.safeParse(rawSpec ?? {}, { reportInput: true });
  if (rawSpec === undefined) {
    report(
      [],
      'entity/shape',
      `${kindName} ${metadata.name} has no spec`,
      'Add a spec with the fields of its kind.',
    );
  } else if (!spec.success) {
    for (const issue of spec.error.issues) {
      const path = ['spec', ...(issue.path as (string | number)[])];
      if (
        path.length === 2 &&
        path[1] === 'owner' &&
        (issue as { input?: unknown }).input === undefined
      ) {
        report(
          path,
          'owner/missing',
          `${kindName} ${metadata.name} has no owner`,
          'Add spec.owner: the team that owns it, e.g. owner: payments.',
        );
      } else {
        reportIssues([issue], ['spec'], 'entity/shape');
      }
    }
  }
  // With spec errors, the references and annotations are still checked on what was
  // written, so one run reports them all; the entity itself is then not returned.
  const data = spec.success
    ? (spec.data as Record<string, unknown>)
    : withoutInvalid(rawSpec, spec.error.issues);
  if (data === undefined) {
    return { ...(entityRef === undefined ? {} : { ref: entityRef }), refs, problems };
  }
  const from = entityRef as string;

  /** Parses one reference and remembers it for the existence check. */
  const resolveRef = (
    text: string,
    path: Path,
    field: Omit<RefField, 'field'>,
  ): string | undefined => {
    const parsed = parseEntityRef(text, {
      defaultNamespace: namespace,
      ...(field.defaultKind ? { defaultKind: field.defaultKind } : {}),
      ...(field.allowedKinds ? { allowedKinds: field.allowedKinds } : {}),
    });
    if (!parsed.ok) {
      report(path, 'ref/invalid', `${dotted(path)}: ${parsed.message}`, parsed.hint);
      return undefined;
    }
    const target = stringifyEntityRef(parsed.ref);
    refs.push({ from, field: dotted(path), target, position: locate(path) });
    return target;
  };

  const resolved: Record<string, string | string[]> = {};
  for (const field of definition.refFields) {
    const written = data[field.field];
    if (typeof written === 'string') {
      const target = resolveRef(written, ['spec', field.field], field);
      if (target) resolved[field.field] = target;
    } else if (Array.isArray(written)) {
      resolved[field.field] = written.flatMap((item: unknown, i) =>
        typeof item === 'string' ? (resolveRef(item, ['spec', field.field, i], field) ?? []) : [],
      );
    }
  }
  const one = (field: string): string | undefined => {
    const v = resolved[field];
    return typeof v === 'string' ? v : undefined;
  };
  const many = (field: string): string[] => {
    const v = resolved[field];
    return v === undefined ? [] : typeof v === 'string' ? [v] : v;
  };

  const annotation = <T>(key: string, parse: (value: string) => Parsed<T>): T | undefined => {
    const raw = annotations[key];
    if (raw === undefined) return undefined;
    const parsed = parse(raw);
    if (parsed.ok) return parsed.value;
    report(
      ['metadata', 'annotations', key],
      'annotation/invalid',
      `${key}: ${parsed.message}`,
      parsed.hint,
    );
    return undefined;
  };

  const base: EntityBase = {
    ref: from,
    namespace,
    name: metadata.name,
    ...(metadata.title === undefined ? {} : { title: metadata.title }),
    ...(metadata.description === undefined ? {} : { description: metadata.description }),
    annotations,
    tags: Array.isArray(metadata.tags) ? metadata.tags : [],
    source: locate([]),
  };
  const entity = buildTypedEntity(kindName, {
    base,
    data,
    namespace,
    one,
    many,
    resolved,
    annotation,
    resolveRef,
    report,
  });
  return problems.some((p) => p.severity === 'error')
    ? { ref: from, refs, problems }
    : { entity, ref: from, refs, problems };
}
