/**
 * Where NcatBot's worker threads live, in each way NcatBot can be loaded. The I/O
 * worker (`io-worker`) is resolved here; other layers resolve their own workers
 * (the fake NapCat's, the sandbox bot's) with {@link resolveWorkerEntry}, passing
 * their own module URL, so nothing here names a file outside io/.
 *
 * @module
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/** How to spawn a worker thread. */
export interface WorkerSpec {
  /** Script to pass to `new Worker` (a file URL, or source text when `eval`). */
  script: URL | string;
  /** True when `script` is source text (the TypeScript-from-source case). */
  eval: boolean;
}

declare const __filename: string | undefined;

/** This module's URL: `import.meta.url` (ESM, or CJS with tsup `shims`), else `__filename`. */
function currentModuleUrl(): string {
  const meta = (import.meta as { url?: unknown }).url;
  if (typeof meta === "string" && meta) return meta;
  if (typeof __filename === "string") return pathToFileURL(__filename).href;
  throw new Error(
    "NcatBot cannot locate its worker threads: neither import.meta.url nor __filename is available",
  );
}

/**
 * Resolves any NcatBot worker entry.
 *
 * - From TypeScript sources (tests, tsx): `moduleUrl` ends in `.ts`; the worker is
 *   `sourceFile` (resolved against `moduleUrl`), loaded by a tiny eval bootstrap
 *   that registers tsx first (Node 20 does not apply `--import` hooks to a worker's
 *   entry file).
 * - From the build: the calling code is bundled in a flat `dist/*.js` / `.cjs`
 *   (`index`, `testing`, `cli`); the worker is the tsup entry `entryName` next to
 *   it (`dist/<entryName>.js` / `.cjs`, same extension as the bundle).
 *
 * @param entryName - tsup entry name of the built worker, e.g. `"fake-napcat-worker"`.
 * @param sourceFile - the worker's TypeScript source, relative to `moduleUrl`.
 * @param moduleUrl - where to resolve from; default this module (`src/io/worker-path.ts`
 *   from sources, the bundle that contains it when built).
 * @example
 * ```ts
 * const spec = resolveWorkerEntry("my-worker", "./my-worker.ts", import.meta.url);
 * const worker = new Worker(spec.script, { eval: spec.eval });
 * ```
 */
export function resolveWorkerEntry(
  entryName: string,
  sourceFile: string,
  moduleUrl: string = currentModuleUrl(),
): WorkerSpec {
  const path = new URL(moduleUrl).pathname;
  if (path.endsWith(".ts") || path.endsWith(".mts")) {
    const worker = new URL(sourceFile, moduleUrl).href;
    const tsxApi = tsxApiUrl(moduleUrl);
    return {
      eval: true,
      script:
        `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(worker)}); })` +
        ".catch((e) => { throw e; });",
    };
  }
  const ext = path.endsWith(".cjs") ? ".cjs" : path.endsWith(".mjs") ? ".mjs" : ".js";
  return { eval: false, script: new URL(`./${entryName}${ext}`, moduleUrl) };
}

/**
 * The I/O worker (`src/io/worker.ts`, built as the tsup entry `io-worker`).
 *
 * @param moduleUrl - the URL of this module (`src/io/worker-path.ts`) or of the
 *   bundle containing it; default: where this code actually runs.
 */
export function resolveWorkerSpec(moduleUrl: string = currentModuleUrl()): WorkerSpec {
  return resolveWorkerEntry("io-worker", "./worker.ts", moduleUrl);
}

function tsxApiUrl(moduleUrl: string): string {
  const resolved = createRequire(moduleUrl).resolve("tsx/esm/api");
  // require() resolves the CJS build; the ESM build sits beside it as .mjs.
  return pathToFileURL(resolved.replace(/\.cjs$/, ".mjs")).href;
}
