/**
 * Plugin data: `this.data` persisted to <dataDir>/<name>/data.json atomically,
 * kept across reloads and restarts; a corrupt file is renamed aside with a warning;
 * a child process killed (SIGKILL) while writing in a loop never leaves a torn file.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { BotClient, NcatBotPlugin, type PluginClass } from "ncatbot";
import { afterEach, describe, expect, it } from "vitest";
import { cleanTempDirs, tempDir } from "./helpers.js";

afterEach(cleanTempDirs);

class Notes extends NcatBotPlugin<{ notes?: string[]; loads?: number }> {
  static meta = { name: "notes" };
  onLoad() {
    this.data.loads = (this.data.loads ?? 0) + 1;
  }
}

function newBot(dataDir: string, warnings: string[] = []) {
  const bot = new BotClient(
    { configFile: false, pluginsDir: false, dataDir, plugins: [Notes], logLevel: "warn" },
    { env: {} },
  );
  bot.log.warn = ((_obj: unknown, msg?: string) =>
    void warnings.push(String(msg))) as typeof bot.log.warn;
  return bot;
}

describe("plugin data", () => {
  it("persists on unload, survives a reload and a restart; dataDir is the plugin's folder", async () => {
    const dataDir = tempDir();
    const bot = newBot(dataDir);
    await bot.plugins.start();
    const notes = () => bot.plugins.get("notes") as Notes;
    notes().data.notes = ["第一条"];
    await bot.plugins.reload("notes");
    expect(notes().data).toEqual({ notes: ["第一条"], loads: 2 });
    expect(notes().dataDir).toBe(join(dataDir, "notes"));
    await bot.plugins.stop();
    expect(JSON.parse(readFileSync(join(dataDir, "notes", "data.json"), "utf8"))).toEqual({
      notes: ["第一条"],
      loads: 2,
    });
    const restarted = newBot(dataDir);
    await restarted.plugins.start();
    expect((restarted.plugins.get("notes") as Notes).data).toEqual({ notes: ["第一条"], loads: 3 });
  });

  it("a corrupt data.json is renamed aside with a warning naming the plugin and file; the plugin starts empty", async () => {
    const dataDir = tempDir({ "notes/data.json": '{"notes": ["half' });
    const warnings: string[] = [];
    const bot = newBot(dataDir, warnings);
    await bot.plugins.start();
    expect((bot.plugins.get("notes") as Notes).data).toEqual({ loads: 1 });
    const aside = readdirSync(join(dataDir, "notes")).filter((f) =>
      f.startsWith("data.json.corrupt-"),
    );
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dataDir, "notes", aside[0] as string), "utf8")).toBe(
      '{"notes": ["half',
    );
    expect(warnings.join("\n")).toMatch(
      /plugin "notes": .*data\.json was not valid JSON .*it was kept as .*data\.json\.corrupt-/,
    );
  });

  it("an unreadable data file: one error naming the plugin and file, the other plugins load", async () => {
    const dataDir = tempDir();
    // A folder where the file should be: reading it fails with EISDIR, like a permission error.
    writeFileSync(join(tempDir(), "x"), "");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(dataDir, "notes", "data.json"), { recursive: true });
    class Fine extends NcatBotPlugin {
      static meta = { name: "fine" };
    }
    const bot = new BotClient(
      {
        configFile: false,
        pluginsDir: false,
        dataDir,
        plugins: [Notes, Fine as unknown as PluginClass],
        logLevel: "silent",
      },
      { env: {} },
    );
    const errors: string[] = [];
    bot.catch((e) => void errors.push(e.message));
    await bot.plugins.start();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/plugin "notes".*data\.json/);
    expect(bot.plugins.list().map((p) => [p.name, p.state])).toEqual([
      ["notes", "failed"],
      ["fine", "loaded"],
    ]);
  });

  it("kill -9 at any moment leaves the old file or the new one, never a torn one", async () => {
    const dataDir = tempDir();
    const file = join(dataDir, "data.json");
    const writer = fileURLToPath(new URL("./child/data-writer.ts", import.meta.url));
    for (let round = 0; round < 12; round++) {
      const child = spawn(process.execPath, ["--import", "tsx", writer, file], {
        cwd: fileURLToPath(new URL("../..", import.meta.url)),
        stdio: ["ignore", "pipe", "inherit"],
      });
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      // Once it has written at least once, kill it at some moment of its write loop.
      await lines.next();
      await new Promise((resolve) => setTimeout(resolve, (round * 7) % 23));
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
      expect(existsSync(file)).toBe(true);
      const value = JSON.parse(readFileSync(file, "utf8")) as { n: number; filler: string };
      expect(value.filler).toHaveLength(1000);
      expect(value.n).toBeGreaterThan(0);
    }
  }, 120_000);
});
