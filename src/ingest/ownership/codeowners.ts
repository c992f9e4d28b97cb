import { compileGlob, type Glob } from '../compile-glob.js';

/** One rule of a CODEOWNERS file: a pattern, its owners (possibly none) and its line. */
export interface CodeownersRule {
  pattern: string;
  /** `@user`, `@org/team` or an e-mail, as written. Empty: the path is left without owner. */
  owners: string[];
  file: string;
  line: number;
  /** The compiled pattern. */
  glob: Glob;
}

/** A line GitHub would not use, with why. */
export interface CodeownersProblem {
  file: string;
  line: number;
  message: string;
  hint: string;
}

/** Where GitHub looks for CODEOWNERS, in order; the first that exists is used. */
export const CODEOWNERS_LOCATIONS = [
  '.github/CODEOWNERS',
  'CODEOWNERS',
  'docs/CODEOWNERS',
] as const;

const OWNER = /^(@[A-Za-z0-9][-A-Za-z0-9_]*(\/[A-Za-z0-9][-A-Za-z0-9_.]*)?|[^\s@]+@[^\s@]+)$/;

/**
 * Parses a CODEOWNERS file by GitHub's rules: `#` starts a comment (also after a pattern
 * or owner), a pattern with no owners un-owns what it matches, and lines GitHub rejects
 * (negation with `!`, `[ ]` ranges, an escaped `\#`, `***`, a malformed owner) are left
 * out and reported, as GitHub skips them.
 */
export function parseCodeowners(
  text: string,
  file: string,
): { rules: CodeownersRule[]; problems: CodeownersProblem[] } {
  const rules: CodeownersRule[] = [];
  const problems: CodeownersProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const fields = raw.trim().split(/\s+/);
    const comment = fields.findIndex((f) => f.startsWith('#'));
    const tokens = (comment === -1 ? fields : fields.slice(0, comment)).filter((f) => f !== '');
    const [pattern, ...owners] = tokens;
    if (pattern === undefined) {
      if (raw.trim().startsWith('\\#')) {
        problems.push({
          file,
          line,
          message: 'GitHub does not support escaping "#" in CODEOWNERS',
          hint: 'Remove the line, or match the path with a wildcard.',
        });
      }
      return;
    }
    const unsupported = unsupportedSyntax(pattern);
    if (unsupported) {
      problems.push({
        file,
        line,
        message: `"${pattern}": ${unsupported}; GitHub skips this line`,
        hint: 'Rewrite the pattern with *, ** and ? only.',
      });
      return;
    }
    const badOwner = owners.find((owner) => !OWNER.test(owner));
    if (badOwner !== undefined) {
      problems.push({
        file,
        line,
        message: `"${badOwner}" is not an owner; GitHub skips this line`,
        hint: 'Owners are @user, @org/team or an e-mail address.',
      });
      return;
    }
    rules.push({ pattern, owners, file, line, glob: codeownersGlob(pattern) });
  });
  return { rules, problems };
}

function unsupportedSyntax(pattern: string): string | undefined {
  if (pattern.startsWith('!')) return 'negation with "!" does not work in CODEOWNERS';
  if (pattern.startsWith('\\#')) return 'escaping "#" does not work in CODEOWNERS';
  if (/(^|[^\\])[[\]]/.test(pattern))
    return 'character ranges with "[ ]" do not work in CODEOWNERS';
  if (pattern.includes('***')) return 'three asterisks in a row are not a pattern';
  return undefined;
}

/** The glob engine's matcher for one CODEOWNERS pattern (see `compileGlob`). */
export function codeownersGlob(pattern: string): Glob {
  return compileGlob(pattern, 'codeowners');
}

/** The rule that decides a path: the last one that matches, as on GitHub. */
export function matchCodeowners(
  rules: readonly CodeownersRule[],
  path: string,
): CodeownersRule | undefined {
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i] as CodeownersRule;
    if (rule.glob.matches(path)) return rule;
  }
  return undefined;
}
