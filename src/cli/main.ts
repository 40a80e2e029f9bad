#!/usr/bin/env node
/**
 * The `ncatbot` command: `ncatbot --help` lists every command (see ./program.ts).
 *
 * @module
 */
import { processContext } from "./context.js";
import { runCli } from "./program.js";

/** Runs the command line `argv` (without `node` and the script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  return runCli(argv, processContext(new AbortController().signal));
}

const invokedDirectly = (() => {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  return /(?:^|[\\/])(?:main\.ts|cli\.c?js|cli\.mjs|ncatbot)$/.test(entry);
})();

if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
