/** What a command may touch of the outside world; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  /** Whether standard output is a terminal (colour, progress). */
  isTTY: boolean;
}

/** This process's own standard output and error, and its folder. */
export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
  };
}

export const OUTPUT_FORMATS = ['table', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The JSON contract's version; bumped only when a field changes meaning or goes away. */
export const JSON_VERSION = 1;

export function writeJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify({ version: JSON_VERSION, ...(value as object) }, null, 2)}\n`);
}
