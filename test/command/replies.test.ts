/** What users are told: usage lines, did-you-mean, /help, apologies (never a stack trace). */
import { createTestBot, type TestBot } from "ncatbot/testing";
import { afterEach, describe, expect, it } from "vitest";

const ALICE = 1572000002; // owner of the first group
const BOB = 1983000004;

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function bot(setup: (b: TestBot["bot"]) => void, commands = {}) {
  t = await createTestBot({
    inProcess: true,
    setup,
    bot: { root: ALICE, commands: { rbacFile: false, ...commands } },
  });
  return t;
}

const ban = (b: TestBot["bot"], calls: unknown[]) =>
  b.command(
    "ban <user:at> [seconds:int=600]",
    { aliases: ["禁言"], description: "禁言群成员", permission: "admin", scope: "group" },
    (_e, args) => {
      calls.push(args);
    },
  );

describe("usage replies", () => {
  it("a missing or wrong-typed argument answers the usage line and skips the handler", async () => {
    const calls: unknown[] = [];
    const t = await bot((b) => ban(b, calls));
    const missing = await t.sayAndWaitReply({ text: "/ban", user_id: ALICE });
    expect(missing.text).toContain("用法：/ban <user:at> [seconds:int=600]");
    expect(missing.text).toContain("缺少参数 user");
    const wrong = await t.sayAndWaitReply({ text: "/ban 123 abc", user_id: ALICE });
    expect(wrong.text).toContain("用法：/ban <user:at> [seconds:int=600]");
    expect(wrong.text).toContain("seconds 应为整数");
    const extra = await t.sayAndWaitReply({ text: "/ban 123 5 6", user_id: ALICE });
    expect(extra.text).toContain("多余的参数");
    expect(calls).toEqual([]);
    expect(missing.text.split("\n")).toHaveLength(1);
  });

  it("an unknown command near a known one suggests it", async () => {
    const t = await bot((b) => b.command("echo <text:rest>", (e, { text }) => e.reply(text)));
    expect((await t.sayAndWaitReply("/ehco hi")).text).toContain("你是不是想用 /echo");
    await t.say("/zzzzzz");
    await t.say("hello");
    await t.sayAndWaitReply("/echo end"); // events are handled in order: a fence
    // Neither far-off words nor plain chat got an answer.
    expect(t.replies().map((r) => r.text.trim())).toEqual([
      expect.stringContaining("/echo"),
      "end",
    ]);
  });
});

describe("help", () => {
  it("/help lists what the asking user may run; /help <command> shows usage, aliases, permission", async () => {
    const t = await bot((b) => {
      ban(b, []);
      b.command("echo <text:rest>", { description: "复读" }, (e, { text }) => e.reply(text));
      b.command("secret", { hidden: true }, () => {});
      b.command("dm", { scope: "private", description: "只在私聊" }, () => {});
      b.command("hello", { owner: "greeter", description: "打招呼" }, () => {});
    });
    const forBob = (await t.sayAndWaitReply({ text: "/help", user_id: BOB })).text;
    expect(forBob).toContain("/echo <text:rest> — 复读");
    expect(forBob).toContain("【greeter】");
    expect(forBob).toContain("/hello — 打招呼");
    expect(forBob).not.toContain("/ban");
    expect(forBob).not.toContain("/secret");
    expect(forBob).not.toContain("/dm");
    expect(forBob).not.toContain("/perm");
    const forRoot = (await t.sayAndWaitReply({ text: "/help", user_id: ALICE })).text;
    expect(forRoot).toContain("/ban <user:at> [seconds:int=600] — 禁言群成员");
    expect(forRoot).toContain("/perm add <user:at> <role:string>");
    const detail = (await t.sayAndWaitReply({ text: "/help 禁言", user_id: ALICE })).text;
    expect(detail).toContain("用法：/ban <user:at> [seconds:int=600]");
    expect(detail).toContain("别名：禁言");
    expect(detail).toContain("权限：admin");
    expect(detail).toContain("仅限群聊");
    const hidden = (await t.sayAndWaitReply({ text: "/help ban", user_id: BOB })).text;
    expect(hidden).toContain("没有命令 ban");
  });

  it("a group word alone lists its sub-commands", async () => {
    const t = await bot((b) => {
      const admin = b.commandGroup("admin", { description: "管理命令" });
      admin.command("reload <plugin:string>", { description: "重载插件" }, () => {});
    });
    const reply = (await t.sayAndWaitReply("/admin")).text;
    expect(reply).toContain("管理命令");
    expect(reply).toContain("/admin reload <plugin:string> — 重载插件");
  });
});

describe("error boundary", () => {
  it("sync and async failures are answered with a short apology, never the error", async () => {
    const t = await bot((b) => {
      b.command("boom", () => {
        throw new Error("secret stack detail");
      });
      b.command("aboom", async () => {
        await Promise.resolve();
        throw new Error("async secret detail");
      });
      b.command("ok", (e) => e.reply("still fine"));
    });
    const sync = await t.sayAndWaitReply("/boom");
    expect(sync.text).toContain("抱歉，命令执行出错了");
    expect(sync.text).not.toContain("secret");
    const async = await t.sayAndWaitReply("/aboom");
    expect(async.text).toContain("抱歉，命令执行出错了");
    expect(async.text).not.toContain("secret");
    expect((await t.sayAndWaitReply("/ok")).text).toContain("still fine");
  });

  it("the apology is configurable and can be silent", async () => {
    const t = await bot(
      (b) => {
        b.command("boom", () => {
          throw new Error("x");
        });
        b.command("ok", (e) => e.reply("ok"));
      },
      { errorReply: false },
    );
    await t.say("/boom");
    await t.sayAndWaitReply("/ok");
    expect(t.replies()).toHaveLength(1);
  });
});
