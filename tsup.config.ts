import { defineConfig } from "tsup";

/**
 * One build, two module formats. Each entry is a public subpath of the package;
 * the I/O worker is its own entry because it is loaded by file URL at run time.
 */
export default defineConfig({
  entry: {
    index: "src/index.ts",
    testing: "src/testing/index.ts",
    cli: "src/cli/main.ts",
    "io-worker": "src/io/worker.ts",
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
