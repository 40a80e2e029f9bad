/**
 * A NapCat stand-in that sends whatever a test tells it to: raw text frames,
 * control frames, hostile heartbeats. It answers every action `ok` and records it.
 * Independent of the product's fake NapCat on purpose: the fake only sends valid frames.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import type WebSocket from "ws";
import { WebSocketServer } from "ws";
import { BotClient } from "../../src/client/bot-client.js";
import { createLogger } from "../../src/client/logger.js";

export const SELF_ID = 10001;
export const GROUP_ID = 736000001;

export interface HostileNapCat {
  url: string;
  /** Connections made so far (a reconnect makes it grow). */
  connections: number;
  /** Actions received, in order. */
  calls: { action: string; params: Record<string, unknown> }[];
  /** Sends raw text to every connected bot. */
  send(text: string): void;
  /** Sends `count` WebSocket ping control frames. */
  ping(count: number): void;
  close(): Promise<void>;
}

export async function startHostileNapCat(): Promise<HostileNapCat> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  const sockets = new Set<WebSocket>();
  const fake: HostileNapCat = {
    url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`,
    connections: 0,
    calls: [],
    send(text) {
      for (const ws of sockets) ws.send(text);
    },
    ping(count) {
      for (const ws of sockets) for (let i = 0; i < count; i++) ws.ping();
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
  wss.on("connection", (ws) => {
    fake.connections += 1;
    sockets.add(ws);
    ws.on("close", () => sockets.delete(ws));
    ws.send(
      JSON.stringify({
        time: 1,
        self_id: SELF_ID,
        post_type: "meta_event",
        meta_event_type: "lifecycle",
        sub_type: "connect",
      }),
    );
    ws.on("message", (data) => {
      const req = JSON.parse(String(data)) as {
        action: string;
        params: Record<string, unknown>;
        echo: unknown;
      };
      fake.calls.push({ action: req.action, params: req.params });
      const result =
        req.action === "get_login_info" ? { user_id: SELF_ID, nickname: "bot" } : { message_id: 1 };
      ws.send(
        JSON.stringify({
          status: "ok",
          retcode: 0,
          data: result,
          message: "",
          wording: "",
          echo: req.echo,
        }),
      );
    });
  });
  return fake;
}

/** A group message event as NapCat sends it. */
export function groupMessage(
  text: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    time: 1,
    self_id: SELF_ID,
    post_type: "message",
    message_type: "group",
    sub_type: "normal",
    message_id: 1,
    group_id: GROUP_ID,
    user_id: 1700000001,
    message: [{ type: "text", data: { text } }],
    raw_message: text,
    font: 14,
    sender: { user_id: 1700000001, nickname: "u", card: "", role: "member" },
    ...extra,
  };
}

/** Polls `condition` until it holds (bounded). */
export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A logger whose JSON lines land in `lines` (parsed). */
export function capturingLogger(level: "debug" | "info" | "warn" = "info") {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n"))
        if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ level, format: "json", destination }) };
}

/** A bot on `fake` that answers "ping" with "pong" (the liveness check after each hostile input). */
export async function pingBot(fake: HostileNapCat, level: "debug" | "info" | "warn" = "info") {
  const { lines, logger } = capturingLogger(level);
  const bot = new BotClient(
    { wsUri: fake.url, configFile: false, reconnect: { initialDelayMs: 50, maxDelayMs: 200 } },
    { logger, env: {} },
  );
  bot.onGroupMessage(async (m) => {
    if (m.raw_message === "ping") await m.reply("pong", { at: false, quote: false });
  });
  await bot.start();
  let pings = 0;
  /** Sends a ping and waits for the pong. */
  const answersPing = async (): Promise<void> => {
    pings += 1;
    const before = fake.calls.filter((c) => c.action === "send_group_msg").length;
    fake.send(JSON.stringify(groupMessage("ping", { message_id: 9000 + pings })));
    await until(() => fake.calls.filter((c) => c.action === "send_group_msg").length > before);
  };
  return { bot, lines, answersPing };
}
