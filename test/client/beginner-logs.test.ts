/**
 * Logs a beginner can act on (issue 11.7): each thing is said once, clearly. A failing
 * handler's line names where it was registered and (pretty mode) shows the stack; a bad
 * token, a drop and the HTTP + HTTP POST start-up each make one line; a forward WebSocket
 * pointed at an HTTP port says "wrong port", not "bad token".
 */
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { BotClient, type BotClientOptions, createLogger } from "../../src/index.js";
import { startFakeNapCatInProcess } from "../../src/testing/index.js";
import { fastReconnect, startWsServer, until } from "../io/servers.js";

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop().catch(() => {});
});

/** A bot whose log lines (JSON records, or pretty text) are collected. */
function loggedBot(options: BotClientOptions, format: "json" | "pretty" = "json") {
  const out = new PassThrough();
  const lines: string[] = [];
  let buffer = "";
  out.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    lines.push(...parts);
  });
  const logger = createLogger({ level: "debug", format, destination: out });
  const bot = new BotClient({ configFile: false, ...options }, { logger, env: {} });
  cleanup.push(() => bot.stop());
  /** Lines at warn or above (json mode). */
  const loud = () =>
    lines
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((r) => r.level >= 40);
  return { bot, lines, loud };
}

describe("a failing handler", () => {
  it("names where it was registered and, in pretty mode, shows the stack", async () => {
    const fake = await startFakeNapCatInProcess({ token: "t", heartbeatIntervalMs: 0 });
    cleanup.push(() => fake.stop());
    const { bot, lines } = loggedBot({ wsUri: fake.wsUrl, wsToken: "t" }, "pretty");
    bot.onGroupMessage(() => {
      throw new Error("boom");
    });
    await bot.start();
    await fake.say({ text: "hi" });
    await until(() => lines.some((l) => l.includes("failed")));
    const at = lines.findIndex((l) => l.includes("failed"));
    const line = lines[at] ?? "";
    expect(line).toMatch(
      /ERROR \[ncatbot\] handler "anonymous handler" failed: boom; other handlers were not affected \(registered at test\/client\/beginner-logs\.test\.ts:\d+:\d+\)/,
    );
    // Said once: the error's text is not repeated as a field; the stack follows, indented.
    expect(line.match(/boom/g)).toHaveLength(1);
    expect(lines[at + 1]).toMatch(/^ {4}at .*beginner-logs\.test\.ts:\d+:\d+/);
  });
});

describe("each thing said once", () => {
  it("a rejected token: start() rejects with it; the log does not repeat it", async () => {
    const server = await startWsServer({ token: "right" });
    cleanup.push(() => server.close());
    const { bot, lines } = loggedBot({ wsUri: server.url, wsToken: "wrong" });
    await expect(bot.start()).rejects.toThrow(/rejected the access token/);
    const mentions = lines.filter((l) => {
      const r = JSON.parse(l) as { level: number; msg: string };
      return r.level >= 30 && l.includes("rejected the access token");
    });
    expect(mentions).toEqual([]);
  });

  it("a drop is logged once (one warning, with the reason and the retry)", async () => {
    const server = await startWsServer();
    cleanup.push(() => server.close());
    const { bot, loud } = loggedBot({ wsUri: server.url, reconnect: fastReconnect });
    await bot.start();
    const reconnected = server.waitForClient();
    for (const ws of server.sockets) ws.terminate();
    await reconnected;
    const warnings = loud().map((r) => r.msg);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/retrying in \d+ ms/);
  });

  it("HTTP + HTTP POST: one start-up line saying where calls go and where events arrive", async () => {
    const fake = await startFakeNapCatInProcess({ token: "t", heartbeatIntervalMs: 0 });
    cleanup.push(() => fake.stop());
    const { bot, lines } = loggedBot({
      wsToken: "t",
      connection: {
        mode: "http",
        apiUrl: fake.httpUrl,
        events: { mode: "http-post", port: 0, host: "127.0.0.1", secret: "s" },
      },
    });
    await bot.start();
    const info = lines
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .filter((r) => r.level === 30);
    expect(info.map((r) => r.msg)).toEqual([
      expect.stringMatching(
        /^connected to NapCat's HTTP server at http:\/\/127\.0\.0\.1:\d+\/; receiving events by HTTP POST on http:\/\/127\.0\.0\.1:\d+\//,
      ),
    ]);
  });

  it("forward WebSocket pointed at NapCat's HTTP port without a token: wrong port, not bad token", async () => {
    const fake = await startFakeNapCatInProcess({ token: "t", heartbeatIntervalMs: 0 });
    cleanup.push(() => fake.stop());
    const { bot, loud } = loggedBot({ wsUri: fake.httpUrl.replace(/^http/, "ws") });
    const error = (await bot.start().then(
      () => new Error("started"),
      (e: unknown) => e as Error,
    )) as Error;
    expect(error.message).toMatch(/^wrong port\? .* answered the WebSocket upgrade with HTTP 40\d/);
    expect(error.message).toContain("default 3001");
    expect(error.message).not.toContain("access token");
    expect(loud()).toEqual([]);
  });
});
