/**
 * The quick-operation example of docs/events.md runs verbatim under the test harness:
 * the fake NapCat turns `.handle_quick_operation` into the reply real NapCat sends.
 */
import { readFileSync } from "node:fs";
import { createTestBot } from "ncatbot/testing";
import { describe, expect, it } from "vitest";
import { setup } from "../../docs/examples/quick-operation.js";

describe("docs/events.md", () => {
  it("shows the quick-operation example verbatim", () => {
    const page = readFileSync(new URL("../../docs/events.md", import.meta.url), "utf8");
    const code = readFileSync(
      new URL("../../docs/examples/quick-operation.ts", import.meta.url),
      "utf8",
    ).trimEnd();
    expect(page).toContain(code);
    expect(page).toContain("const t = await createTestBot({ setup });");
  });

  it("quickOperation({ reply }) becomes the bot's reply; a friend request is approved", async () => {
    const t = await createTestBot({ setup });
    try {
      const reply = await t.sayAndWaitReply("ping");
      expect(reply.text).toBe("pong");
      t.expectCall(".handle_quick_operation").called();
      const request = await t.fake.requestFriend({ user_id: 1900000001 });
      await t.fake.waitForCall("set_friend_add_request", 10_000);
      const world = await t.fake.getWorld();
      expect(JSON.stringify(world)).toContain("新朋友");
      expect(request.flag).toBeTruthy();
    } finally {
      await t.stop();
    }
  });
});
