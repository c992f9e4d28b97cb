/** Formatting only: numbers, shares, dates and entity references as people read them. */

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

export const DASH = '—';

/** A share in [0, 1] as a whole percentage: 0.234 → "23%". */
export function pct(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return DASH;
  return `${Math.round(share * 100)}%`;
}

/** A count or measure: whole numbers as they are, others to one decimal. */
export function num(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  return Number.isInteger(value) ? integer.format(value) : decimal.format(value);
}

/** A duration in days: "11 d". */
export function days(value: number | null | undefined): string {
  if (value === null || value === undefined) return DASH;
  return `${decimal.format(value)} d`;
}

/** An availability already in percent, with as many decimals as it needs (up to four). */
export function availability(percent: number | null): string {
  if (percent === null) return DASH;
  return `${new Intl.NumberFormat('en', { maximumFractionDigits: 4 }).format(percent)}%`;
}

const instant = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** An ISO instant in the reader's time zone; a bare date is shown as it is. */
export function when(iso: string | null | undefined): string {
  if (!iso) return DASH;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : instant.format(t);
}

export type RefTarget =
  | { kind: 'page'; to: string; name: string }
  | { kind: 'text'; name: string; detail: string | null };

const DERIVED_DETAIL: Record<string, string> = {
  codeowners: 'CODEOWNERS rule',
  owners: 'OWNERS folder',
  maintainers: 'MAINTAINERS section',
  folder: 'folder',
};

/**
 * Where an entity reference leads in the radiator. `kind:namespace/name` for catalog
 * entities; `codeowners:REPO:PATTERN`, `owners:REPO:FOLDER`, `maintainers:REPO:SECTION`
 * and `folder:REPO:NAME` name components made from files, with no page.
 */
export function refTarget(ref: string): RefTarget {
  const derived = /^(codeowners|owners|maintainers|folder):([^:]*):(.*)$/.exec(ref);
  if (derived) {
    const [, how = '', repo = '', rest = ''] = derived;
    const detail = `${DERIVED_DETAIL[how]} in ${repo}`;
    const [, folder = rest, filter] = /^(.*?) ?(\[.*\])?$/.exec(rest) ?? [];
    const owners = `${folder || '(root)'}/${filter ? ` ${filter}` : ''}`;
    const name = how === 'folder' ? `${rest}/` : how === 'owners' ? owners : rest;
    return { kind: 'text', name, detail };
  }
  const match = /^([a-z]+):([^/]+)\/(.+)$/i.exec(ref);
  if (!match) return { kind: 'text', name: ref, detail: null };
  const [, rawKind = '', ns = '', name = ''] = match;
  const kind = rawKind.toLowerCase();
  const path = `${encodeURIComponent(ns)}/${encodeURIComponent(name)}`;
  switch (kind) {
    case 'group':
      return { kind: 'page', to: `/teams/${path}`, name };
    case 'component':
    case 'api':
      return { kind: 'page', to: `/components/${path}`, name };
    case 'bet':
      return { kind: 'page', to: `/bets/${path}`, name };
    case 'system':
      return { kind: 'page', to: `/systems/${path}`, name };
    case 'domain':
      return { kind: 'page', to: `/domains/${path}`, name };
    case 'learning':
      return { kind: 'page', to: `/learnings#${encodeURIComponent(name)}`, name };
    case 'goal':
      return { kind: 'page', to: `/bets#goal-${encodeURIComponent(name)}`, name };
    default:
      return { kind: 'text', name, detail: null };
  }
}

/** The short name of a reference: `group:default/payments` → `payments`. */
export function refName(ref: string): string {
  return refTarget(ref).name;
}
