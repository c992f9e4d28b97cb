import type { DeadRule, ShadowedRule } from '../model/index.js';
import type { CodeownersRule } from './ownership/codeowners.js';

/** Which CODEOWNERS rules decide no file: those that match none and those always overridden. */
export interface CodeownersCoverage {
  deadRules: DeadRule[];
  shadowedRules: ShadowedRule[];
}

/**
 * Finds the CODEOWNERS rules that decide no file of `files` (the paths at HEAD): a rule
 * is dead when it matches none of them, shadowed when it matches some but a later rule
 * matches each of those too (the last matching rule wins, as `matchCodeowners` says).
 *
 * Cost: rules are filed by the literal folder their pattern is anchored under
 * (`/pkg/api/*.go` under `pkg/api`), so a file tries only the rules filed under a folder
 * above it and the unanchored ones; once a rule is known to match some file it is tried
 * again only while looking for a file's deciding rule. A shadowed rule is then tried on
 * the files under its folder (a range of the sorted paths) to name the rules that win.
 */
export function codeownersCoverage(
  rules: readonly CodeownersRule[],
  files: readonly string[],
): CodeownersCoverage {
  const byBase = new Map<string, number[]>();
  rules.forEach((rule, index) => {
    const base = literalBase(rule.pattern);
    const list = byBase.get(base);
    if (list) list.push(index);
    else byBase.set(base, [index]);
  });
  const sorted = [...files].sort(compare);
  const matched = new Uint8Array(rules.length);
  const decided = new Uint32Array(rules.length);
  const decider = new Int32Array(sorted.length).fill(-1);
  const globOf = (index: number) => (rules[index] as CodeownersRule).glob;

  // Unanchored rules are tried on every file; anchored ones only on files below their folder.
  const everywhere = [...(byBase.get('') ?? [])].reverse();
  sorted.forEach((path, f) => {
    const anchored: number[] = [];
    for (const folder of ancestors(path)) {
      const filed = byBase.get(folder);
      if (filed) anchored.push(...filed);
    }
    anchored.sort((a, b) => b - a);
    // Both lists run from the last rule up; merged, the first match is the deciding rule.
    let found = -1;
    for (let a = 0, e = 0; a < anchored.length || e < everywhere.length; ) {
      const index = (
        e >= everywhere.length ||
        (a < anchored.length && (anchored[a] as number) > (everywhere[e] as number))
          ? anchored[a++]
          : everywhere[e++]
      ) as number;
      if (found === -1) {
        if (globOf(index).matches(path)) {
          found = index;
          matched[index] = 1;
          decided[index] = (decided[index] as number) + 1;
          decider[f] = index;
        }
      } else if (matched[index] === 0 && globOf(index).matches(path)) {
        matched[index] = 1;
      }
    }
  });

  const deadRules: DeadRule[] = [];
  const shadowedRules: ShadowedRule[] = [];
  rules.forEach((rule, index) => {
    const where = { file: rule.file, line: rule.line, pattern: rule.pattern, owners: rule.owners };
    if (matched[index] === 0) {
      deadRules.push({
        ...where,
        message: `"${rule.pattern}" matches no file at HEAD, so this rule decides nothing`,
        hint: 'Remove the rule, or correct its pattern to where the files are now (a leading "/" anchors it at the repository root).',
      });
      return;
    }
    if ((decided[index] as number) > 0) return;
    const base = literalBase(rule.pattern);
    let count = 0;
    const winners = new Set<number>();
    for (const f of filesUnder(sorted, base)) {
      if (!rule.glob.matches(sorted[f] as string)) continue;
      count++;
      winners.add(rules[decider[f] as number]?.line as number);
    }
    const overriddenBy = [...winners].sort((a, b) => a - b);
    const later =
      overriddenBy.length === 1 ? `line ${overriddenBy[0]}` : `lines ${listLines(overriddenBy)}`;
    shadowedRules.push({
      ...where,
      files: count,
      overriddenBy,
      message: `"${rule.pattern}" decides no file: ${count === 1 ? 'the one file it matches is' : `all ${count} files it matches are`} matched by ${overriddenBy.length === 1 ? 'a later rule' : 'later rules'} (${later}), and the last matching rule wins`,
      hint: `Remove the rule, or move it below ${later} if its owners should win.`,
    });
  });
  return { deadRules, shadowedRules };
}

/** Plain code-unit order, the order `filesUnder`'s binary search relies on. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Up to five line numbers, then how many more. */
function listLines(lines: readonly number[]): string {
  const shown = lines.slice(0, 5).join(', ');
  return lines.length > 5 ? `${shown} and ${lines.length - 5} more` : shown;
}

/**
 * The folder every path a pattern matches lies in (or is): its leading literal segments
 * when the pattern is anchored (a leading `/`, or a `/` before its last character), else
 * `''`, the root. `/pkg/api/*.go` → `pkg/api`; `docs/**\/x` → `docs`; `*.go`, `build/`,
 * `**\/x` → `''`. `''` is always safe: it only costs more tries.
 */
export function literalBase(pattern: string): string {
  const trimmed = pattern.replace(/\/+$/, '');
  if (!pattern.startsWith('/') && !trimmed.includes('/')) return '';
  const base: string[] = [];
  for (const segment of pattern.replace(/^\//, '').split('/')) {
    if (segment === '' || /[*?\\]/.test(segment)) break;
    base.push(segment);
  }
  return base.join('/');
}

/** The folders above a path, nearest last, and the path itself: `a/b/c` → `a`, `a/b`, `a/b/c`. */
function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1))
    out.push(path.slice(0, i));
  out.push(path);
  return out;
}

/** Indexes into `sorted` of the paths that are `base` or lie below it (all for `''`). */
function* filesUnder(sorted: readonly string[], base: string): Generator<number> {
  if (base === '') {
    for (let f = 0; f < sorted.length; f++) yield f;
    return;
  }
  const exact = lowerBound(sorted, base);
  if (sorted[exact] === base) yield exact;
  const prefix = `${base}/`;
  for (let f = lowerBound(sorted, prefix); f < sorted.length; f++) {
    if (!(sorted[f] as string).startsWith(prefix)) break;
    yield f;
  }
}

/** The first index whose path is not below `key` in code-unit order. */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
