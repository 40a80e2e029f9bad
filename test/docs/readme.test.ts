/** The README's testing snippet, run as written (imports by package name resolve to src/). */
import { readFileSync } from "node:fs";
import { createTestBot } from "ncatbot/testing";
import { expect, it } from "vitest";

it("README: the createTestBot snippet works as shown", async () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  expect(readme).toContain('const reply = await t.sayAndWaitReply("ping");');
  const t = await createTestBot({ setup: (bot) => bot.onGroupMessage((m) => m.replySync("pong")) });
  try {
    const reply = await t.sayAndWaitReply("ping");
    expect(reply.text.trim()).toBe("pong");
    t.expectCall("send_group_msg").toContainText("pong");
  } finally {
    await t.stop();
  }
});
