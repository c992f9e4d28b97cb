/**
 * A user-facing failure with a stable code, a message that says what is wrong, and a hint
 * that says what to do next. The CLI prints these without a stack trace and maps the code
 * to an exit status in one place.
 */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export type AppErrorCode =
  /** The user's input (a flag, a file, a catalog) is wrong. */
  | 'invalid-input'
  /** A file or folder the user named does not exist. */
  | 'not-found'
  /** git is missing, or a repository cannot be read. */
  | 'git'
  /** The store cannot be opened, read or written: locked, read-only, damaged, a full disk. */
  | 'store'
  /** git stopped at an object the repository lacks (a partial or damaged clone). */
  | 'missing-objects';
