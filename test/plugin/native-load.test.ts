/**
 * Plugin folders loaded by Node itself (not by the test runner's module graph), as
 * `ncatbot run` loads them: a TypeScript plugin without a build step, and a reload
 * that sees a changed file the entry imports (each import is a fresh copy of the
 * plugin's own files). A reload whose new code does not compile keeps the old one.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { cleanTempDirs, pluginSource, tempDir } from "./helpers.js";

const HOST = fileURLToPath(new URL("./child/native-host.ts", import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  cleanTempDirs();
});

function helper(value: string): string {
  return `export const value: string = ${JSON.stringify(value)};\n`;
}

describe("native loading (Node's loader, tsx hooks)", () => {
  it("loads index.ts without a build; reload picks up a changed imported file; broken new code keeps the old instance", async () => {
    const root = tempDir({
      "package.json": JSON.stringify({ type: "module" }),
      "native/helper.ts": helper("one"),
      "native/index.ts": pluginSource(
        "native",
        `  onLoad(): void { this.data.loads = ((this.data.loads as number | undefined) ?? 0) + 1; }
  value(): string { return value; }`,
      ).replace("void definePlugin;", 'void definePlugin;\nimport { value } from "./helper.ts";'),
    });
    const dataDir = tempDir();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", HOST, join(root, "native"), dataDir],
      {
        cwd: fileURLToPath(new URL("../..", import.meta.url)),
        stdio: ["pipe", "pipe", "inherit"],
      },
    );
    children.push(child);
    const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> })[
      Symbol.asyncIterator
    ]();
    const next = async () =>
      JSON.parse(String((await lines.next()).value)) as Record<string, unknown>;

    expect(await next()).toMatchObject({ step: "loaded", value: "one", errors: [] });
    writeFileSync(join(root, "native", "helper.ts"), helper("two"));
    child.stdin?.write("reload\n");
    expect(await next()).toMatchObject({ step: "reloaded", value: "two", loads: 2, errors: [] });
    writeFileSync(join(root, "native", "helper.ts"), "export const value: string = ;\n");
    child.stdin?.write("reload\n");
    const failed = await next();
    expect(failed.step).toBe("reload-failed");
    expect(String(failed.error)).toMatch(
      /plugin.*index\.ts\) cannot load: it could not be imported/,
    );
    expect(failed.value).toBe("two");
    child.stdin?.write("exit\n");
    await new Promise((resolve) => child.once("exit", resolve));
  }, 60_000);
});
