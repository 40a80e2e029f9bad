/**
 * BotClient over every transport NapCat offers, at the wire, against the fake
 * NapCat: connect with the token, events reach sync and async handlers, a throwing
 * handler leaves its siblings running, call and callSync return data, a failed
 * action is an ActionFailedError, and stop() closes everything.
 */
import { Writable } from "node:stream";
import { BotClient, type BotClientOptions, createLogger } from "ncatbot";
import { type FakeNapCat, type FakeNapCatOptions, startFakeNapCat } from "ncatbot/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  ActionFailedError,
  ActionTimeoutError,
  ConfigError,
  NotConnectedError,
} from "../../src/errors.js";

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
  async function start(setup: (bot: BotClient) => void, extra: FakeNapCatOptions = {}) {
    switch (mode) {
      case "forward WebSocket":
        return startPair(
          (fake) => ({ wsUri: fake?.wsUrl ?? "", wsToken: TOKEN }),
          () => extra,
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
            ...extra,
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
        const fake = await startFakeNapCat({ heartbeatIntervalMs: 0, token: TOKEN, ...extra });
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
        const fake = await startFakeNapCat({ heartbeatIntervalMs: 0, token: TOKEN, ...extra });
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

  it("gives ActionFailedError.params: the caller's own object, or the params a sender composed, as sent", async () => {
    const { bot } = await start(() => {});
    const stranger = 999_999_999; // neither a friend nor in a group with the bot: QQ refuses
    const own = { user_id: stranger, message: [{ type: "text" as const, data: { text: "hi" } }] };
    const direct = await bot.api.sendPrivateMsg(own).catch((error: unknown) => error);
    expect(direct).toBeInstanceOf(ActionFailedError);
    expect((direct as ActionFailedError).params).toBe(own);
    const composed = await bot.api
      .postPrivateMsg(stranger, { text: "hello" })
      .catch((error: unknown) => error);
    expect(composed).toBeInstanceOf(ActionFailedError);
    expect((composed as ActionFailedError).params).toEqual({
      user_id: stranger,
      message: [{ type: "text", data: { text: "hello" } }],
    });
    const stepped = await bot.api
      .sendPrivateText(stranger, "plain")
      .catch((error: unknown) => error);
    expect((stepped as ActionFailedError).params).toMatchObject({ user_id: stranger });
  });

  it("turns silence into ActionTimeoutError for call and callSync", async () => {
    const { bot, fake } = await start(() => {}, { silentActions: ["get_status"] });
    await expect(bot.api.getStatus({}, { timeoutMs: 300 })).rejects.toBeInstanceOf(
      ActionTimeoutError,
    );
    expect(() => bot.api.getStatusSync({}, { timeoutMs: 300 })).toThrow(ActionTimeoutError);
    await fake.waitForCall("get_status");
    // The connection is still usable afterwards.
    await expect(bot.api.getLoginInfo()).resolves.toMatchObject({ user_id: fake.selfId });
  });
});

describe("a dropped connection comes back and every later event is handled exactly once", () => {
  const fast = { reconnect: { initialDelayMs: 50, maxDelayMs: 200, jitter: 0 } } as const;

  async function sayUntilSeen(fake: FakeNapCat, seen: string[], text: string): Promise<void> {
    await fake.say({ text });
    await until(() => seen.includes(text), `"${text}" to be handled`);
  }

  it.each(["forward WebSocket", "HTTP API + SSE"])("over %s", async (mode) => {
    const seen: string[] = [];
    const first = await startFakeNapCat({ heartbeatIntervalMs: 0, token: TOKEN });
    const wsPort = Number(new URL(first.wsUrl).port);
    const httpPort = Number(new URL(first.httpUrl).port);
    const connection: BotClientOptions =
      mode === "forward WebSocket"
        ? { wsUri: first.wsUrl, wsToken: TOKEN }
        : {
            connection: {
              mode: "http",
              apiUrl: first.httpUrl,
              token: TOKEN,
              events: { mode: "sse" },
            },
          };
    const bot = new BotClient({ ...quiet, ...connection, ...fast });
    bot.onGroupMessage((msg) => {
      seen.push(msg.raw_message);
    });
    await bot.start();
    cleanup.push(() => bot.stop());
    await sayUntilSeen(first, seen, "before");

    await first.stop();
    const second = await startFakeNapCat({
      heartbeatIntervalMs: 0,
      token: TOKEN,
      port: wsPort,
      httpPort,
    });
    cleanup.push(() => second.stop());
    // Events said before the bot is back are lost on NapCat's side (as with real NapCat);
    // once one gets through, every later one is handled exactly once.
    const deadline = Date.now() + 10_000;
    while (!seen.includes("probe")) {
      if (Date.now() > deadline) throw new Error("the bot did not reconnect");
      await second.say({ text: "probe" });
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const text of ["after-1", "after-2", "after-3", "end"]) await second.say({ text });
    // events keep their order: once "end" is in, any duplicate of an earlier one would be too
    await until(() => seen.includes("end"), "the last event");
    expect(seen.filter((t) => t === "before")).toHaveLength(1);
    expect(seen.filter((t) => t.startsWith("after-"))).toEqual(["after-1", "after-2", "after-3"]);
    await expect(bot.api.getLoginInfo()).resolves.toMatchObject({ user_id: second.selfId });
  });

  it("over reverse WebSocket (NapCat reconnects to the bot)", async () => {
    const seen: string[] = [];
    const bot = new BotClient({
      ...quiet,
      wsToken: TOKEN,
      connection: { mode: "reverse-ws", host: "127.0.0.1", port: 0 },
    });
    bot.onGroupMessage((msg) => {
      seen.push(msg.raw_message);
    });
    await bot.start();
    cleanup.push(() => bot.stop());
    const reverse = {
      url: `ws://127.0.0.1:${bot.listenPort}/`,
      token: TOKEN,
      reconnectIntervalMs: 100,
    };
    const first = await startFakeNapCat({ heartbeatIntervalMs: 0, token: TOKEN, reverse });
    await until(() => bot.connectedSelfIds().length === 1, "NapCat to connect");
    await sayUntilSeen(first, seen, "before");
    await first.stop();
    await until(() => bot.connectedSelfIds().length === 0, "the bot to notice the drop");
    await expect(bot.api.getLoginInfo()).rejects.toThrow(/not connected/i);

    const second = await startFakeNapCat({ heartbeatIntervalMs: 0, token: TOKEN, reverse });
    cleanup.push(() => second.stop());
    await until(() => bot.connectedSelfIds().length === 1, "NapCat to connect again");
    for (const text of ["after-1", "after-2", "end"]) await second.say({ text });
    // events keep their order: once "end" is in, any duplicate of an earlier one would be too
    await until(() => seen.includes("end"), "the last event");
    expect(seen).toEqual(["before", "after-1", "after-2", "end"]);
  });
});

describe("quick operations", () => {
  it("ride back in the HTTP POST response", async () => {
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
    bot.onGroupMessage(async (msg) => {
      await msg.quickOperation({ reply: "quick pong", at_sender: false });
    });
    await bot.start();
    cleanup.push(() => bot.stop());
    const poster = await startFakeNapCat({
      heartbeatIntervalMs: 0,
      token: TOKEN,
      httpPost: { url: `http://127.0.0.1:${bot.listenPort}/`, secret: "post-secret" },
    });
    cleanup.push(() => poster.stop());
    await poster.say({ text: "ping" });
    const applied = await poster.waitForCall((c) => c.transport === "http-post");
    expect(JSON.stringify(applied.params)).toContain("quick pong");
    // Nothing went through the HTTP API: the answer travelled in the POST response.
    expect(fake.calls.filter((c) => c.action !== "get_login_info")).toEqual([]);
  });

  it("are sent as .handle_quick_operation over WebSocket", async () => {
    const fake = await startFakeNapCat({ heartbeatIntervalMs: 0, token: TOKEN });
    cleanup.push(() => fake.stop());
    const bot = new BotClient({ ...quiet, wsUri: fake.wsUrl, wsToken: TOKEN });
    bot.onGroupMessage((msg) => {
      msg.quickOperationSync({ reply: "quick pong", at_sender: false });
    });
    await bot.start();
    cleanup.push(() => bot.stop());
    await fake.say({ text: "ping" });
    const call = await fake.waitForCall(".handle_quick_operation");
    expect(call.params).toMatchObject({
      operation: { reply: "quick pong" },
      context: { raw_message: "ping" },
    });
    // The fake NapCat carried it out: the reply is now a message in its world.
    const world = await fake.getWorld();
    expect(world.messages.some((m) => JSON.stringify(m).includes("quick pong"))).toBe(true);
  });
});

describe("a rejected token", () => {
  it.each(["forward WebSocket", "HTTP API + SSE"])(
    "over %s: start() rejects once with a ConfigError naming the setting, without the token",
    async (mode) => {
      const fake = await startFakeNapCat({ heartbeatIntervalMs: 0, token: TOKEN });
      cleanup.push(() => fake.stop());
      const wrong = "definitely-wrong-token";
      const options: BotClientOptions =
        mode === "forward WebSocket"
          ? { wsUri: fake.wsUrl, wsToken: wrong }
          : {
              connection: {
                mode: "http",
                apiUrl: fake.httpUrl,
                token: wrong,
                events: { mode: "sse" },
              },
            };
      const bot = new BotClient({ ...quiet, ...options, reconnect: { initialDelayMs: 10 } });
      const error = await bot.start().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).key).toMatch(/token/i);
      expect((error as Error).message).not.toContain(wrong);
      // Nothing keeps retrying behind the user's back: the bot is stopped.
      await expect(bot.api.getLoginInfo()).rejects.toBeInstanceOf(NotConnectedError);
    },
  );

  it("over reverse WebSocket: NapCat with the wrong token is refused and never connects", async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const bot = new BotClient(
      {
        ...quiet,
        logLevel: "warn",
        wsToken: TOKEN,
        connection: { mode: "reverse-ws", host: "127.0.0.1", port: 0 },
      },
      { logger: createLogger({ level: "warn", format: "json", destination }) },
    );
    await bot.start();
    cleanup.push(() => bot.stop());
    const napcat = await startFakeNapCat({
      heartbeatIntervalMs: 0,
      reverse: {
        url: `ws://127.0.0.1:${bot.listenPort}/`,
        token: "wrong",
        reconnectIntervalMs: 100,
      },
    });
    cleanup.push(() => napcat.stop());
    // NapCat retries every 100 ms: wait for the second refusal
    await until(
      () => lines.filter((l) => l.includes("wrong token")).length >= 2,
      "two refused attempts",
    );
    expect(bot.connectedSelfIds()).toEqual([]);
    expect(lines.join("")).not.toContain('"wrong"');
  });
});

describe("a NapCat account other than the configured one", () => {
  it("is reported once, naming the selfId setting", async () => {
    const fake = await startFakeNapCat({ heartbeatIntervalMs: 0, token: TOKEN });
    cleanup.push(() => fake.stop());
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const bot = new BotClient(
      { ...quiet, wsUri: fake.wsUrl, wsToken: TOKEN, selfId: 10001, logLevel: "warn" },
      { logger: createLogger({ level: "warn", format: "json", destination }) },
    );
    await bot.start();
    cleanup.push(() => bot.stop());
    const warnings = lines.filter((l) => l.includes("selfId"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(String(fake.selfId));
    expect(warnings[0]).toContain("10001");
    expect(warnings[0]).not.toContain(TOKEN);
  });
});
