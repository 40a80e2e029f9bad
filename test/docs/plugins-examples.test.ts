/**
 * The examples of docs/plugins.md run here against the fake NapCat, and the page
 * must show each example file verbatim, so it cannot rot. (docs/examples/plugin-test.ts
 * is itself a test: importing it registers it here.)
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BotClient, type PluginClass } from "ncatbot";
import { createTestBot } from "ncatbot/testing";
import { describe, expect, it } from "vitest";
import Dice from "../../docs/examples/plugin-define.js";
import Greeter from "../../docs/examples/plugin-greeter.js";
import "../../docs/examples/plugin-test.js";

async function waitFor(condition: () => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
}

const EXAMPLES = ["plugin-greeter", "plugin-define", "plugin-test"];

describe("docs/plugins.md", () => {
  it("shows every example file verbatim", () => {
    const page = readFileSync(new URL("../../docs/plugins.md", import.meta.url), "utf8");
    for (const name of EXAMPLES) {
      const code = readFileSync(
        new URL(`../../docs/examples/${name}.ts`, import.meta.url),
        "utf8",
      ).trimEnd();
      expect(page, `docs/plugins.md must contain docs/examples/${name}.ts verbatim`).toContain(
        code,
      );
    }
  });

  it("dice (definePlugin) loads after greeter, answers /roll and publishes on the bus", async () => {
    const t = await createTestBot({ plugins: [Dice, Greeter as unknown as PluginClass] });
    try {
      expect(t.plugins.list().map((p) => p.name)).toEqual(["greeter", "dice"]);
      const rolled: unknown[] = [];
      t.plugins.subscribe("dice.rolled", (m) => void rolled.push(m.data));
      const reply = await t.sayAndWaitReply("/roll");
      const n = Number(/你掷出了 (\d) 点/.exec(reply.text)?.[1]);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(6);
      await waitFor(() => rolled.length > 0);
      expect(rolled).toEqual([{ user: reply.said.user_id, n }]);
    } finally {
      await t.stop();
    }
  });

  it("dice alone is refused, naming the missing greeter", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "ncatbot-docs-"));
    try {
      const bot = new BotClient(
        { configFile: false, pluginsDir: false, dataDir, plugins: [Dice], logLevel: "silent" },
        { env: {} },
      );
      const errors: string[] = [];
      bot.catch((e) => void errors.push(e.message));
      await bot.plugins.start();
      expect(errors).toEqual([
        expect.stringMatching(
          /plugin "dice".*depends on "greeter" \(\^1\.0\.0\), which is not installed/,
        ),
      ]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
