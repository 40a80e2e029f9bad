/**
 * Hot reload: a changed file in a plugin folder reloads that plugin (and its
 * dependents after it), `this.data` survives, other plugins keep running, and
 * every event sent during the reload is handled exactly once.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createTestBot, type TestBot } from "ncatbot/testing";
import { afterEach, describe, expect, it } from "vitest";
import { cleanTempDirs, pluginSource, tempDir, waitFor } from "./helpers.js";

const running: TestBot[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) await t.stop();
  cleanTempDirs();
});

type Seen = Array<{ text: string; by: string }>;
const seen = (): Seen => ((globalThis as { __reloadSeen?: Seen }).__reloadSeen ??= []);

function counter(version: string): string {
  return pluginSource(
    "counter",
    `  async onClose() { await new Promise((resolve) => setTimeout(resolve, 40)); }
  async onLoad() {
    // Slow lifecycle hooks: events that arrive meanwhile must wait, not be missed.
    await new Promise((resolve) => setTimeout(resolve, 40));
    this.data.loads = ((this.data.loads as number | undefined) ?? 0) + 1;
    const seen = ((globalThis as { __reloadSeen?: unknown[] }).__reloadSeen ??= []);
    this.onGroupMessage((msg) => { seen.push({ text: msg.raw_message, by: "counter ${version} load " + this.data.loads }); });
  }`,
  );
}

function dependent(): string {
  return pluginSource(
    "dependent",
    `  onLoad() {
    const seen = ((globalThis as { __reloadSeen?: unknown[] }).__reloadSeen ??= []);
    seen.push({ text: "(loaded)", by: "dependent" });
  }`,
    'dependencies: { counter: "^1.0.0" }',
  );
}

function bystander(): string {
  return pluginSource(
    "bystander",
    `  onLoad() {
    const seen = ((globalThis as { __reloadSeen?: unknown[] }).__reloadSeen ??= []);
    seen.push({ text: "(loaded)", by: "bystander" });
    this.onGroupMessage((msg) => { seen.push({ text: msg.raw_message, by: "bystander" }); });
  }`,
  );
}

describe("hot reload", () => {
  it("a file change reloads that plugin and its dependents; data kept; each event handled once", async () => {
    seen().length = 0;
    const dir = tempDir({ "package.json": JSON.stringify({ type: "module" }) });
    for (const name of ["counter", "dependent", "bystander"]) mkdirSync(join(dir, name));
    writeFileSync(join(dir, "counter", "index.ts"), counter("v1"));
    writeFileSync(join(dir, "dependent", "index.ts"), dependent());
    writeFileSync(join(dir, "bystander", "index.ts"), bystander());
    const t = await createTestBot({
      heartbeatIntervalMs: 0,
      inProcess: true,
      bot: { pluginsDir: dir, hotReload: true },
    });
    running.push(t);
    expect(
      seen()
        .filter((s) => s.text === "(loaded)")
        .map((s) => s.by)
        .sort(),
    ).toEqual(["bystander", "dependent"]);

    const sent: string[] = [];
    let sending = true;
    const sender = (async () => {
      for (let i = 0; sending || i < 5; i++) {
        const text = `m${i}`;
        sent.push(text);
        await t.say(text);
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (i > 400) break;
      }
    })();
    await waitFor(
      () => seen().some((s) => s.by.startsWith("counter v1")),
      "v1 to handle a message",
    );
    writeFileSync(join(dir, "counter", "index.ts"), counter("v2"));
    await waitFor(
      () => seen().some((s) => s.by.startsWith("counter v2")),
      "the reloaded v2 to handle a message",
      15_000,
    );
    sending = false;
    await sender;
    await waitFor(
      () => sent.every((m) => seen().some((s) => s.text === m && s.by === "bystander")),
      "the bystander to see every message",
    );
    await waitFor(
      () => sent.every((m) => seen().some((s) => s.text === m && s.by.startsWith("counter"))),
      "the counter to see every message",
    );

    for (const text of sent) {
      expect(
        seen().filter((s) => s.text === text && s.by.startsWith("counter")),
        `counter handles ${text} once`,
      ).toHaveLength(1);
      expect(
        seen().filter((s) => s.text === text && s.by === "bystander"),
        `bystander handles ${text} once`,
      ).toHaveLength(1);
    }
    expect(seen().find((s) => s.by.startsWith("counter v2"))?.by).toBe("counter v2 load 2");
    expect(seen().filter((s) => s.text === "(loaded)" && s.by === "dependent")).toHaveLength(2);
    expect(seen().filter((s) => s.text === "(loaded)" && s.by === "bystander")).toHaveLength(1);
  }, 60_000);
});
