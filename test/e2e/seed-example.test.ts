/**
 * The seed's example, verbatim, at the wire level: async then Sync senders from one
 * callback must reach NapCat in that order with the right text.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createTestBot, type TestBot } from "../../src/testing/index.js";

const ASYNC_TEXT = "NcatBot 异步调用测试成功喵~";
const SYNC_TEXT = "NcatBot 同步调用测试成功喵~";
const ALICE = 1572000002;
const DEV_GROUP = 736000003;

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe("seed example", () => {
  it("private, async callback: await postPrivateMsg then postPrivateMsgSync, in order", async () => {
    t = await createTestBot({
      setup: (bot) => {
        bot.onPrivateMessage(async (msg) => {
          if (msg.raw_message === "测试") {
            await bot.api.postPrivateMsg(msg.user_id, { text: ASYNC_TEXT });
            bot.api.postPrivateMsgSync(msg.user_id, { text: SYNC_TEXT });
          }
        });
      },
    });
    await t.say({ text: "测试", private: true, user_id: ALICE });
    const replies = await t.waitForReplies(2);
    expect(replies.map((r) => [r.action, r.user_id, r.text])).toEqual([
      ["send_private_msg", ALICE, ASYNC_TEXT],
      ["send_private_msg", ALICE, SYNC_TEXT],
    ]);
    t.expectCall("send_private_msg").withParams({ user_id: ALICE }).times(2);
  });

  it("private, sync callback using only Sync calls", async () => {
    t = await createTestBot({
      setup: (bot) => {
        bot.onPrivateMessage((msg) => {
          if (msg.raw_message === "测试") {
            bot.api.postPrivateMsgSync(msg.user_id, { text: ASYNC_TEXT });
            bot.api.postPrivateMsgSync(msg.user_id, { text: SYNC_TEXT });
          }
        });
      },
    });
    await t.say({ text: "测试", private: true, user_id: ALICE });
    const replies = await t.waitForReplies(2);
    expect(replies.map((r) => r.text)).toEqual([ASYNC_TEXT, SYNC_TEXT]);
    // Sync calls are visible at once, without waiting.
    t.expectCall("send_private_msg").toContainText(SYNC_TEXT).once();
  });

  it("group: await postGroupMsg then postGroupMsgSync, in order", async () => {
    t = await createTestBot({
      setup: (bot) => {
        bot.onGroupMessage(async (msg) => {
          if (msg.raw_message === "测试") {
            await bot.api.postGroupMsg(msg.group_id, { text: ASYNC_TEXT });
            bot.api.postGroupMsgSync(msg.group_id, { text: SYNC_TEXT });
          }
        });
      },
    });
    const first = await t.sayAndWaitReply({ text: "测试", group_id: DEV_GROUP });
    expect(first.text).toBe(ASYNC_TEXT);
    const replies = await t.waitForReplies(2);
    expect(replies.map((r) => [r.action, r.group_id, r.text])).toEqual([
      ["send_group_msg", DEV_GROUP, ASYNC_TEXT],
      ["send_group_msg", DEV_GROUP, SYNC_TEXT],
    ]);
    t.expectCall("send_private_msg").not();
  });
});
