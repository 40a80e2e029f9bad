/**
 * Command parsing at the wire level: a fake NapCat delivers the messages, the bot's
 * replies and API calls are what is checked.
 */
import type { BotClient } from "ncatbot";
import { createTestBot, events, type TestBot } from "ncatbot/testing";
import { afterEach, describe, expect, it } from "vitest";

const BOB = 1983000004;
const DAVE = 1690000006;
const SELF = 2730000001;

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function bot(setup: (b: BotClient) => void) {
  t = await createTestBot({ inProcess: true, setup, bot: { commands: { rbacFile: false } } });
  return t;
}

describe("parsing", () => {
  it("echo takes the rest of the text as written, with both default prefixes", async () => {
    const t = await bot((b) => {
      b.command("echo <text:rest>", (e, { text }) => e.reply(text, { at: false, quote: false }));
    });
    expect((await t.sayAndWaitReply("/echo 你好  世界")).text).toBe("你好  世界");
    expect((await t.sayAndWaitReply('!echo "a b" c')).text).toBe('"a b" c');
  });

  it("quoted arguments with escapes become one argument each", async () => {
    const seen: unknown[] = [];
    const t = await bot((b) => {
      b.command("say <a:string> <b:string> [c:string]", (e, args) => {
        seen.push(args);
        return e.reply("ok");
      });
    });
    await t.sayAndWaitReply(String.raw`/say "hello world" 'it\'s' “中 文”`);
    await t.sayAndWaitReply(String.raw`/say a\ b "q\"q"`);
    expect(seen).toEqual([
      { a: "hello world", b: "it's", c: "中 文" },
      { a: "a b", b: 'q"q', c: undefined },
    ]);
  });

  it("an at argument takes an @ segment, a typed number, or an @ in CQ text", async () => {
    const bans: unknown[] = [];
    const t = await bot((b) => {
      b.command(
        "ban <user:at> [seconds:int=600]",
        { scope: "group" },
        async (e, { user, seconds }) => {
          bans.push([user, seconds]);
          await e.api.setGroupBan({ group_id: e.group_id, user_id: user, duration: seconds });
          await e.reply("好");
        },
      );
    });
    await t.sayAndWaitReply({
      message: [
        { type: "text", data: { text: "/ban " } },
        { type: "at", data: { qq: String(DAVE) } },
        { type: "text", data: { text: " 60" } },
      ],
    });
    await t.sayAndWaitReply(`/ban ${DAVE}`);
    // NapCat configured for string messages: the @ arrives as CQ code.
    const said = {
      ...events.groupMessage({ user_id: BOB, text: "/ban" }),
      message: `/ban [CQ:at,qq=${DAVE}] 30`,
      raw_message: `/ban [CQ:at,qq=${DAVE}] 30`,
      message_format: "string",
    };
    await t.emit(said);
    await t.fake.waitForCall(
      (c) => c.action === "set_group_ban" && Number(c.params.duration) === 30,
    );
    expect(bans).toEqual([
      [DAVE, 60],
      [DAVE, 600],
      [DAVE, 30],
    ]);
    t.expectCall("set_group_ban").withParams({ user_id: DAVE, duration: 600 }).once();
  });

  it('flags and options: -v, --count=3, --name "a b", -- ends them', async () => {
    const seen: unknown[] = [];
    const t = await bot((b) => {
      b.command("greet [who:string] [-v|--verbose] [--count:int=1] [--name:string]", (e, args) => {
        seen.push(args);
        return e.reply("ok");
      });
    });
    await t.sayAndWaitReply('/greet -v --count=3 --name "a b"');
    await t.sayAndWaitReply("/greet bob --count 2");
    await t.sayAndWaitReply("/greet -- -v");
    expect(seen).toEqual([
      { who: undefined, verbose: true, count: 3, name: "a b" },
      { who: "bob", verbose: false, count: 2, name: undefined },
      { who: "-v", verbose: false, count: 1, name: undefined },
    ]);
  });

  it("typed args, an image argument, aliases, sub-commands, keyword commands, @bot in front", async () => {
    const seen: unknown[] = [];
    const t = await bot((b) => {
      b.command("calc <a:number> <b:int> [neg:bool=no]", { aliases: ["算"] }, (e, args) => {
        seen.push(args);
        return e.reply("ok");
      });
      b.command("pic <img:image>", (e, { img }) => {
        seen.push(img.type);
        return e.reply("ok");
      });
      const admin = b.commandGroup("admin", { aliases: ["管理"] });
      admin.command("reload <plugin:string>", (e, { plugin }) => {
        seen.push(`reload ${plugin}`);
        return e.reply("ok");
      });
      b.command("签到", { prefixes: [] }, (e) => {
        seen.push("签到");
        return e.reply("ok");
      });
    });
    await t.sayAndWaitReply("/calc 1.5 -2 是");
    await t.sayAndWaitReply("!算 3 4");
    await t.sayAndWaitReply({
      message: [
        { type: "text", data: { text: "/pic " } },
        { type: "image", data: { file: "a.png", url: "https://example.com/a.png" } },
      ],
    });
    await t.sayAndWaitReply("/ADMIN reload greeter");
    await t.sayAndWaitReply("/管理 reload x");
    await t.sayAndWaitReply("签到");
    await t.sayAndWaitReply({
      message: [
        { type: "reply", data: { id: "1" } },
        { type: "at", data: { qq: String(SELF) } },
        { type: "text", data: { text: " /calc 2 3" } },
      ],
    });
    expect(seen).toEqual([
      { a: 1.5, b: -2, neg: true },
      { a: 3, b: 4, neg: false },
      "image",
      "reload greeter",
      "reload x",
      "签到",
      { a: 2, b: 3, neg: false },
    ]);
  });

  it("messages that name no command reach no command, and a removed command stops answering", async () => {
    let runs = 0;
    let dispose: () => void = () => {};
    const t = await bot((b) => {
      dispose = b.command("ping", (e) => {
        runs++;
        return e.reply("pong");
      });
      b.onGroupMessage((e) => {
        if (e.raw_message === "done") e.reply("done");
      });
    });
    await t.sayAndWaitReply("/ping");
    await t.say("ping");
    await t.say("/pingx");
    dispose();
    await t.say("/ping");
    await t.sayAndWaitReply("done");
    expect(runs).toBe(1);
  });
});

it("command words are case-insensitive, also a keyword's first letter", async () => {
  t = await createTestBot({
    inProcess: true,
    bot: { commands: { rbacFile: false } },
    setup: (b) => {
      b.command("hey [who:string]", { prefixes: [] }, (e, { who }) => e.reply(`hey ${who}`));
    },
  });
  expect((await t.sayAndWaitReply("HEY Bob")).text).toContain("hey Bob");
  expect((await t.sayAndWaitReply("hEy x")).text).toContain("hey x");
});
