/**
 * The package version, read from the `package.json` of the `ncatbot` package this
 * code belongs to (works from the sources and from `dist/`).
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

declare const __filename: string | undefined;

function here(): string {
  const meta = (import.meta as { url?: unknown }).url;
  if (typeof meta === "string" && meta) return fileURLToPath(meta);
  if (typeof __filename === "string") return __filename;
  return process.cwd();
}

/** The version of the `ncatbot` package (e.g. `0.1.0`), or `unknown` when its package.json cannot be found. */
export function packageVersion(start: string = here()): string {
  let dir = dirname(start);
  for (let i = 0; i < 6; i++) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
        if (pkg.name === "ncatbot" && typeof pkg.version === "string") return pkg.version;
      } catch {
        // not a readable package.json: keep looking upwards
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return "unknown";
}
