/** The sandbox's example bot answers its commands: /echo, /roll (Sync reply), /help. */
import { createTestBot, type TestBot } from "ncatbot/testing";
import { afterEach, expect, it } from "vitest";
import { registerExampleBot } from "../../src/sandbox/example-bot.js";

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

it("example bot: /echo, /roll, /help", async () => {
  t = await createTestBot({ setup: registerExampleBot, bot: { commands: { rbacFile: false } } });
  expect((await t.sayAndWaitReply("/echo 你好")).text).toContain("你好");
  expect((await t.sayAndWaitReply("/roll 3")).text).toMatch(/🎲 [123]$/);
  const help = (await t.sayAndWaitReply("/help")).text;
  for (const line of ["/echo <text:rest> — 复读一句话", "/roll [sides:int=6]", "/图片", "/骰子"]) {
    expect(help).toContain(line);
  }
});
