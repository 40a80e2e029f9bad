/**
 * `CliError`: a failure the CLI reports as one readable message and an exit code,
 * without a stack trace.
 *
 * @module
 */

/** An expected failure: printed as `message` (plus `hint`), then the CLI exits with `exitCode`. */
export class CliError extends Error {
  override readonly name = "CliError";
  /** Exit code, 1 by default (2 for bad usage). */
  readonly exitCode: number;
  /** What to do about it, printed on its own line. */
  readonly hint: string | undefined;

  constructor(message: string, options: { hint?: string; exitCode?: number } = {}) {
    super(message);
    this.exitCode = options.exitCode ?? 1;
    this.hint = options.hint;
  }
}
