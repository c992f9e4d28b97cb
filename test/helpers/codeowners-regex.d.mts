/** The regular expression orgwire compiled a CODEOWNERS pattern to before compileGlob. */
export function codeownersPatternRegex(pattern: string): RegExp;
