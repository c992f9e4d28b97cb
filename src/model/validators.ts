/**
 * Name and field rules of the Backstage catalog model, as `@backstage/catalog-model`
 * defines them (its `KubernetesValidatorFunctions` and `CommonValidatorFunctions`). The
 * tests check these against that package so the two cannot drift apart.
 */

const OBJECT_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_LABEL = /^[a-z0-9]+(?:-+[a-z0-9]+)*$/;
const KIND = /^[a-zA-Z][a-z0-9A-Z]*$/;
const API_VERSION_SUFFIX = /^[a-z0-9A-Z]+$/;
const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;

const within = (value: string, max: number): boolean => value.length >= 1 && value.length <= max;

/** An entity name: 1–63 characters, letters, digits, `-`, `_`, `.`, alphanumeric at both ends. */
export function isValidEntityName(value: string): boolean {
  return within(value, 63) && OBJECT_NAME.test(value);
}

/** A namespace: a DNS label (lower-case letters, digits and inner dashes, 1–63 characters). */
export function isValidNamespace(value: string): boolean {
  return within(value, 63) && DNS_LABEL.test(value);
}

/** A kind: a letter followed by letters and digits, 1–63 characters. */
export function isValidKind(value: string): boolean {
  return within(value, 63) && KIND.test(value);
}

function isValidDnsSubdomain(value: string): boolean {
  return (
    within(value, 253) &&
    value.split('.').every((label) => within(label, 63) && DNS_LABEL.test(label))
  );
}

/** `prefix/suffix` or `suffix` alone, each checked by its own rule. */
function isValidPrefixAndOrSuffix(
  value: string,
  isValidPrefix: (prefix: string) => boolean,
  isValidSuffix: (suffix: string) => boolean,
): boolean {
  const parts = value.split('/');
  if (parts.length === 1) return isValidSuffix(value);
  if (parts.length === 2) return isValidPrefix(parts[0] ?? '') && isValidSuffix(parts[1] ?? '');
  return false;
}

/** An apiVersion such as `backstage.io/v1alpha1`. */
export function isValidApiVersion(value: string): boolean {
  return isValidPrefixAndOrSuffix(
    value,
    isValidDnsSubdomain,
    (suffix) => within(suffix, 63) && API_VERSION_SUFFIX.test(suffix),
  );
}

/** A label or annotation key such as `github.com/team-slug`. */
export function isValidAnnotationKey(value: string): boolean {
  return isValidPrefixAndOrSuffix(value, isValidDnsSubdomain, isValidEntityName);
}

/** A label value: empty, or shaped like an entity name. */
export function isValidLabelValue(value: string): boolean {
  return value === '' || isValidEntityName(value);
}

/**
 * A tag: lower-case letters, digits, `:`, `+`, `#`, joined by single dashes, 1–63
 * characters (the catalog's default `makeValidator`, which allows `lang:go`).
 */
export function isValidTag(value: string): boolean {
  return within(value, 63) && TAG.test(value);
}

/** A calendar day written `YYYY-MM-DD` that exists (no February 30th). */
export function isValidDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}
