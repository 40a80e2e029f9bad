import { Writable } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { Dispatcher } from "../../src/client/dispatcher.js";
import { createLogger } from "../../src/client/logger.js";
import type { RawPayload } from "../../src/event/payloads.js";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: createLogger({ level: "debug", format: "json", destination }) };
}

function keysOf(payload: RawPayload): readonly string[] {
  const detail = String(payload.message_type ?? payload.notice_type ?? "");
  return [String(payload.post_type), `${String(payload.post_type)}.${detail}`];
}

function makeDispatcher(handlerTimeoutMs?: number) {
  const { lines, log } = capture();
  let built = 0;
  const dispatcher = new Dispatcher<RawPayload>({
    keysOf,
    createEvent: (payload) => {
      built++;
      return payload;
    },
    log,
    handlerTimeoutMs,
  });
  return { dispatcher, lines, built: () => built };
}

const groupMessage: RawPayload = {
  post_type: "message",
  message_type: "group",
  group_id: 1,
  user_id: 2,
  raw_message: "hi",
  message: [{ type: "text", data: { text: "hi" } }],
};

describe("Dispatcher", () => {
  it("calls matching handlers in registration order across keys", () => {
    const { dispatcher } = makeDispatcher();
    const order: string[] = [];
    dispatcher.add("message.group", () => order.push("specific-1"));
    dispatcher.add("message", () => order.push("general"));
    dispatcher.add("message.group", () => order.push("specific-2"));
    dispatcher.add("notice", () => order.push("notice"));
    expect(dispatcher.dispatch(groupMessage)).toBeUndefined();
    expect(order).toEqual(["specific-1", "general", "specific-2"]);
  });

  it("keeps running siblings when one throws or rejects, and logs the handler name", async () => {
    const { dispatcher, lines } = makeDispatcher();
    const ran: string[] = [];
    dispatcher.add("message", function throwsSync() {
      throw new Error("boom");
    });
    dispatcher.add("message", async function rejectsAsync() {
      throw new Error("async boom");
    });
    dispatcher.add("message", () => ran.push("after"));
    await dispatcher.dispatch(groupMessage);
    expect(ran).toEqual(["after"]);
    const text = lines.join("");
    expect(text).toContain("throwsSync");
    expect(text).toContain("rejectsAsync");
    expect(text).toContain('message.group group=1 user=2 \\"hi\\"');
  });

  it("builds the event object once, and only when a handler matches", () => {
    const { dispatcher, built } = makeDispatcher();
    dispatcher.dispatch(groupMessage);
    expect(built()).toBe(0);
    dispatcher.add("message", () => {});
    dispatcher.add("message.group", () => {});
    dispatcher.dispatch(groupMessage);
    expect(built()).toBe(1);
  });

  it("skips a handler whose payload test fails, without building the event", () => {
    const { dispatcher, built } = makeDispatcher();
    const seen: unknown[] = [];
    dispatcher.add(
      "message.group",
      (e: never) => seen.push(e),
      {},
      (p) => Array.isArray(p.message) && p.message.length > 1,
    );
    dispatcher.dispatch(groupMessage);
    expect(seen).toEqual([]);
    expect(built()).toBe(0);
  });

  it("removes a handler with its disposer, and a second call is harmless", () => {
    const { dispatcher } = makeDispatcher();
    let count = 0;
    const dispose = dispatcher.add("message", () => count++);
    dispatcher.dispatch(groupMessage);
    dispose();
    dispose();
    dispatcher.dispatch(groupMessage);
    expect(count).toBe(1);
    expect(dispatcher.size).toBe(0);
  });

  it("logs a handler that outlives its timeout, not one that finishes in time", async () => {
    vi.useFakeTimers();
    try {
      const { dispatcher, lines } = makeDispatcher(20);
      const releases: (() => void)[] = [];
      dispatcher.add("message", function slowHandler() {
        return new Promise<void>((resolve) => {
          releases.push(resolve);
        });
      });
      const quick = dispatcher.dispatch(groupMessage);
      vi.advanceTimersByTime(19);
      releases[0]?.();
      await quick;
      vi.advanceTimersByTime(100);
      expect(lines.join("")).not.toContain("still running");
      const slow = dispatcher.dispatch(groupMessage);
      vi.advanceTimersByTime(20);
      releases[1]?.();
      await slow;
      expect(lines.join("")).toContain("still running");
    } finally {
      vi.useRealTimers();
    }
  });
});
