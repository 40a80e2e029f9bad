/**
 * Where the I/O worker's code lives, in each way NcatBot can be loaded.
 *
 * @module
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/** How to spawn the I/O worker. */
export interface WorkerSpec {
  /** Script to pass to `new Worker` (a file URL, or source text when `eval`). */
  script: URL | string;
  /** True when `script` is source text (the TypeScript-from-source case). */
  eval: boolean;
}

declare const __filename: string | undefined;

function currentModuleUrl(): string {
  // ESM (and CJS with tsup `shims: true`) has import.meta.url; plain CJS has __filename.
  const meta = (import.meta as { url?: unknown }).url;
  if (typeof meta === "string" && meta) return meta;
  if (typeof __filename === "string") return pathToFileURL(__filename).href;
  throw new Error(
    "NcatBot cannot locate its I/O worker: neither import.meta.url nor __filename is available",
  );
}

/**
 * - From TypeScript sources (tests, tsx): this module ends in `.ts`; the worker is
 *   `./worker.ts`, loaded by a tiny eval bootstrap that registers tsx first
 *   (Node 20 does not apply `--import` hooks to a worker's entry file).
 * - From the build: this code is bundled in `dist/index.js` / `dist/index.cjs`; the
 *   worker is the tsup entry `io-worker` next to it (`dist/io-worker.js` / `.cjs`).
 */
export function resolveWorkerSpec(moduleUrl: string = currentModuleUrl()): WorkerSpec {
  const path = new URL(moduleUrl).pathname;
  if (path.endsWith(".ts") || path.endsWith(".mts")) {
    const worker = new URL("./worker.ts", moduleUrl).href;
    const tsxApi = tsxApiUrl(moduleUrl);
    return {
      eval: true,
      script:
        `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(worker)}); })` +
        ".catch((e) => { throw e; });",
    };
  }
  const ext = path.endsWith(".cjs") ? ".cjs" : path.endsWith(".mjs") ? ".mjs" : ".js";
  return { eval: false, script: new URL(`./io-worker${ext}`, moduleUrl) };
}

function tsxApiUrl(moduleUrl: string): string {
  const resolved = createRequire(moduleUrl).resolve("tsx/esm/api");
  // require() resolves the CJS build; the ESM build sits beside it as .mjs.
  return pathToFileURL(resolved.replace(/\.cjs$/, ".mjs")).href;
}
