import { isValidEntityName, isValidKind, isValidNamespace } from './validators.js';

/** The namespace an entity lives in when it names none. */
export const DEFAULT_NAMESPACE = 'default';

/** The three parts that identify an entity, as written (case kept). */
export interface CompoundRef {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * How a reference field resolves a short reference: the kind it implies (none for fields
 * such as `dependsOn`, where every reference must name its kind), the namespace to inherit
 * (Backstage: the referring entity's own), and the kinds it may point at.
 */
export interface RefContext {
  defaultKind?: string;
  defaultNamespace: string;
  allowedKinds?: readonly string[];
}

export type RefParseResult =
  | { ok: true; ref: CompoundRef }
  | { ok: false; message: string; hint: string };

/**
 * Parses `[kind:][namespace/]name` by Backstage's rules: the first `:` ends the kind
 * unless a `/` comes before it; a missing kind or namespace comes from the context.
 */
export function parseEntityRef(text: string, context: RefContext): RefParseResult {
  const form = '[kind:][namespace/]name';
  if (text.trim() === '') {
    return { ok: false, message: 'the reference is empty', hint: `Write it as ${form}.` };
  }
  let colon = text.indexOf(':');
  const slash = text.indexOf('/');
  if (slash !== -1 && slash < colon) colon = -1;
  const kind = colon === -1 ? undefined : text.slice(0, colon);
  const namespace = slash === -1 ? undefined : text.slice(colon + 1, slash);
  const name = text.slice(Math.max(colon + 1, slash + 1));
  if (kind === '' || namespace === '' || name === '') {
    return {
      ok: false,
      message: `"${text}" is not of the form ${form}`,
      hint: `Write it as ${form}.`,
    };
  }
  const ref = {
    kind: kind ?? context.defaultKind ?? '',
    namespace: namespace ?? context.defaultNamespace,
    name,
  };
  if (ref.kind === '') {
    return {
      ok: false,
      message: `"${text}" names no kind, and this field implies none`,
      hint: `Prefix the kind, e.g. "component:${name}" or "resource:${name}".`,
    };
  }
  if (!isValidKind(ref.kind)) {
    return {
      ok: false,
      message: `"${ref.kind}" is not a valid kind`,
      hint: 'A kind is a letter followed by letters and digits.',
    };
  }
  // References compare case-insensitively, so `Default/web` names the `default` namespace.
  if (!isValidNamespace(ref.namespace.toLowerCase())) {
    return {
      ok: false,
      message: `"${ref.namespace}" is not a valid namespace`,
      hint: 'A namespace uses lower-case letters, digits and dashes.',
    };
  }
  if (!isValidEntityName(ref.name)) {
    return {
      ok: false,
      message: `"${ref.name}" is not a valid entity name`,
      hint: 'A name has 1–63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.',
    };
  }
  const allowed = context.allowedKinds;
  if (allowed && !allowed.some((k) => k.toLowerCase() === ref.kind.toLowerCase())) {
    return {
      ok: false,
      message: `"${text}" points at a ${ref.kind}, but this field takes ${allowed.join(' or ')}`,
      hint: `Reference a ${allowed.join(' or ')} here.`,
    };
  }
  return { ok: true, ref };
}

/**
 * The canonical string form `kind:namespace/name`, lower-cased as Backstage compares
 * references case-insensitively.
 */
export function stringifyEntityRef(ref: CompoundRef): string {
  return `${ref.kind}:${ref.namespace}/${ref.name}`.toLowerCase();
}

/** The short form for people: `name` in the default namespace, `namespace/name` elsewhere. */
export function humanizeEntityRef(ref: string): string {
  const parsed = parseEntityRef(ref, { defaultNamespace: DEFAULT_NAMESPACE });
  if (!parsed.ok) return ref;
  const { namespace, name } = parsed.ref;
  return namespace === DEFAULT_NAMESPACE ? name : `${namespace}/${name}`;
}
