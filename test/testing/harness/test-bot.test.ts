/** createTestBot: lifecycle, reply helpers, timeouts with readable errors, both fake modes. */
import { afterEach, describe, expect, it } from "vitest";
import {
  CallAssertionError,
  createTestBot,
  events,
  type TestBot,
} from "../../../src/testing/index.js";

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop().catch(() => {});
  t = undefined;
});

describe("createTestBot", () => {
  it("ping -> pong: sayAndWaitReply returns the text, the target and the message it answers", async () => {
    t = await createTestBot({
      setup: (bot) =>
        bot.onGroupMessage((msg) => {
          if (msg.raw_message === "ping") msg.replySync("pong", { at: false });
        }),
    });
    const reply = await t.sayAndWaitReply("ping");
    expect(reply).toMatchObject({ action: "send_group_msg", chat: "group", text: "pong" });
    expect(reply.group_id).toBe(reply.said.group_id);
    // Calls made by a Sync call are visible right away, no waiting needed.
    t.expectCall("send_group_msg").toContainText("pong").once();
    expect(t.replies().map((r) => r.text)).toEqual(["pong"]);
  });

  it("private chats correlate by user; the bot's own messages to other chats are not the reply", async () => {
    t = await createTestBot({
      setup: (bot) =>
        bot.onPrivateMessage(async (msg) => {
          await bot.api.postGroupMsg(736000003, { text: "elsewhere" });
          await msg.reply(`hi ${msg.user_id}`, { quote: false });
        }),
    });
    const reply = await t.sayAndWaitReply({ text: "hello", private: true, user_id: 1983000004 });
    expect(reply).toMatchObject({ chat: "private", user_id: 1983000004, text: "hi 1983000004" });
  });

  it("no reply: the error names the chat, the timeout and what was called", async () => {
    t = await createTestBot({ timeoutMs: 300 });
    const error = await t.sayAndWaitReply("anyone?").catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /sayAndWaitReply\("anyone\?"\): the bot sent no message to group 736000003 within 300 ms\.\nCalls since the message \(0\):\n {2}none/,
    );
    await expect(t.waitForReplies(1, { timeoutMs: 100 })).rejects.toThrow(
      "waitForReplies(1): the bot sent 0 message(s) within 100 ms",
    );
  });

  it("events emitted through the fake reach the bot over the wire", async () => {
    const seen: number[] = [];
    t = await createTestBot({
      setup: (bot) => {
        bot.on("notice.group_increase", async (e) => {
          seen.push(e.user_id);
          await bot.api.postGroupMsg(e.group_id, { text: `welcome ${e.user_id}` });
        });
      },
    });
    await t.emit(events.groupIncrease({ user_id: 1700000008 }));
    const [welcome] = await t.waitForReplies(1);
    expect(welcome?.text).toBe("welcome 1700000008");
    expect(seen).toEqual([1700000008]);
  });

  it("an expectCall chain without an assertion makes stop() fail, after cleaning up", async () => {
    const bot = await createTestBot({ inProcess: true });
    bot.expectCall("send_group_msg").withParams({ group_id: 1 });
    const error = await bot.stop().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallAssertionError);
    expect((error as Error).message).toContain(
      'expectCall("send_group_msg").withParams({"group_id":1})',
    );
    await expect(bot.bot.api.getLoginInfo()).rejects.toThrow(/stopped/);
  });

  it("inProcess mode works for async-only bots; clearCalls forgets calls", async () => {
    t = await createTestBot({
      inProcess: true,
      setup: (bot) => bot.onGroupMessage((msg) => msg.reply("ok", { at: false, quote: false })),
    });
    expect((await t.sayAndWaitReply("x")).text).toBe("ok");
    t.clearCalls();
    t.expectCall("send_group_msg").not();
    expect(t.calls).toHaveLength(0);
  });

  it("a bad setup fails createTestBot and leaves nothing running", async () => {
    await expect(
      createTestBot({
        setup: () => {
          throw new Error("setup broke");
        },
      }),
    ).rejects.toThrow("setup broke");
  });
});
