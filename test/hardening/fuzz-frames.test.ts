/**
 * Issue 12: 100,000 malformed frames (a seeded generator: mutated events, broken
 * JSON, hostile values, prototype keys, nesting, heartbeats with absurd intervals)
 * over the real forward WebSocket. Zero crashes, zero reconnects, every well-typed
 * event reaches the handlers, and the bot still answers "ping" afterwards.
 */
import { afterEach, describe, expect, it } from "vitest";
import { groupMessage, pingBot, SELF_ID, startHostileNapCat } from "./hostile-napcat.js";

const FRAMES = 100_000;
const SEED = 0x5eed12;

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function templates(i: number): Record<string, unknown>[] {
  return [
    groupMessage("hello", { message_id: i }),
    {
      ...groupMessage("hi [CQ:at,qq=1]", { message_id: i }),
      message_type: "private",
      message: "hi [CQ:at,qq=1]",
    },
    {
      time: 1,
      self_id: SELF_ID,
      post_type: "notice",
      notice_type: "notify",
      sub_type: "poke",
      group_id: 1,
      user_id: 2,
      target_id: 3,
    },
    {
      time: 1,
      self_id: SELF_ID,
      post_type: "request",
      request_type: "friend",
      user_id: 2,
      comment: "x",
      flag: "f",
    },
    {
      time: 1,
      self_id: SELF_ID,
      post_type: "meta_event",
      meta_event_type: "heartbeat",
      status: { online: true },
      interval: 30000,
    },
    { status: "ok", retcode: 0, data: null, echo: `fuzz-${i}` },
  ];
}

function fuzzFrames(count: number, seed: number): string[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const nested = (depth: number): unknown => {
    let v: unknown = pick([1, "x", null, {}]);
    for (let d = 0; d < depth; d++) v = random() < 0.5 ? [v] : { a: v };
    return v;
  };
  const hostile = (): unknown =>
    pick<() => unknown>([
      () => null,
      () => -1,
      () => 1e308,
      () => 3e9,
      () => "",
      () => "[CQ:at,qq=".repeat(1 + Math.floor(random() * 50)),
      () => [],
      () => [null],
      () => [{ type: 1 }],
      () => [{ type: "text" }],
      () => [{ type: "at", data: { qq: { toString: 1 } } }],
      () => ({}),
      () => ({ toString: 1, valueOf: 1 }),
      () => nested(1 + Math.floor(random() * 300)),
      () => true,
      () => "ping ".repeat(3),
    ])();
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const base = { ...pick(templates(i)) };
    const keys = Object.keys(base);
    const mutations = 1 + Math.floor(random() * 3);
    for (let m = 0; m < mutations; m++) {
      const r = random();
      if (r < 0.5) base[pick(keys)] = hostile();
      else if (r < 0.65) delete base[pick(keys)];
      else if (r < 0.75) base.interval = pick([0, -5, 1, 3e9, 1e20, "30000", null]);
      else base[pick(["x", "api", "message", "reply", "raw_message", "sender"])] = hostile();
    }
    let text = JSON.stringify(base);
    const r = random();
    if (r < 0.05)
      text = text.replace(
        /^\{/,
        pick([
          '{"__proto__":{"reply":1},',
          '{"constructor":{"prototype":{}},',
          '{"prototype":null,',
        ]),
      );
    else if (r < 0.1) text = text.slice(0, Math.floor(random() * text.length));
    else if (r < 0.13) {
      const at = Math.floor(random() * text.length);
      text =
        text.slice(0, at) +
        pick(["\u0000", "}", '"', "\\", "\uFFFF", "[", "\ud800"]) +
        text.slice(at + 1);
    } else if (r < 0.15) text = pick(["null", "1", "[]", '"x"', "", " ", "[[[[", "{}"]);
    out.push(text);
  }
  return out;
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe("malformed-frame fuzz", () => {
  it(`${FRAMES} hostile frames: no crash, no reconnect, still answers ping`, async () => {
    const fake = await startHostileNapCat();
    cleanup.push(() => fake.close());
    const { bot, answersPing, lines } = await pingBot(fake, "warn");
    cleanup.push(() => bot.stop());
    let seen = 0;
    let handlerFailures = 0;
    bot.on("message", (e) => {
      seen += 1;
      try {
        e.message.concatenateText();
        e.message.filter("at");
        e.message.toCQ();
        if (typeof e.raw_message !== "string") throw new TypeError("raw_message is not a string");
      } catch (error) {
        handlerFailures += 1;
        if (handlerFailures <= 3) console.error("handler failure", error);
      }
    });
    bot.onNotice(() => {
      seen += 1;
    });
    bot.onRequest(() => {
      seen += 1;
    });
    await answersPing();
    const frames = fuzzFrames(FRAMES, SEED);
    const started = Date.now();
    for (let i = 0; i < frames.length; i += 1000) {
      for (const frame of frames.slice(i, i + 1000)) fake.send(frame);
      await new Promise((r) => setImmediate(r));
    }
    await answersPing();
    await answersPing();
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(fake.connections).toBe(1);
    expect(handlerFailures).toBe(0);
    expect(seen).toBeGreaterThan(FRAMES / 10);
    const errors = lines.filter((l) => Number(l.level) >= 50);
    expect(errors.slice(0, 3)).toEqual([]);
  }, 90_000);
});
