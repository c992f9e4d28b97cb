import { isAbsolute, relative, resolve } from 'node:path';

/**
 * A path as a person would type it from `cwd`: relative when inside `cwd` or one folder
 * up, else absolute (a long `../../..` says less than the full path).
 */
export function displayPath(cwd: string, path: string): string {
  const absolute = resolve(cwd, path);
  const rel = relative(cwd, absolute);
  if (rel === '') return '.';
  return rel.startsWith('../..') || isAbsolute(rel) ? absolute : rel;
}
