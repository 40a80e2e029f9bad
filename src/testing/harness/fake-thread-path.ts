/**
 * Where the fake NapCat thread's code lives, in each way NcatBot can be loaded.
 *
 * @module
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/** How to spawn the fake's thread. */
export interface FakeThreadSpec {
  /** A file URL, or source text when `eval` is true. */
  script: URL | string;
  /** True when `script` is source text (the TypeScript-from-source case). */
  eval: boolean;
}

declare const __filename: string | undefined;

function currentModuleUrl(): string {
  const meta = (import.meta as { url?: unknown }).url;
  if (typeof meta === "string" && meta) return meta;
  if (typeof __filename === "string") return pathToFileURL(__filename).href;
  throw new Error(
    "NcatBot cannot locate the fake NapCat thread: neither import.meta.url nor __filename is available",
  );
}

/**
 * - From TypeScript sources (tests run with vitest or tsx): `./fake-thread-worker.ts`,
 *   loaded by a small eval bootstrap that registers tsx first (Node 20 does not apply
 *   `--import` hooks to a worker's entry file).
 * - From the build: the tsup entry `fake-napcat-thread` next to the bundle
 *   (`dist/fake-napcat-thread.js` / `.cjs`).
 */
export function resolveFakeThreadSpec(moduleUrl: string = currentModuleUrl()): FakeThreadSpec {
  const path = new URL(moduleUrl).pathname;
  if (path.endsWith(".ts") || path.endsWith(".mts")) {
    const entry = new URL("./fake-thread-worker.ts", moduleUrl).href;
    const tsx = pathToFileURL(
      createRequire(moduleUrl)
        .resolve("tsx/esm/api")
        .replace(/\.cjs$/, ".mjs"),
    ).href;
    return {
      eval: true,
      script: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`,
    };
  }
  const ext = path.endsWith(".cjs") ? ".cjs" : path.endsWith(".mjs") ? ".mjs" : ".js";
  return { eval: false, script: new URL(`./fake-napcat-thread${ext}`, moduleUrl) };
}
