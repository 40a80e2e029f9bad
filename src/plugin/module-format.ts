/**
 * Why a plugin's ES module code failed to load as CommonJS. Node (and tsx's hooks)
 * load a `.ts` or `.js` file as CommonJS unless the nearest package.json says
 * `"type": "module"`; ES-module-only code then fails with errors that do not say
 * so (`Transform failed with 1 error: Top-level await is currently not supported
 * with the "cjs" output format`, `Cannot use import statement outside a module`,
 * `ERR_REQUIRE_ESM`). This module recognises those failures and says what
 * happened and what to do.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";

/** Entries whose format follows the package.json `type` (`.mts` / `.mjs` are always ES modules). */
const FORMAT_FOLLOWS_PACKAGE = /\.(?:ts|tsx|js|jsx)$/;

/** What Node and tsx say when ES module code was loaded as CommonJS. */
const ESM_AS_CJS = [
  /not supported with the "cjs" output format/, // tsx / esbuild: top-level await, import.meta
  /Cannot use import statement outside a module/,
  /Unexpected token '?export'?/,
  /await is only valid in async functions and the top level bodies of modules/,
  /require\(\) of ES Module/,
];
const ESM_AS_CJS_CODES = new Set(["ERR_REQUIRE_ESM", "ERR_REQUIRE_ASYNC_MODULE"]);

/** The nearest package.json at or above `dir`, with its `type`; undefined when there is none. */
export function nearestPackageJson(dir: string): { path: string; type: unknown } | undefined {
  for (let at = dir; ; at = dirname(at)) {
    const path = join(at, "package.json");
    if (existsSync(path)) {
      try {
        return { path, type: (JSON.parse(readFileSync(path, "utf8")) as { type?: unknown }).type };
      } catch {
        return { path, type: undefined };
      }
    }
    if (dirname(at) === at) return undefined;
  }
}

/** The informative line of an import error: tsx's "Transform failed" heading is followed by the real one. */
export function importFailureReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  const first = lines[0] ?? text;
  if (/^Transform failed/.test(first) && lines[1]) {
    return lines[1].replace(/^.*?ERROR: /, "").trim();
  }
  return first;
}

/**
 * When `error` is an ES module loaded as CommonJS (entry `.ts` / `.js`, no
 * `"type": "module"` in the nearest package.json), the problem and the fix;
 * otherwise undefined.
 */
export function explainModuleFormat(
  entry: string,
  error: unknown,
): { problem: string; fix: string } | undefined {
  if (!FORMAT_FOLLOWS_PACKAGE.test(entry)) return undefined;
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const looksLikeIt =
    ESM_AS_CJS.some((pattern) => pattern.test(text)) ||
    (typeof code === "string" && ESM_AS_CJS_CODES.has(code));
  if (!looksLikeIt) return undefined;
  const manifest = nearestPackageJson(dirname(entry));
  if (manifest?.type === "module") return undefined;
  const where = manifest
    ? `${manifest.path} has no "type": "module"`
    : 'no package.json above it says "type": "module"';
  const ext = /\.tsx?$/.test(entry) ? ".mts" : ".mjs";
  const renamed = `${basename(entry, extname(entry))}${ext}`;
  return {
    problem: `it is written as an ES module but was loaded as CommonJS, because ${where} (${importFailureReason(error)})`,
    fix: `Add "type": "module" to ${manifest?.path ?? "the project's package.json"}, or rename ${basename(entry)} to ${renamed} (${ext} files are always ES modules).`,
  };
}
