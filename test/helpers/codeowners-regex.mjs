// Plain JavaScript, so that bench/globs.mjs can run it as the baseline without a build.
/**
 * The regular expression orgwire compiled each CODEOWNERS pattern to before it had its own
 * glob engine (src/ingest/compile-glob.ts): correct, but backtracking, so a pattern such as
 * `*a*a*a*a*a*a*a*a*a*a*a*a*b` hangs on a long name. Kept as the oracle the engine must
 * agree with on patterns and paths that do not make it backtrack.
 */
const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The old regular expression for one CODEOWNERS pattern, following gitignore rules as GitHub
 * applies them (the translation of hmarr/codeowners, whose test table we share):
 * a pattern with no inner slash matches at any depth; a leading slash anchors to the
 * root; a trailing slash matches everything inside a directory; `*` and `?` stay inside
 * one path segment, and `dir/*` matches the files directly in `dir` only; `**` spans
 * segments; a final literal segment matches that file or everything below that directory.
 */
export function codeownersPatternRegex(pattern) {
  if (pattern === '/') return /^(?!)/;
  let segments = pattern.split('/');
  if (segments[0] === '') {
    segments = segments.slice(1);
  } else if (segments.length === 1 || (segments.length === 2 && segments[1] === '')) {
    if (segments[0] !== '**') segments = ['**', ...segments];
  }
  if (segments.length > 1 && segments[segments.length - 1] === '')
    segments[segments.length - 1] = '**';

  const last = segments.length - 1;
  let needSlash = false;
  let re = '^';
  segments.forEach((segment, i) => {
    if (segment === '**') {
      if (i === 0 && i === last) re += '.+';
      else if (i === 0) {
        re += '(?:.+/)?';
        needSlash = false;
      } else if (i === last) re += '/.*';
      else {
        re += '(?:/.+)?';
        needSlash = true;
      }
      return;
    }
    if (needSlash) re += '/';
    if (segment === '*') {
      re += '[^/]+';
      needSlash = true;
      return;
    }
    let escaped = false;
    for (const ch of segment) {
      if (escaped) {
        escaped = false;
        re += escapeRegex(ch);
      } else if (ch === '\\') escaped = true;
      else if (ch === '*') re += '[^/]*';
      else if (ch === '?') re += '[^/]';
      else re += escapeRegex(ch);
    }
    if (i === last) re += '(?:/.*)?';
    needSlash = true;
  });
  return new RegExp(`${re}$`, 's');
}
