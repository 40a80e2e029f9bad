import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BotClient } from "../../src/client/bot-client.js";
import { createLogger } from "../../src/client/logger.js";
import { ConfigError, NcatBotError, NotConnectedError } from "../../src/errors.js";

const quiet = { configFile: false as const, logLevel: "silent" as const };

describe("BotClient without a connection", () => {
  it("checks the settings at construction and names the bad one", () => {
    expect(
      () => new BotClient({ ...quiet, connection: { mode: "reverse-ws", port: 8080 } }),
    ).toThrow(ConfigError);
    try {
      new BotClient({ ...quiet, connection: { mode: "reverse-ws", port: 8080 } });
    } catch (e) {
      expect((e as ConfigError).key).toBe("wsToken");
    }
    expect(() => new BotClient({ ...quiet, apiTimeoutMs: 0 })).toThrow(/apiTimeoutMs/);
    expect(
      () =>
        new BotClient({
          ...quiet,
          connection: { mode: "http", apiUrl: "ftp://x", events: { mode: "sse" } },
        }),
    ).toThrow(/connection\.apiUrl/);
  });

  it("rejects an unknown event key and lists the valid ones", () => {
    const bot = new BotClient(quiet);
    expect(() => bot.on("notice.group_join" as never, () => {})).toThrow(NcatBotError);
    expect(() => bot.on("notice.group_join" as never, () => {})).toThrow(/notice\.group_increase/);
  });

  it("throws NotConnectedError from async and Sync calls before start", async () => {
    const bot = new BotClient(quiet);
    await expect(bot.api.getLoginInfo()).rejects.toBeInstanceOf(NotConnectedError);
    expect(() => bot.api.getLoginInfoSync()).toThrow(NotConnectedError);
  });

  it("dispatches through handleEvent to sync and async handlers, filters by segment type", async () => {
    const bot = new BotClient(quiet);
    const seen: string[] = [];
    bot.onGroupMessage((msg) => {
      seen.push(`sync:${msg.raw_message}`);
    });
    bot.groupEvent(async (msg) => {
      seen.push(`async:${msg.group_id}`);
    });
    bot.onGroupMessage(() => seen.push("image only"), { filter: "image" });
    bot.on("message", () => seen.push("any message"));
    const payload = {
      time: 1,
      self_id: 1,
      post_type: "message",
      message_type: "group",
      sub_type: "normal",
      message_id: 5,
      user_id: 2,
      group_id: 3,
      raw_message: "hi",
      message: [{ type: "text", data: { text: "hi" } }],
      sender: { user_id: 2, nickname: "n", card: "" },
      font: 14,
    };
    await bot.handleEvent(payload);
    await bot.handleEvent(
      JSON.stringify({
        ...payload,
        raw_message: "[CQ:image]",
        message: [{ type: "image", data: { file: "a.png" } }],
      }),
    );
    expect(seen).toEqual([
      "sync:hi",
      "async:3",
      "any message",
      "sync:[CQ:image]",
      "async:3",
      "image only",
      "any message",
    ]);
  });

  it("ignores frames that are not events without throwing, and says why", async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const bot = new BotClient(quiet, {
      logger: createLogger({ level: "debug", format: "json", destination }),
    });
    const seen: string[] = [];
    for (const key of ["message", "message_sent", "notice", "request", "meta_event"] as const) {
      bot.on(key, () => {
        seen.push(key);
      });
    }
    await expect(bot.handleEvent("not json")).resolves.toBeUndefined();
    await expect(bot.handleEvent('{"retcode":0}')).resolves.toBeUndefined();
    await expect(bot.handleEvent("null")).resolves.toBeUndefined();
    await expect(bot.handleEvent('{"type":"x"}')).resolves.toBeUndefined();
    expect(seen).toEqual([]);
    const logged = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(logged).toEqual([
      "dropped a frame that is not JSON; NapCat should never send one",
      "dropped a late or unknown response frame",
      "dropped a frame that is not a JSON object: not a OneBot event",
      "dropped a frame without post_type: not a OneBot event",
    ]);
    // the same entry point does dispatch a real event to those handlers
    await bot.handleEvent(
      '{"time":1,"self_id":1,"post_type":"meta_event","meta_event_type":"lifecycle","sub_type":"connect"}',
    );
    expect(seen).toEqual(["meta_event"]);
  });

  it("reports a heartbeat whose status says the QQ account is offline, once per change", async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const bot = new BotClient(quiet, {
      logger: createLogger({ level: "info", format: "json", destination }),
    });
    const heartbeat = (online: boolean) => ({
      time: 1,
      self_id: 42,
      post_type: "meta_event",
      meta_event_type: "heartbeat",
      status: { online, good: online },
      interval: 30000,
    });
    await bot.handleEvent(heartbeat(true));
    await bot.handleEvent(heartbeat(false));
    await bot.handleEvent(heartbeat(false));
    await bot.handleEvent(heartbeat(true));
    const offline = lines.filter((l) => l.includes("offline"));
    const online = lines.filter((l) => l.includes("online again"));
    expect(offline).toHaveLength(1);
    expect(online).toHaveLength(1);
  });
});
