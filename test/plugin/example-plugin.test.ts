/** The sandbox's example bot is a plugin: it answers while loaded and is silent once unloaded. */
import { createTestBot } from "ncatbot/testing";
import { expect, it } from "vitest";
import { ExampleBotPlugin } from "../../src/sandbox/index.js";

it("the example bot loads as a plugin and unloads cleanly", async () => {
  const t = await createTestBot({ plugins: [ExampleBotPlugin] });
  try {
    expect(t.plugins.list()).toMatchObject([{ name: "example-bot", state: "loaded" }]);
    expect((await t.sayAndWaitReply("ping")).text).toContain("pong");
    await t.plugins.unload("example-bot");
    const seen: string[] = [];
    t.bot.onGroupMessage((m) => void seen.push(m.raw_message));
    t.clearCalls();
    await t.say("ping");
    const end = Date.now() + 10_000;
    while (!seen.includes("ping") && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(seen).toContain("ping");
    expect(t.replies()).toEqual([]);
  } finally {
    await t.stop();
  }
});
