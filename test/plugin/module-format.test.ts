/**
 * A TypeScript / ES module plugin in a project whose package.json lacks
 * `"type": "module"`: Node (and tsx) load its `.ts` as CommonJS, and ES-module-only
 * code (here a top-level await) fails with an error that does not say why. The
 * loader says what happened and what to do. Loaded by Node's own loader in a child
 * process, as `ncatbot run` loads plugins.
 */
import { execFile } from "node:child_process";
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { cleanTempDirs, pluginSource, tempDir } from "./helpers.js";

afterEach(cleanTempDirs);

const HOST = fileURLToPath(new URL("./child/load-report.ts", import.meta.url));
const REPO = fileURLToPath(new URL("../..", import.meta.url));

/** Loads `dir` in a fresh Node process; what the child printed. */
async function loadInChild(dir: string): Promise<{ loaded?: string; error?: string }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", HOST, dir, tempDir()],
    { cwd: REPO, timeout: 30_000 },
  );
  return JSON.parse(stdout.trim().split("\n").pop() ?? "{}");
}

const ESM_ONLY = pluginSource("esm-only", "  onLoad(): void {}").replace(
  "void definePlugin;",
  "void definePlugin;\nawait Promise.resolve(); // top-level await: ES modules only",
);

describe('ES module plugins in a project without "type": "module"', () => {
  it("says the file was loaded as CommonJS, names the package.json and both fixes", async () => {
    const root = tempDir({
      "package.json": JSON.stringify({ name: "my-bot" }),
      "plugins/esm-only/index.ts": ESM_ONLY,
    });
    const dir = join(root, "plugins", "esm-only");
    const failed = await loadInChild(dir);
    expect(failed.loaded).toBeUndefined();
    expect(failed.error).toContain(
      `(${join(dir, "index.ts")}) cannot load: it is written as an ES module but was loaded as CommonJS, because ${join(root, "package.json")} has no "type": "module" (Top-level await is currently not supported with the "cjs" output format)`,
    );
    expect(failed.error).toContain(
      `Add "type": "module" to ${join(root, "package.json")}, or rename index.ts to index.mts`,
    );

    // Either fix makes the same code load: the diagnosis is the right one.
    renameSync(join(dir, "index.ts"), join(dir, "index.mts"));
    expect(await loadInChild(dir)).toEqual({ loaded: "esm-only" });
    renameSync(join(dir, "index.mts"), join(dir, "index.ts"));
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "my-bot", type: "module" }));
    expect(await loadInChild(dir)).toEqual({ loaded: "esm-only" });
  }, 90_000);
});
