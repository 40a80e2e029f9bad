/**
 * Issue 12: hostile frames from whatever sits on NapCat's port. After each category
 * the bot must not crash and must still answer "ping"; nothing may make it reconnect.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  groupMessage,
  type HostileNapCat,
  pingBot,
  SELF_ID,
  startHostileNapCat,
} from "./hostile-napcat.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function setup(level: "debug" | "info" = "info") {
  const fake = await startHostileNapCat();
  cleanup.push(() => fake.close());
  const bot = await pingBot(fake, level);
  cleanup.push(() => bot.bot.stop());
  await bot.answersPing();
  return { fake, ...bot };
}

const DEPTH = 100_000;
const nested = (open: string, close: string) => open.repeat(DEPTH) + close.repeat(DEPTH);

/** Frames by category; each must be survived. */
const CATEGORIES: Record<string, (fake: HostileNapCat) => void> = {
  "deeply nested frame without post_type": (f) => f.send(`{"x":${nested("[", "]")}}`),
  "deeply nested object frame": (f) => f.send(`{"x":${nested('{"a":', "}").replace(/}$/, "1}")}`),
  "deeply nested echo": (f) => f.send(`{"retcode":0,"echo":${nested("[", "]")}}`),
  "deeply nested event field": (f) =>
    f.send(`{"post_type":"notice","notice_type":"x","deep":${nested("[", "]")}}`),
  "deeply nested message": (f) =>
    f.send(
      JSON.stringify(groupMessage("x")).replace(
        /"message":\[.*?\]\]?,/,
        `"message":${nested("[", "]")},`,
      ),
    ),
  "not JSON": (f) => f.send("{not json"),
  "JSON but not an object": (f) => {
    for (const text of ["null", "123", '"text"', "[1,2]", "true"]) f.send(text);
  },
  "malformed message": (f) => {
    for (const message of [
      null,
      5,
      [null],
      [{ data: {} }],
      [{ type: 1 }],
      [{ type: "text", data: null }],
      {},
    ])
      f.send(JSON.stringify(groupMessage("x", { message })));
  },
  "__proto__ keys": (f) =>
    f.send(
      JSON.stringify(groupMessage("x")).replace(
        /^\{/,
        '{"__proto__":{"reply":1},"constructor":{"name":"x"},"prototype":1,',
      ),
    ),
  "fields that cannot become strings": (f) =>
    f.send(
      JSON.stringify(
        groupMessage("x", {
          group_id: { toString: 1, valueOf: 1 },
          user_id: { toString: 1 },
          sub_type: [1],
          raw_message: { toString: 1 },
        }),
      ),
    ),
  "heartbeat with interval 3e9": (f) =>
    f.send(
      JSON.stringify({
        time: 1,
        self_id: SELF_ID,
        post_type: "meta_event",
        meta_event_type: "heartbeat",
        status: { online: true, good: true },
        interval: 3e9,
      }),
    ),
  "200 KB unclosed CQ code": (f) =>
    f.send(JSON.stringify(groupMessage("x", { message: "[CQ:at,qq=".repeat(20_000) }))),
  "control-frame flood": (f) => f.ping(20_000),
};

describe("hostile frames", () => {
  it.each(Object.keys(CATEGORIES))("survives %s and still answers ping", async (name) => {
    const { fake, answersPing, lines } = await setup();
    const warnings = new Set<string>();
    const onWarning = (w: Error) => warnings.add(w.name);
    process.on("warning", onWarning);
    cleanup.push(async () => void process.off("warning", onWarning));
    CATEGORIES[name]?.(fake);
    await answersPing();
    // A watchdog armed with an overflowing timer fires within milliseconds: give it time to.
    await new Promise((r) => setTimeout(r, 600));
    await answersPing();
    expect(fake.connections).toBe(1);
    expect(warnings.has("TimeoutOverflowWarning")).toBe(false);
    const errors = lines.filter((l) => Number(l.level) >= 50);
    expect(errors).toEqual([]);
  });

  it("logs a bounded preview of an unknown frame, never the frame whole", async () => {
    const { fake, answersPing, lines } = await setup("debug");
    fake.send(`{"access_token":"S3CR3T","x":${nested("[", "]")}}`);
    fake.send(`{"retcode":0,"echo":${nested("[", "]")}}`);
    await answersPing();
    const dropped = lines.filter((l) => String(l.msg).startsWith("dropped a"));
    expect(dropped.length).toBeGreaterThanOrEqual(2);
    for (const line of dropped) expect(JSON.stringify(line).length).toBeLessThan(600);
    expect(JSON.stringify(lines)).not.toContain("S3CR3T");
  });
});
