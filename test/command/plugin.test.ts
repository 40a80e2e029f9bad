/** Commands registered by a plugin belong to it: help groups them, unloading removes them. */
import { definePlugin, NcatBotPlugin } from "ncatbot";
import { createTestBot, type TestBot } from "ncatbot/testing";
import { afterEach, expect, it } from "vitest";

class Greeter extends NcatBotPlugin {
  static meta = { name: "greeter", version: "1.0.0" };
  onLoad() {
    this.command("hello [name:string=朋友]", { description: "打招呼" }, (e, { name }) =>
      e.reply(`你好，${name}`),
    );
    const admin = this.commandGroup("greetadmin");
    admin.command("reset", (e) => e.reply("已重置"));
  }
}

const Broken = definePlugin({
  name: "broken",
  onLoad(plugin) {
    plugin.command("crash", () => {
      throw new Error("plugin internals");
    });
  },
});

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

it("a plugin's commands run, are grouped in /help, and go away when it unloads", async () => {
  const failures: string[] = [];
  t = await createTestBot({
    plugins: [Greeter, Broken],
    bot: { commands: { rbacFile: false } },
    setup: (bot) => {
      bot.catch((error) => {
        failures.push(`${error.source} ${error.plugin} ${error.handler}`);
      });
    },
  });
  expect((await t.sayAndWaitReply("/hello 小明")).text).toContain("你好，小明");
  expect((await t.sayAndWaitReply("/greetadmin reset")).text).toContain("已重置");
  const help = (await t.sayAndWaitReply("/help")).text;
  expect(help).toContain("【greeter】\n/hello [name:string=朋友] — 打招呼");
  // A plugin command's failure goes to bot.catch with the plugin's name; the user gets an apology.
  expect((await t.sayAndWaitReply("/crash")).text).toContain("抱歉，命令执行出错了");
  expect(failures).toEqual(["command broken command crash"]);

  await t.bot.plugins.unload("greeter");
  t.clearCalls();
  await t.say("/hello");
  await t.say("/greetadmin reset");
  expect((await t.sayAndWaitReply("/help")).text).not.toContain("greeter"); // events run in order: a fence
  const after = t.replies().map((r) => r.text);
  expect(after.some((text) => text.includes("你好") || text.includes("已重置"))).toBe(false);
});
