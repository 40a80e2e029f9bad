import { defineConfig } from "tsup";

/**
 * One build, two module formats. `index`, `testing` and `cli` are the public entry
 * points; the two workers are entries of their own because they are loaded by file
 * URL at run time (see src/io/worker-path.ts). Entries and chunks stay flat in dist/
 * so the code that resolves a worker (in whichever chunk it lands) finds it beside itself.
 *
 * `splitting: true` in both formats (tsup's CJS splitting converts esbuild's ESM
 * chunks): code shared by the entries lives in shared chunks, so "ncatbot" and
 * "ncatbot/testing" load ONE copy of every class (`createTestBot().bot instanceof
 * BotClient`, `instanceof ActionFailedError`, `MessageArray` across entries; checked on
 * the built package by scripts/smoke-identity.mjs).
 *
 * No source maps: the bundles are not minified (names and structure survive, stack
 * traces are readable as they are), and the maps were 8.9 MB of a 13 MB dist/.
 */
export default defineConfig({
  entry: {
    index: "src/index.ts",
    testing: "src/testing-entry.ts",
    cli: "src/cli/main.ts",
    "io-worker": "src/io/worker.ts",
    "fake-napcat-worker": "src/testing/fake-napcat/worker.ts",
    "sandbox-bot": "src/sandbox/bot-thread.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: false,
  clean: true,
  target: "node20",
  platform: "node",
  splitting: true,
  shims: true,
  treeshake: true,
});
