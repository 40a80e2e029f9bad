#!/usr/bin/env node
// `npm create ncatbot [dir] [flags]` runs `ncatbot init [dir] [flags]` from the ncatbot
// package this one depends on, with the same terminal, and exits with its exit code.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The path of the `ncatbot` command inside the installed ncatbot package. */
export function ncatbotBin() {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("ncatbot/package.json");
  const { bin } = JSON.parse(readFileSync(manifest, "utf8"));
  const relative = typeof bin === "string" ? bin : bin.ncatbot;
  return join(dirname(manifest), relative);
}

const child = spawn(process.execPath, [ncatbotBin(), "init", ...process.argv.slice(2)], {
  stdio: "inherit",
});
// Ctrl+C reaches the child too (same process group); wait for it to finish its rollback.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => {});
child.on("exit", (code, signal) => {
  process.exitCode = code ?? (signal ? 130 : 1);
});
