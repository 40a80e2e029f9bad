/**
 * The error hook: by default a failure is one log line naming the plugin, the
 * handler and the event, with the stack; `bot.catch` replaces it (and its disposer
 * restores it); a hook that throws is logged and goes no further.
 */
import { Writable } from "node:stream";
import { BotClient, type HandlerError, NcatBotPlugin } from "ncatbot";
import { pino } from "pino";
import { describe, expect, it } from "vitest";

const MESSAGE = {
  post_type: "message",
  message_type: "group",
  sub_type: "normal",
  group_id: 123,
  user_id: 456,
  message_id: 1,
  message: "hello",
  raw_message: "hello",
  font: 0,
  sender: { user_id: 456 },
  time: 1,
  self_id: 1,
};

class Faulty extends NcatBotPlugin {
  static meta = { name: "faulty" };
  onLoad() {
    this.onGroupMessage(function parse() {
      throw new Error("bad input");
    });
  }
}

function botWithLog() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const bot = new BotClient(
    { configFile: false, pluginsDir: false, dataDir: "/nonexistent-unused", plugins: [Faulty] },
    { env: {}, logger: pino({ level: "info" }, stream) },
  );
  return { bot, lines };
}

describe("error hook", () => {
  it("default: one log line with the plugin, the handler, the event and the stack", async () => {
    const { bot, lines } = botWithLog();
    await bot.plugins.start();
    await bot.handleEvent(MESSAGE);
    const errors = lines.filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    const [line] = errors as [Record<string, unknown>];
    expect(line.plugin).toBe("faulty");
    expect(line.handler).toBe("parse");
    expect(line.event).toBe('message.group.normal group=123 user=456 "hello"');
    expect(String((line.err as { stack?: string }).stack)).toContain("bad input");
    expect(String(line.msg)).toMatch(
      /plugin "faulty": handler "parse" failed: bad input; other handlers were not affected/,
    );
  });

  it("bot.catch replaces the line; its disposer restores it; a throwing hook is logged", async () => {
    const { bot, lines } = botWithLog();
    await bot.plugins.start();
    const caught: HandlerError[] = [];
    const restore = bot.catch((err) => void caught.push(err));
    await bot.handleEvent(MESSAGE);
    expect(caught.map((e) => [e.plugin, e.handler, e.source])).toEqual([
      ["faulty", "parse", "handler"],
    ]);
    expect(lines.filter((l) => l.level === 50)).toHaveLength(0);
    bot.catch(() => {
      throw new Error("hook broke");
    });
    await bot.handleEvent(MESSAGE);
    expect(lines.filter((l) => l.level === 50).map((l) => l.msg)).toEqual([
      "the error hook set with bot.catch() failed itself",
    ]);
    restore(); // not the current hook any more: no effect
    await bot.handleEvent(MESSAGE);
    expect(lines.filter((l) => l.level === 50)).toHaveLength(2);
  });
});
