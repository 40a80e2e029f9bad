/**
 * BotClient on the client-mode engine: an async-only bot never starts a worker
 * thread; a Sync reply goes over NapCat's `/api`, and events that arrive while it
 * blocks are handled afterwards, in order.
 */
import { afterEach, describe, expect, it } from "vitest";
import { BotClient } from "../../src/client/bot-client.js";
import { syncWorkersStarted } from "../../src/io/index.js";
import { type FakeNapCat, startFakeNapCat } from "../../src/testing/index.js";
import { until } from "./servers.js";

const TOKEN = "io-token";
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function pair(
  setup: (bot: BotClient) => void,
): Promise<{ bot: BotClient; fake: FakeNapCat }> {
  const fake = await startFakeNapCat({ token: TOKEN, heartbeatIntervalMs: 0 });
  cleanup.push(() => fake.stop());
  const bot = new BotClient({
    configFile: false,
    logLevel: "silent",
    wsUri: fake.wsUrl,
    wsToken: TOKEN,
  });
  setup(bot);
  await bot.start();
  cleanup.push(() => bot.stop());
  return { bot, fake };
}

describe("BotClient over forward WebSocket (client-mode engine)", () => {
  it("an async-only bot answers messages and starts no worker thread", async () => {
    const before = syncWorkersStarted();
    const { fake } = await pair((bot) => {
      bot.onGroupMessage(async (msg) => {
        await msg.reply({ text: `re ${msg.raw_message}` });
      });
    });
    for (let i = 0; i < 5; i++) await fake.say({ text: `m${i}` });
    await until(() => fake.calls.filter((c) => c.action === "send_group_msg").length === 5);
    const sends = fake.calls.filter((c) => c.action === "send_group_msg");
    expect(sends.every((c) => c.transport === "ws")).toBe(true);
    expect(syncWorkersStarted()).toBe(before);
  });

  it("a Sync reply goes over /api; the messages after it are handled, in order", async () => {
    const seen: string[] = [];
    const { fake } = await pair((bot) => {
      bot.onGroupMessage((msg) => {
        seen.push(msg.raw_message);
        if (msg.raw_message === "first") msg.replySync({ text: "sync reply" });
      });
    });
    await fake.say({ text: "first" });
    for (let i = 0; i < 10; i++) await fake.say({ text: `n${i}` });
    await until(() => seen.length === 11);
    expect(seen).toEqual(["first", ...Array.from({ length: 10 }, (_, i) => `n${i}`)]);
    const reply = fake.calls.find((c) => c.action === "send_group_msg");
    expect(reply?.transport).toBe("ws-api");
  });

  it("async sends made in the same tick as a Sync call reach NapCat before it", async () => {
    const { fake } = await pair((bot) => {
      bot.onGroupMessage((msg) => {
        if (msg.raw_message !== "go") return;
        // Held until the end of the tick (one write for all), but flushed before blocking.
        void bot.api.postGroupMsg(msg.group_id, { text: "async 1" });
        void bot.api.postGroupMsg(msg.group_id, { text: "async 2" });
        bot.api.postGroupMsgSync(msg.group_id, { text: "sync 3" });
      });
    });
    await fake.say({ text: "go" });
    await until(() => fake.calls.filter((c) => c.action === "send_group_msg").length === 3);
    const texts = fake.calls
      .filter((c) => c.action === "send_group_msg")
      .map((c) => JSON.stringify(c.params));
    expect(texts[0]).toContain("async 1");
    expect(texts[1]).toContain("async 2");
    expect(texts[2]).toContain("sync 3");
  });

  it("params that cannot be JSON fail the call at once, naming the action; nothing is sent", async () => {
    const { bot, fake } = await pair(() => {});
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(bot.api.call("my_action", cyclic)).rejects.toThrow(
      /Params of "my_action" cannot be sent as JSON/,
    );
    await expect(bot.api.call("my_action", { n: 1n })).rejects.toBeInstanceOf(TypeError);
    expect(fake.calls.some((c) => c.action === "my_action")).toBe(false);
  });
});

describe("BotClient.stop()", () => {
  it("a second, concurrent stop() resolves only once the first has stopped the bot", async () => {
    let release: (() => void) | undefined;
    const order: string[] = [];
    const { bot } = await pair((b) => {
      b.onShutdown(
        () =>
          new Promise<void>((resolve) => {
            release = resolve;
          }),
      );
    });
    const first = bot.stop().then(() => order.push("first"));
    const second = bot.stop().then(() => order.push("second"));
    await until(() => release !== undefined);
    // both wait on the shutdown handler; neither has resolved yet
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]);
    release?.();
    await Promise.all([first, second]);
    expect(order).toEqual(["first", "second"]);
    // by the time the second resolves, the connection is closed
    expect(bot.connectedSelfIds()).toEqual([]);
    await expect(bot.api.getLoginInfo()).rejects.toThrow(/stopped/);
    await expect(bot.stop()).resolves.toBeUndefined();
  });
});
