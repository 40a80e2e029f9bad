/**
 * What every command gets: where it runs, where it writes, whether it may ask, and
 * how its body's exit code reaches the program ({@link RunCommand}, {@link Register}).
 * Commands write through `out`/`err` (never `console`), so tests can run them
 * in-process and capture what a user would see.
 *
 * @module
 */
import type { Command } from "commander";
import { createColors } from "picocolors";

/** The colour functions of `picocolors` (all identity functions when colour is off). */
export type Colors = ReturnType<typeof createColors>;

/** The environment a command runs in. */
export interface CliContext {
  /** The directory the command works in (`process.cwd()` for the real CLI). */
  cwd: string;
  /** Environment variables. */
  env: NodeJS.ProcessEnv;
  /** Writes one line (or several) to standard output. */
  out: (text: string) => void;
  /** Writes one line (or several) to standard error. */
  err: (text: string) => void;
  /** Whether prompts may be shown (a terminal on stdin and stdout, not CI). */
  interactive: boolean;
  /** Colour helpers. */
  c: Colors;
  /** Aborted on Ctrl+C while a command runs (init rolls back, long waits stop). */
  signal: AbortSignal;
}

/** The `-c, --config <file>` option of every command that reads the config file. */
export const CONFIG_OPTION = ["-c, --config <file>", "配置文件，默认 ncatbot.config.yaml"] as const;

/** Runs a command body; its resolved number is the exit code. */
export type RunCommand = (fn: () => Promise<number>) => Promise<void>;

/** Everything a command module needs to register itself. */
export type Register = (program: Command, ctx: CliContext, run: RunCommand) => void;

/** The context of the real command line: process streams, colour and prompts when on a terminal. */
export function processContext(signal: AbortSignal): CliContext {
  const env = process.env;
  // `ncatbot doctor | head`: a closed pipe ends the output quietly, not with a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const tty = Boolean(process.stdout.isTTY);
  const color = env.NO_COLOR === undefined && (tty || env.FORCE_COLOR !== undefined);
  return {
    cwd: process.cwd(),
    env,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    interactive: tty && Boolean(process.stdin.isTTY) && !env.CI,
    c: createColors(color),
    signal,
  };
}

/** A context for tests: captures output, never interactive, no colour. */
export function captureContext(
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): CliContext & { stdout: string[]; stderr: string[]; output(): string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    cwd,
    env,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    interactive: false,
    c: createColors(false),
    signal: new AbortController().signal,
    stdout,
    stderr,
    output: () => [...stdout, ...stderr].join("\n"),
  };
}
