import { afterEach, describe, expect, it } from "vitest";
import { createTestBot, events, type TestBot } from "../../src/testing/index.js";

describe("我的机器人", () => {
  let t: TestBot;

  afterEach(async () => {
    await t.stop();
  });

  it("群里说 ping，回复 pong", async () => {
    t = await createTestBot({
      setup: (bot) => {
        bot.onGroupMessage((msg) => {
          if (msg.raw_message === "ping") msg.replySync("pong");
        });
      },
    });

    const reply = await t.sayAndWaitReply("ping");
    expect(reply.text).toBe(" pong"); // @发送者 之后有一个空格
    t.expectCall("send_group_msg").withParams({ group_id: reply.said.group_id }).once();
  });

  it("私聊中同步与异步调用都能用", async () => {
    t = await createTestBot({
      setup: (bot) => {
        bot.onPrivateMessage(async (msg) => {
          if (msg.raw_message === "测试") {
            await bot.api.postPrivateMsg(msg.user_id, { text: "异步成功" });
            bot.api.postPrivateMsgSync(msg.user_id, { text: "同步成功" });
          }
        });
      },
    });

    await t.say({ text: "测试", private: true });
    const replies = await t.waitForReplies(2);
    expect(replies.map((r) => r.text)).toEqual(["异步成功", "同步成功"]);
  });

  it("新成员入群时发送欢迎语", async () => {
    t = await createTestBot({
      setup: (bot) => {
        bot.on("notice.group_increase", async (e) => {
          await bot.api.postGroupMsg(e.group_id, { text: `欢迎 ${e.user_id}` });
        });
      },
    });

    await t.emit(events.groupIncrease({ user_id: 1700000008 }));
    const [welcome] = await t.waitForReplies(1);
    expect(welcome?.text).toBe("欢迎 1700000008");
  });
});
