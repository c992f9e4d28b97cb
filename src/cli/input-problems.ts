import type { Problem } from '../model/index.js';

/** Problems in the user's input that stop the run; the CLI prints them all, exit 2. */
export class InputProblems extends Error {
  constructor(
    readonly problems: readonly Problem[],
    readonly summary: string,
  ) {
    super(summary);
  }
}
