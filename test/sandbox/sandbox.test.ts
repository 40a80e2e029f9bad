import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../src/sandbox/index.js";
import { PageClient } from "./page-client.js";

const GROUP = 736000003; // "Bot Dev Group": the bot is admin there
const BOB = 1983000004; // a plain member of GROUP and a friend
const ALICE = 1572000002; // a friend

const ASYNC_TEXT = "NcatBot 异步调用测试成功喵~";
const SYNC_TEXT = "NcatBot 同步调用测试成功喵~";

let sandbox: Sandbox;
let page: PageClient;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: false });
  page = await PageClient.connect(sandbox.url);
});

afterAll(async () => {
  await page?.close();
  await sandbox?.stop();
});

function botMessagesIn(chat: { type: string; id: number }) {
  return page.pushes.flatMap((p) =>
    p.type === "message" &&
    p.message.sender.bot &&
    p.message.chat.type === chat.type &&
    p.message.chat.id === chat.id
      ? [p.message]
      : [],
  );
}

async function waitForBotMessages(chat: { type: string; id: number }, count: number) {
  await page.waitFor(() => botMessagesIn(chat).length >= count, 8000);
  return botMessagesIn(chat);
}

const textOf = (segments: { type: string; data: Record<string, unknown> }[]) =>
  segments
    .filter((s) => s.type === "text")
    .map((s) => String(s.data.text))
    .join("");

describe("sandbox page API", () => {
  it("serves the chat page at / and 404 elsewhere", async () => {
    const res = await fetch(sandbox.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain('data-testid="app"');
    expect(html).toContain("NcatBot 沙盒");
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/); // no external URL in the page
    expect((await fetch(new URL("/nope", sandbox.url))).status).toBe(404);
  });

  it("says hello with the users and groups of the fake world", () => {
    const hello = page.pushes.find((p) => p.type === "hello");
    if (hello?.type !== "hello") throw new Error("no hello");
    expect(hello.state.self.user_id).toBe(sandbox.fake.selfId);
    expect(hello.state.groups.map((g) => g.group_id)).toContain(GROUP);
    expect(hello.state.friends.map((f) => f.user_id)).toEqual(expect.arrayContaining([ALICE, BOB]));
    // the bot's startup calls are already in the log
    expect(hello.calls.length).toBeGreaterThan(0);
  });

  it('answers "测试" in a group: the async reply, then the sync reply, both logged as API calls', async () => {
    const chat = { type: "group", id: GROUP } as const;
    const ack = await page.command({ op: "say", chat, user_id: BOB, text: "测试" });
    expect(ack.ok).toBe(true);
    const [first, second] = await waitForBotMessages(chat, 2);
    expect(textOf(first?.segments ?? [])).toBe(ASYNC_TEXT);
    expect(textOf(second?.segments ?? [])).toBe(SYNC_TEXT);
    expect(first?.message_id).toBeTypeOf("number");

    const sends = page.pushes.flatMap((p) =>
      p.type === "api" && p.call.action === "send_group_msg" ? [p.call] : [],
    );
    expect(sends.map((c) => JSON.stringify(c.params))).toEqual([
      expect.stringContaining(ASYNC_TEXT),
      expect.stringContaining(SYNC_TEXT),
    ]);
    expect(sends[0]?.params).toMatchObject({ group_id: GROUP });
    // the user's own message is shown too
    expect(
      page.pushes.some(
        (p) =>
          p.type === "message" && !p.message.sender.bot && textOf(p.message.segments) === "测试",
      ),
    ).toBe(true);
  });

  it('answers "测试" in a private chat with send_private_msg', async () => {
    const chat = { type: "private", id: ALICE } as const;
    expect((await page.command({ op: "say", chat, user_id: ALICE, text: "测试" })).ok).toBe(true);
    const [first, second] = await waitForBotMessages(chat, 2);
    expect(textOf(first?.segments ?? [])).toBe(ASYNC_TEXT);
    expect(textOf(second?.segments ?? [])).toBe(SYNC_TEXT);
    const calls = sandbox.fake.calls.filter((c) => c.action === "send_private_msg");
    expect(calls.map((c) => c.params.user_id)).toEqual([ALICE, ALICE]);
  });

  it("ping -> pong (replySync quotes and @s the sender), /echo, /图片 with a displayable image", async () => {
    const chat = { type: "group", id: 736000007 } as const; // "Test Lounge"
    await page.command({ op: "say", chat, user_id: BOB, text: "ping" });
    const [pong] = await waitForBotMessages(chat, 1);
    expect(pong?.segments.map((s) => s.type)).toEqual(["reply", "at", "text"]);
    expect(pong?.segments[0]?.quote).toEqual({ name: "Bob", text: "ping" });
    expect(pong?.segments[1]?.name).toBe("Bob");
    expect(textOf(pong?.segments ?? [])).toContain("pong");

    await page.command({ op: "say", chat, user_id: BOB, text: "/echo 你好 [CQ:at,qq=all]" });
    const echoed = (await waitForBotMessages(chat, 2))[1];
    expect(textOf(echoed?.segments ?? [])).toContain("你好 [CQ:at,qq=all]");
    expect(echoed?.segments.some((s) => s.type === "at" && s.data.qq === "all")).toBe(false);

    await page.command({ op: "say", chat, user_id: BOB, text: "/图片" });
    const picture = (await waitForBotMessages(chat, 3))[2];
    const image = picture?.segments.find((s) => s.type === "image");
    expect(image?.src).toMatch(/^data:image\/png;base64,iVBOR/);
    await page.command({ op: "say", chat, user_id: BOB, text: "/骰子" });
    const dice = (await waitForBotMessages(chat, 4))[3];
    expect(dice?.segments.map((s) => s.type)).toEqual(["dice"]);
    // the API log shortens the base64 data
    const imageCall = page.pushes.find(
      (p) => p.type === "api" && JSON.stringify(p.call.params).includes("base64://"),
    );
    expect(JSON.stringify(imageCall)).toMatch(/base64:\/\/iVBOR\w*…（共 277 字符）/);
  });

  it("poking the bot makes it poke back and answer", async () => {
    const chat = { type: "group", id: GROUP } as const;
    const before = botMessagesIn(chat).length;
    expect((await page.command({ op: "poke", chat, user_id: BOB })).ok).toBe(true);
    await page.waitFor((p) => p.type === "notice" && p.notice.text === "Bob 戳了戳 NapBot");
    await page.waitFor((p) => p.type === "api" && p.call.action === "group_poke");
    const answer = (await waitForBotMessages(chat, before + 1))[before];
    expect(textOf(answer?.segments ?? [])).toContain("别戳");
    await page.waitFor((p) => p.type === "notice" && p.notice.text === "NapBot 戳了戳 Bob");
  });

  it("a member joining is welcomed with an @, and shows up in the member list", async () => {
    const chat = { type: "group", id: GROUP } as const;
    const before = botMessagesIn(chat).length;
    const ack = await page.command({ op: "join", group_id: GROUP });
    expect(ack.ok).toBe(true);
    const newcomer = (ack.result as { user_id: number }).user_id;
    const welcome = (await waitForBotMessages(chat, before + 1))[before];
    expect(welcome?.segments[0]).toMatchObject({ type: "at", data: { qq: String(newcomer) } });
    const state = await page.waitFor(
      (p) =>
        p.type === "state" &&
        p.state.groups.some(
          (g) => g.group_id === GROUP && g.members.some((m) => m.user_id === newcomer),
        ),
    );
    expect(state.type).toBe("state");
  });

  it("a friend request is approved and the new friend is listed", async () => {
    const ack = await page.command({ op: "friend_request", comment: "你好" });
    expect(ack.ok).toBe(true);
    await sandbox.fake.waitForCall("set_friend_add_request");
    await page.waitFor((p) => p.type === "notice" && p.notice.text.includes("已成为机器人的好友"));
    expect(sandbox.fake.world.friends.size).toBeGreaterThan(3);
  });

  it("a member can leave and recall their own message", async () => {
    const chat = { type: "group", id: 736000007 } as const;
    const said = await page.command({ op: "say", chat, user_id: BOB, text: "说错了" });
    const messageId = (said.result as { message_id: number }).message_id;
    const recall = await page.command({ op: "recall", chat, user_id: BOB });
    expect(recall).toMatchObject({ ok: true, result: { message_id: messageId } });
    await page.waitFor((p) => p.type === "recall" && p.message_id === messageId);

    expect((await page.command({ op: "leave", group_id: 736000007, user_id: BOB })).ok).toBe(true);
    await page.waitFor((p) => p.type === "notice" && p.notice.text === "Bob 退出了本群");
    expect(sandbox.fake.world.groups.get(736000007)?.members.has(BOB)).toBe(false);
  });

  it("answers bad commands with a failed ack that says what is wrong", async () => {
    const unknown = await page.command({ op: "dance" });
    expect(unknown.ok).toBe(false);
    expect(unknown.error).toMatch(/unknown op "dance"; expected one of state, say/);
    const noUser = await page.command({
      op: "say",
      chat: { type: "group", id: GROUP },
      text: "hi",
    });
    expect(noUser.error).toMatch(/"user_id" must be a positive integer/);
    const notMember = await page.command({
      op: "poke",
      chat: { type: "group", id: GROUP },
      user_id: 42,
    });
    expect(notMember).toMatchObject({ ok: false, error: expect.stringContaining("不是群") });
    page.sendRaw("not json");
    await page.waitFor(
      (p) => p.type === "ack" && p.ok === false && String(p.error).includes("not JSON"),
    );
  });

  it("never shows the token: not in the page, the log or the pushes", () => {
    expect(JSON.stringify(page.pushes)).not.toMatch(/access_token|authorization/i);
    const wsUrl = new URL(sandbox.fake.wsUrl);
    expect(wsUrl.search).toBe("");
  });
});

describe("startSandbox", () => {
  it("rejects a bad port with a clear message", async () => {
    await expect(startSandbox({ port: 70000, log: false })).rejects.toThrow(
      /integer from 0 to 65535/,
    );
  });

  it("fails clearly when the port is taken, or falls back to a free one when asked", async () => {
    const taken = Number(new URL(sandbox.url).port);
    await expect(startSandbox({ port: taken, log: false })).rejects.toThrow(/already in use/);
    const other = await startSandbox({ port: taken, portFallback: true, log: false });
    try {
      expect(new URL(other.url).port).not.toBe(String(taken));
      expect((await fetch(other.url)).status).toBe(200);
    } finally {
      await other.stop();
    }
    await expect(fetch(other.url)).rejects.toThrow();
  });
});
