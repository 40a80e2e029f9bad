/**
 * The examples of docs/commands.md run here, verbatim, against the fake NapCat at
 * the wire level; the page must show each example file exactly, so it cannot rot.
 */
import { readFileSync } from "node:fs";
import type { BotClient } from "ncatbot";
import { createTestBot, type TestBot } from "ncatbot/testing";
import { afterEach, describe, expect, it } from "vitest";
import * as advanced from "../../docs/examples/commands-advanced.js";
import * as basic from "../../docs/examples/commands-basic.js";
import * as perm from "../../docs/examples/commands-perm.js";

const ALICE = 1572000002; // owner of the default group
const BOB = 1983000004;
const DAVE = 1690000006;

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function start(setup: (bot: BotClient) => void, root?: number) {
  t = await createTestBot({
    setup,
    bot: { commands: { rbacFile: false }, ...(root ? { root } : {}) },
  });
  return t;
}

describe("docs/commands.md", () => {
  it("shows every example file verbatim", () => {
    const page = readFileSync(new URL("../../docs/commands.md", import.meta.url), "utf8");
    for (const name of ["commands-basic", "commands-advanced", "commands-perm"]) {
      const code = readFileSync(
        new URL(`../../docs/examples/${name}.ts`, import.meta.url),
        "utf8",
      ).trimEnd();
      expect(page, `docs/commands.md must contain docs/examples/${name}.ts verbatim`).toContain(
        code,
      );
    }
  });

  it("basic: /echo, /roll (Sync reply), /ban by an admin, usage for a bad /ban", async () => {
    const t = await start(basic.setup, ALICE);
    expect((await t.sayAndWaitReply("/echo 你好 世界")).text).toContain("你好 世界");
    expect((await t.sayAndWaitReply("/roll 20")).text).toMatch(/🎲 (\d|1\d|20)$/);
    expect((await t.sayAndWaitReply({ text: `/禁言 ${BOB} 60`, user_id: ALICE })).text).toContain(
      `已禁言 ${BOB} 60 秒`,
    );
    t.expectCall("set_group_ban").withParams({ user_id: BOB, duration: 60 }).once();
    expect((await t.sayAndWaitReply({ text: "/ban", user_id: ALICE })).text).toContain(
      "用法：/ban <user:at> [seconds:int=600]",
    );
    // Bob is muted now; Dave, a plain member, may not ban.
    expect((await t.sayAndWaitReply({ text: `/ban ${ALICE}`, user_id: DAVE })).text).toContain(
      "权限不足",
    );
  });

  it("advanced: options, a group admin command, prompt, cooldown, a keyword", async () => {
    const t = await start(advanced.setup);
    expect((await t.sayAndWaitReply("/greet 小明 -l --times=2")).text).toContain(
      "你好，小明！！\n你好，小明！！",
    );
    expect((await t.sayAndWaitReply({ text: "/admin say 大家好", user_id: ALICE })).text).toContain(
      "📢 大家好",
    );
    await t.sayAndWaitReply({ text: "/register", user_id: BOB });
    expect((await t.sayAndWaitReply({ text: "小红", user_id: BOB })).text).toContain(
      "欢迎你，小红",
    );
    await t.sayAndWaitReply("/sign");
    expect((await t.sayAndWaitReply("/sign")).text).toContain("操作太频繁");
    expect((await t.sayAndWaitReply("早安")).text).toContain("早安！");
  });

  it("perm: a vip-only purchase once the role is given", async () => {
    const t = await start(perm.setup, ALICE);
    expect((await t.sayAndWaitReply({ text: "/buy tea", user_id: BOB })).text).toContain(
      "权限不足",
    );
    await t.sayAndWaitReply({ text: `/perm add ${BOB} vip`, user_id: ALICE });
    expect((await t.sayAndWaitReply({ text: "/buy tea", user_id: BOB })).text).toContain(
      "买到了 tea",
    );
  });
});
