/**
 * A bot's Sync API against the worker-backed fake in the same process: the main
 * thread blocks in `Atomics.wait` while the fake (in its own worker) answers.
 */
import { afterEach, describe, expect, it } from "vitest";
import { BotClient } from "../../../src/client/bot-client.js";
import { type FakeNapCat, startFakeNapCat } from "../../../src/testing/index.js";

const TOKEN = "sync-t0ken";

let fake: FakeNapCat | undefined;
let bot: BotClient | undefined;

afterEach(async () => {
  await bot?.stop();
  await fake?.stop();
  bot = undefined;
  fake = undefined;
});

async function startBot(f: FakeNapCat): Promise<BotClient> {
  const client = new BotClient({
    wsUri: f.wsUrl,
    wsToken: TOKEN,
    configFile: false,
    logLevel: "silent",
  });
  bot = client;
  return client;
}

function texts(params: Readonly<Record<string, unknown>>): string {
  const message = params.message as { type: string; data: { text?: string } }[];
  return message
    .filter((s) => s.type === "text")
    .map((s) => s.data.text ?? "")
    .join("");
}

describe("Sync calls against startFakeNapCat()", () => {
  it("a private callback's await + Sync sends both arrive, in order", async () => {
    fake = await startFakeNapCat({ token: TOKEN, heartbeatIntervalMs: 0 });
    const client = await startBot(fake);
    const errors: unknown[] = [];
    const syncIds: unknown[] = [];
    client.onPrivateMessage(async (msg) => {
      if (msg.raw_message !== "测试") return;
      try {
        await client.api.postPrivateMsg(msg.user_id, { text: "A" });
        const messageId = client.api.postPrivateMsgSync(msg.user_id, { text: "B" });
        syncIds.push(messageId);
      } catch (error) {
        errors.push(error);
      }
    });
    await client.start();
    const said = await fake.say({ text: "测试", private: true });
    const second = await fake.waitForCall(
      (c) => c.action === "send_private_msg" && texts(c.params) === "B",
      10_000,
    );
    expect(errors).toEqual([]);
    const sends = fake.calls.filter((c) => c.action === "send_private_msg");
    expect(sends.map((c) => texts(c.params))).toEqual(["A", "B"]);
    expect(sends.map((c) => c.params.user_id)).toEqual([said.user_id, said.user_id]);
    expect(second.transport).toBe("ws-api");
    // The fake stored both messages in its (worker-side) world.
    const world = await fake.getWorld();
    const sent = world.messages.filter(
      (m) => m.message_type === "private" && m.user_id === fake?.selfId,
    );
    // The Sync twin returned the id the fake assigned to the second message.
    expect(syncIds).toEqual([sent[1]?.message_id]);
    expect(sent.map((m) => m.segments)).toEqual([
      [{ type: "text", data: { text: "A" } }],
      [{ type: "text", data: { text: "B" } }],
    ]);
  });

  it("a call is in fake.calls as soon as its Sync call returns, with no waiting", async () => {
    fake = await startFakeNapCat({ token: TOKEN, heartbeatIntervalMs: 0 });
    const client = await startBot(fake);
    await client.start();
    fake.clearCalls();
    // No event-loop turn between the two lines: the worker reported the call
    // before answering it, and reading `calls` takes that report in.
    const info = client.api.getLoginInfoSync();
    expect(fake.calls.map((c) => c.action)).toEqual(["get_login_info"]);
    expect(info.user_id).toBe(fake.selfId);
    client.api.sendLikeSync({ user_id: 1983000004, times: 1 });
    expect(fake.calls.at(-1)).toMatchObject({
      action: "send_like",
      params: { user_id: 1983000004, times: 1 },
    });
  });

  it("a plain group callback can msg.replySync()", async () => {
    fake = await startFakeNapCat({ token: TOKEN, heartbeatIntervalMs: 0 });
    const client = await startBot(fake);
    const errors: unknown[] = [];
    client.onGroupMessage((msg) => {
      if (msg.raw_message !== "ping") return;
      try {
        msg.replySync("pong");
      } catch (error) {
        errors.push(error);
      }
    });
    await client.start();
    const said = await fake.say({ text: "ping" });
    const reply = await fake.waitForCall("send_group_msg", 10_000);
    expect(errors).toEqual([]);
    expect(reply.params.group_id).toBe(said.group_id);
    expect(texts(reply.params)).toContain("pong");
    expect(reply.params.message).toContainEqual({
      type: "reply",
      data: { id: said.message_id },
    });
  });
});
