const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
// JavaScript's Date#toString, as Linear writes many dates: `Tue May 14 2024 08:53:33
// GMT+0000 (GMT)` (the weekday and the zone's name optional).
const JS_DATE =
  /^(?:[a-z]{3},?\s+)?([a-z]{3})\s+(\d{1,2}),?\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+(?:GMT|UTC)([+-]\d{2}:?\d{2})?(?:\s+\([^)]*\))?$/i;
const JIRA =
  /^(\d{1,2})\/([a-z]{3})\/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?)?)?$/i;

/**
 * A date as exports write it, in seconds since the epoch (fractions of a second dropped):
 * ISO 8601 (`2026-03-12`, `2026-03-12T09:41`, `2026-03-12 09:41:07.5+01:00`, `…Z`) or
 * Jira's default export format (`12/Mar/26 9:41 AM`; two-digit years are 20yy; also
 * four-digit years, 24-hour times and dates alone), or JavaScript's `Date#toString` as
 * Linear writes it (`Tue May 14 2024 08:53:33 GMT+0000 (GMT)`). A time without a zone —
 * Jira writes the exporting user's local time without one — is read as UTC. Undefined for
 * anything else, including days that do not exist (30 February).
 */
export function parseRequestDate(value: string): number | undefined {
  const text = value.trim();
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, zone] = iso;
    return toSeconds(
      Number(y),
      Number(mo),
      Number(d),
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(s ?? 0),
      zoneMinutes(zone),
    );
  }
  const js = JS_DATE.exec(text);
  if (js) {
    const [, monthName, d, y, h, mi, s, zone] = js;
    const month = MONTHS.indexOf((monthName as string).toLowerCase()) + 1;
    if (month === 0) return undefined;
    return toSeconds(
      Number(y),
      month,
      Number(d),
      Number(h),
      Number(mi),
      Number(s),
      zoneMinutes(zone),
    );
  }
  const jira = JIRA.exec(text);
  if (!jira) return undefined;
  const [, d, monthName, y, h, mi, s, half] = jira;
  const month = MONTHS.indexOf((monthName as string).toLowerCase()) + 1;
  const year = (y as string).length === 2 ? 2000 + Number(y) : Number(y);
  let hour = Number(h ?? 0);
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half.toLowerCase() === 'p' ? 12 : 0);
  }
  if (month === 0) return undefined;
  return toSeconds(year, month, Number(d), hour, Number(mi ?? 0), Number(s ?? 0), 0);
}

/** Minutes east of UTC for `Z`, `+01`, `+0100` or `-01:00`. */
function zoneMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function toSeconds(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offsetMinutes: number | undefined,
): number | undefined {
  if (offsetMinutes === undefined || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  // Date.UTC rolls 30 February over into March; a day that does not exist is refused.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1) return undefined;
  if (check.getUTCDate() !== day) return undefined;
  return Math.floor(ms / 1000) - offsetMinutes * 60;
}
