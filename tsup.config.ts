import { defineConfig } from "tsup";

/**
 * One build, two module formats. `index`, `testing` and `cli` are the public entry
 * points; the two workers are entries of their own because they are loaded by file
 * URL at run time (see src/io/worker-path.ts). Entries stay flat in dist/ so each
 * bundle finds the workers beside itself.
 */
export default defineConfig({
  entry: {
    index: "src/index.ts",
    testing: "src/testing/index.ts",
    cli: "src/cli/main.ts",
    "io-worker": "src/io/worker.ts",
    "fake-napcat-worker": "src/testing/fake-napcat/worker.ts",
    "sandbox-bot": "src/sandbox/bot-thread.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  platform: "node",
  splitting: false,
  shims: true,
  treeshake: true,
});
