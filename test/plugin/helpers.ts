/**
 * Helpers of the plugin tests: plugin folders written to a temporary directory
 * (so broken ones need not live in the repository), and waiting for conditions.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/** The framework's plugin module, for plugin files written by tests (loaded natively by tsx). */
export const PLUGIN_MODULE = pathToFileURL(
  new URL("../../src/plugin/plugin.ts", import.meta.url).pathname,
).href;

const made: string[] = [];

/** A temporary folder with `files` (path → text) written into it. */
export function tempDir(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), "ncatbot-plugin-test-"));
  made.push(root);
  writeFiles(root, files);
  return root;
}

/** Writes `files` (relative path → text) under `root`. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}

/** Removes the folders made by {@link tempDir}. */
export function cleanTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Resolves once `condition()` is true; rejects after `timeoutMs` with `what`. */
export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A plugin source file: `export default class ... extends NcatBotPlugin` with `body` as the class body. */
export function pluginSource(name: string, body: string, meta = ""): string {
  return `import { NcatBotPlugin, definePlugin } from ${JSON.stringify(PLUGIN_MODULE)};
void definePlugin;
export default class extends NcatBotPlugin {
  static meta = { name: ${JSON.stringify(name)}, version: "1.0.0"${meta ? `, ${meta}` : ""} };
${body}
}
`;
}
