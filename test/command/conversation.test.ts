/** Conversations (prompt) and cooldowns, over the wire. */
import { createTestBot, type TestBot } from "ncatbot/testing";
import { afterEach, describe, expect, it } from "vitest";

const ALICE = 1572000002;
const BOB = 1983000004;
const LOUNGE = 736000007;

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe("prompt", () => {
  it("two users interleaved: each gets their own answer; others are served meanwhile", async () => {
    t = await createTestBot({
      inProcess: true,
      bot: { commands: { rbacFile: false } },
      setup: (b) => {
        b.command("register", async (e) => {
          const answer = await e.prompt("你叫什么名字？", { timeout: 10_000 });
          await (answer ?? e).reply(answer ? `你好，${answer.raw_message}` : "超时了");
        });
        b.command("ping", (e) => e.reply("pong"));
        b.onGroupMessage((e) => {
          if (e.raw_message === "plain") e.reply("plain seen");
        });
      },
    });
    const askAlice = await t.sayAndWaitReply({ text: "/register", user_id: ALICE });
    expect(askAlice.text).toContain("你叫什么名字？");
    const askBob = await t.sayAndWaitReply({ text: "/register", user_id: BOB });
    expect(askBob.text).toContain("你叫什么名字？");
    // Someone else (and the same user in another chat) is served while both wait.
    expect((await t.sayAndWaitReply({ text: "/ping", user_id: 1690000006 })).text).toContain(
      "pong",
    );
    expect(
      (await t.sayAndWaitReply({ text: "/ping", user_id: ALICE, group_id: LOUNGE })).text,
    ).toContain("pong");
    // Bob answers first, then Alice: each prompt gets its own user's words.
    expect((await t.sayAndWaitReply({ text: "Bobby", user_id: BOB })).text).toContain(
      "你好，Bobby",
    );
    expect((await t.sayAndWaitReply({ text: "plain", user_id: ALICE })).text).toContain(
      "你好，plain",
    );
    // The answer went to the prompt only: the plain handler did not see it; now it does.
    expect((await t.sayAndWaitReply({ text: "plain", user_id: ALICE })).text).toContain(
      "plain seen",
    );
    expect(t.replies().filter((r) => r.text.includes("plain seen"))).toHaveLength(1);
  });

  it("resolves to undefined on timeout, and the next message is an ordinary one again", async () => {
    t = await createTestBot({
      inProcess: true,
      bot: { commands: { rbacFile: false } },
      setup: (b) => {
        b.command("ask", async (e) => {
          const answer = await e.prompt("说点什么", { timeout: 200 });
          await e.reply(answer === undefined ? "超时了" : "got it");
        });
        b.command("ping", (e) => e.reply("pong"));
      },
    });
    await t.sayAndWaitReply("/ask");
    await t.fake.waitForCall(
      (c) => c.action === "send_group_msg" && JSON.stringify(c.params).includes("超时了"),
      5000,
    );
    expect((await t.sayAndWaitReply("/ping")).text).toContain("pong");
  });

  it("bot.prompt works from a plain handler", async () => {
    t = await createTestBot({
      inProcess: true,
      setup: (b) => {
        b.onPrivateMessage(async (e) => {
          if (e.raw_message !== "start") return;
          const answer = await b.prompt(e, "继续？", { timeout: 10_000 });
          await (answer ?? e).reply(`answer: ${answer?.raw_message}`);
        });
      },
    });
    await t.sayAndWaitReply({ text: "start", private: true });
    expect((await t.sayAndWaitReply({ text: "yes", private: true })).text).toContain("answer: yes");
  });
});

describe("cooldown", () => {
  it("per user: a second use inside the window is refused with a reply; other users are not affected", async () => {
    let runs = 0;
    t = await createTestBot({
      inProcess: true,
      bot: { commands: { rbacFile: false } },
      setup: (b) => {
        b.command("sign", { cooldown: "1h" }, (e) => {
          runs++;
          return e.reply("签到成功");
        });
      },
    });
    expect((await t.sayAndWaitReply({ text: "/sign", user_id: ALICE })).text).toContain("签到成功");
    expect((await t.sayAndWaitReply({ text: "/sign", user_id: ALICE })).text).toMatch(
      /操作太频繁，请 \d+ 秒后再试/,
    );
    expect((await t.sayAndWaitReply({ text: "/sign", user_id: BOB })).text).toContain("签到成功");
    expect(runs).toBe(2);
  });

  it("per group: anyone in the same group waits; another group does not; the window ends", async () => {
    let runs = 0;
    t = await createTestBot({
      inProcess: true,
      bot: { commands: { rbacFile: false, cooldownReply: "冷却中 {seconds}" } },
      setup: (b) => {
        b.command("draw", { cooldown: { group: 300 } }, (e) => {
          runs++;
          return e.reply("抽到了");
        });
      },
    });
    expect((await t.sayAndWaitReply({ text: "/draw", user_id: ALICE })).text).toContain("抽到了");
    expect((await t.sayAndWaitReply({ text: "/draw", user_id: BOB })).text).toContain("冷却中 1");
    expect(
      (await t.sayAndWaitReply({ text: "/draw", user_id: BOB, group_id: LOUNGE })).text,
    ).toContain("抽到了");
    // Wait for the window to pass (a condition, polled), then it runs again.
    const deadline = Date.now() + 5000;
    let text = "";
    while (Date.now() < deadline) {
      text = (await t.sayAndWaitReply({ text: "/draw", user_id: BOB })).text;
      if (text.includes("抽到了")) break;
    }
    expect(text).toContain("抽到了");
    expect(runs).toBe(3);
  });
});
