/**
 * The examples of docs/api.md run here, verbatim, against the fake NapCat at the
 * wire level; and the page must show each example file exactly, so it cannot rot.
 */
import { readFileSync } from "node:fs";
import { BotClient } from "ncatbot";
import { type FakeNapCat, startFakeNapCat } from "ncatbot/testing";
import { afterEach, describe, expect, it } from "vitest";
import * as errorsExample from "../../docs/examples/errors.js";
import * as seedExample from "../../docs/examples/seed.js";
import * as syncGettersExample from "../../docs/examples/sync-getters.js";

const TOKEN = "docs-token";
const running: Array<{ bot: BotClient; fake: FakeNapCat }> = [];

async function startWith(setup: (bot: BotClient) => void) {
  const fake = await startFakeNapCat({ token: TOKEN, heartbeatIntervalMs: 0 });
  const bot = new BotClient({
    wsUri: fake.wsUrl,
    wsToken: TOKEN,
    configFile: false,
    logLevel: "silent",
  });
  setup(bot);
  await bot.start();
  running.push({ bot, fake });
  return { bot, fake };
}

function textOf(params: Readonly<Record<string, unknown>>): string {
  const message = params.message;
  if (typeof message === "string") return message;
  return (message as Array<{ type: string; data: { text?: string } }>)
    .filter((s) => s.type === "text")
    .map((s) => s.data.text)
    .join("");
}

afterEach(async () => {
  for (const { bot, fake } of running.splice(0)) {
    await bot.stop();
    await fake.stop();
  }
});

describe("docs/api.md", () => {
  it("shows every example file verbatim", () => {
    const page = readFileSync(new URL("../../docs/api.md", import.meta.url), "utf8");
    for (const name of ["seed", "sync-getters", "errors"]) {
      const code = readFileSync(
        new URL(`../../docs/examples/${name}.ts`, import.meta.url),
        "utf8",
      ).trimEnd();
      expect(page, `docs/api.md must contain docs/examples/${name}.ts verbatim`).toContain(code);
    }
  });

  it("seed: a private 测试 gets the async reply, then the Sync reply", async () => {
    const { fake } = await startWith(seedExample.setup);
    fake.clearCalls();
    await fake.say({ text: "测试", private: true });
    await fake.waitForCall(
      (c) => c.action === "send_private_msg" && textOf(c.params).includes("同步"),
    );
    const sends = fake.calls
      .filter((c) => c.action === "send_private_msg")
      .map((c) => textOf(c.params));
    expect(sends).toEqual(["NcatBot 异步调用测试成功喵~", "NcatBot 同步调用测试成功喵~"]);
  });

  it("seed: a sync group callback answers with a Sync call", async () => {
    const { fake } = await startWith(seedExample.setup);
    fake.clearCalls();
    await fake.say({ text: "测试" });
    const call = await fake.waitForCall("send_group_msg");
    expect(textOf(call.params)).toBe("NcatBot 同步调用测试成功喵~");
  });

  it("sync getters: group info and member count come back without await", async () => {
    const { fake } = await startWith(syncGettersExample.setup);
    fake.clearCalls();
    await fake.say({ text: "群信息" });
    const call = await fake.waitForCall("send_group_msg");
    expect(textOf(call.params)).toMatch(/：共 \d+ 人$/);
    expect(fake.calls.map((c) => c.action)).toEqual([
      "get_group_info",
      "get_group_member_list",
      "send_group_msg",
    ]);
  });

  it("errors: a failed action is reported with its retcode", async () => {
    const { fake } = await startWith(errorsExample.setup);
    fake.clearCalls();
    await fake.say({ text: "禁言我" });
    const call = await fake.waitForCall("send_group_msg");
    expect(fake.calls[0]?.action).toBe("set_group_ban");
    // The default speaker is a plain member and the bot an admin: the ban succeeds,
    // or NapCat's refusal is quoted with its retcode. Either way the reply is one of the two.
    expect(textOf(call.params)).toMatch(/好的，禁言 60 秒|禁言失败（\d+）/);
  });
});
