/**
 * BotClient over every transport NapCat offers, at the wire, against the fake
 * NapCat: connect with the token, events reach sync and async handlers, a throwing
 * handler leaves its siblings running, call and callSync return data, a failed
 * action is an ActionFailedError, and stop() closes everything.
 */
import { BotClient, type BotClientOptions } from "ncatbot";
import { type FakeNapCat, type FakeNapCatOptions, startFakeNapCat } from "ncatbot/testing";
import { afterEach, describe, expect, it } from "vitest";
import { ActionFailedError } from "../../src/errors.js";

const TOKEN = "transport-token";
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop();
});

const quiet: BotClientOptions = { configFile: false, logLevel: "silent", reconnect: false };

async function startPair(
  botOptions: (fake: FakeNapCat | undefined) => BotClientOptions,
  fakeOptions: (bot: BotClient | undefined) => FakeNapCatOptions,
  setup: (bot: BotClient) => void,
  botFirst: boolean,
): Promise<{ bot: BotClient; fake: FakeNapCat }> {
  if (botFirst) {
    // The bot listens (reverse WS, HTTP POST): start it, then point the fake at it.
    const bot = new BotClient({ ...quiet, ...botOptions(undefined) });
    setup(bot);
    await bot.start();
    cleanup.push(() => bot.stop());
    const fake = await startFakeNapCat({
      heartbeatIntervalMs: 0,
      token: TOKEN,
      ...fakeOptions(bot),
    });
    cleanup.push(() => fake.stop());
    return { bot, fake };
  }
  const fake = await startFakeNapCat({
    heartbeatIntervalMs: 0,
    token: TOKEN,
    ...fakeOptions(undefined),
  });
  cleanup.push(() => fake.stop());
  const bot = new BotClient({ ...quiet, ...botOptions(fake) });
  setup(bot);
  await bot.start();
  cleanup.push(() => bot.stop());
  return { bot, fake };
}

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each([
  ["forward WebSocket"],
  ["reverse WebSocket"],
  ["HTTP API + HTTP POST"],
  ["HTTP API + SSE"],
])("BotClient over %s", (mode) => {
  async function start(setup: (bot: BotClient) => void) {
    switch (mode) {
      case "forward WebSocket":
        return startPair(
          (fake) => ({ wsUri: fake?.wsUrl ?? "", wsToken: TOKEN }),
          () => ({}),
          setup,
          false,
        );
      case "reverse WebSocket": {
        const pair = await startPair(
          () => ({
            wsToken: TOKEN,
            connection: { mode: "reverse-ws", host: "127.0.0.1", port: 0 },
          }),
          (bot) => ({
            reverse: {
              url: `ws://127.0.0.1:${bot?.listenPort}/`,
              token: TOKEN,
              reconnectIntervalMs: 100,
            },
          }),
          setup,
          true,
        );
        await until(() => pair.bot.connectedSelfIds().length > 0, "NapCat to connect back");
        return pair;
      }
      case "HTTP API + HTTP POST": {
        // Both sides listen. The bot calls `fake`'s HTTP API; a second fake NapCat posts
        // events to the bot's receiver once the bot knows its port.
        const fake = await startFakeNapCat({ heartbeatIntervalMs: 0, token: TOKEN });
        cleanup.push(() => fake.stop());
        const bot = new BotClient({
          ...quiet,
          connection: {
            mode: "http",
            apiUrl: fake.httpUrl,
            token: TOKEN,
            events: { mode: "http-post", host: "127.0.0.1", port: 0, secret: "post-secret" },
          },
        });
        setup(bot);
        await bot.start();
        cleanup.push(() => bot.stop());
        const poster = await startFakeNapCat({
          heartbeatIntervalMs: 0,
          token: TOKEN,
          httpPost: { url: `http://127.0.0.1:${bot.listenPort}/`, secret: "post-secret" },
        });
        cleanup.push(() => poster.stop());
        // Events come from `poster`; actions go to `fake`: say() on poster, calls on fake.
        return { bot, fake, events: poster };
      }
      default: {
        const fake = await startFakeNapCat({ heartbeatIntervalMs: 0, token: TOKEN });
        cleanup.push(() => fake.stop());
        const bot = new BotClient({
          ...quiet,
          connection: { mode: "http", apiUrl: fake.httpUrl, token: TOKEN, events: { mode: "sse" } },
        });
        setup(bot);
        await bot.start();
        cleanup.push(() => bot.stop());
        return { bot, fake };
      }
    }
  }

  it("delivers events to sync and async handlers, isolates a throwing handler, answers call and callSync", async () => {
    const seen: string[] = [];
    const pair = await start((bot) => {
      bot.onGroupMessage(() => {
        throw new Error("this handler is broken on purpose");
      });
      bot.onGroupMessage((msg) => {
        seen.push(`sync:${msg.raw_message}`);
        const info = bot.api.getLoginInfoSync();
        seen.push(`sync-call:${info.user_id}`);
      });
      bot.onGroupMessage(async (msg) => {
        const info = await bot.api.getLoginInfo();
        seen.push(`async:${msg.raw_message}:${info.user_id}`);
      });
    });
    const events = "events" in pair && pair.events ? pair.events : pair.fake;
    await events.say({ text: "hello" });
    await until(() => seen.length >= 3, "the handlers to run");
    expect(seen).toEqual([
      "sync:hello",
      `sync-call:${pair.fake.selfId}`,
      `async:hello:${pair.fake.selfId}`,
    ]);
  });

  it("turns status failed into ActionFailedError for call and callSync", async () => {
    const { bot } = await start(() => {});
    const missingMessage = { message_id: 987654321 };
    await expect(bot.api.getMsg(missingMessage)).rejects.toBeInstanceOf(ActionFailedError);
    expect(() => bot.api.getMsgSync(missingMessage)).toThrow(ActionFailedError);
  });
});
