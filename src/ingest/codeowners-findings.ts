import type { CodeownersHealth, UnresolvedOwner } from '../model/index.js';
import type { CodeownersProblem } from './ownership/codeowners.js';
import type { OwnershipProblem } from './ownership/ownership-reading.js';

/**
 * Stable identifiers of what `orgwire owners --check` finds, for scripts: GitHub
 * CODEOWNERS' own, and the other formats' problems as their readers name them
 * (`owners/bad-regex`, `maintainers/unknown-tag`, `gitlab-codeowners/empty-section`).
 */
export type CodeownersFindingCode =
  | 'codeowners/syntax'
  | 'codeowners/unknown-owner'
  | 'codeowners/dead-rule'
  | 'codeowners/shadowed-rule'
  | OwnershipProblem['code'];

/** One thing wrong with a CODEOWNERS file, at its line, with how to fix it. */
export interface CodeownersFinding {
  code: CodeownersFindingCode;
  file: string;
  line: number;
  message: string;
  hint: string;
}

/**
 * Every CODEOWNERS finding in reading order (file, line): lines GitHub skips, the other
 * ownership files' problems (`other`), owners that
 * match no Group or User (left out when `owners` is false: with no catalog there is
 * nobody to match), dead rules and shadowed rules.
 */
export function codeownersFindings(
  problems: readonly CodeownersProblem[],
  health: CodeownersHealth,
  options: { owners: boolean } = { owners: true },
  other: readonly OwnershipProblem[] = [],
): CodeownersFinding[] {
  const findings: CodeownersFinding[] = [
    ...problems.map((p) => ({ code: 'codeowners/syntax' as const, ...p })),
    ...other.map(({ code, file, line, message, hint }) => ({ code, file, line, message, hint })),
    ...(options.owners ? health.unresolvedOwners.map(unknownOwner) : []),
    ...health.deadRules.map(({ file, line, message, hint }) => ({
      code: 'codeowners/dead-rule' as const,
      file,
      line,
      message,
      hint,
    })),
    ...health.shadowedRules.map(({ file, line, message, hint }) => ({
      code: 'codeowners/shadowed-rule' as const,
      file,
      line,
      message,
      hint,
    })),
  ];
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function unknownOwner(u: UnresolvedOwner): CodeownersFinding {
  const named = u.rules > 1 ? ` (named by ${u.rules} rules, this the first)` : '';
  const add = u.owner.startsWith('@')
    ? u.owner.includes('/')
      ? `a Group with the annotation github.com/team-slug: ${u.owner.slice(1)}`
      : `a User with the annotation github.com/user-login: ${u.owner.slice(1)}`
    : `a User with spec.profile.email ${u.owner}`;
  return {
    code: 'codeowners/unknown-owner',
    file: u.file,
    line: u.line,
    message: `${u.owner} matches no Group or User in the catalog${named}`,
    hint: u.suggestion
      ? `Did you mean ${u.suggestion}? Otherwise add ${add} to the catalog.`
      : `Add ${add} to the catalog, or correct the owner.`,
  };
}
