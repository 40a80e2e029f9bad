import { afterEach, describe, expect, it, vi } from "vitest";
import { ActionFailedError, ActionTimeoutError, TransportError } from "../../src/errors.js";
import { AsyncCalls } from "../../src/io/async-calls.js";
import { InboundBatcher, OutboundQueue, readInbound } from "../../src/io/batch.js";
import { LinkTable } from "../../src/io/links.js";
import type { Control, InboundBatch, OutboundBatch } from "../../src/io/wire.js";
import { mayBeSyncResponse } from "../../src/transport/frames.js";

afterEach(() => {
  vi.useRealTimers();
});

function echoOf(frame: string): string {
  return (JSON.parse(frame) as { echo: string }).echo;
}

describe("AsyncCalls (main-thread correlation)", () => {
  it("builds the whole frame and settles by echo with data or ActionFailedError carrying params", async () => {
    const calls = new AsyncCalls();
    const a = calls.register("get_status", '{"a":1}', 1000, 1);
    const b = calls.register("send_msg", '{"b":2}', 1000, 1);
    expect(JSON.parse(a.frame)).toEqual({ action: "get_status", params: { a: 1 }, echo: "ncb:a1" });
    expect(calls.settle({ status: "ok", retcode: 0, data: 5, echo: "ncb:a1" }, "ncb:a1")).toBe(
      true,
    );
    expect(calls.settle({ status: "ok", retcode: 0, data: 5, echo: "ncb:a1" }, "ncb:a1")).toBe(
      false,
    );
    await expect(a.promise).resolves.toBe(5);
    const echo = echoOf(b.frame);
    calls.settle(
      { status: "failed", retcode: 1400, message: "bad", wording: "参数错误", echo },
      echo,
    );
    const error = await b.promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionFailedError);
    expect(error).toMatchObject({
      action: "send_msg",
      params: { b: 2 },
      retcode: 1400,
      wording: "参数错误",
      echo,
    });
    expect(calls.size).toBe(0);
  });

  it("times out with ONE timer re-armed for the earliest deadline", async () => {
    vi.useFakeTimers();
    const calls = new AsyncCalls();
    const slow = calls.register("slow", "{}", 1000, 1);
    const fast = calls.register("fast", "{}", 100, 1);
    const kept = calls.register("kept", "{}", 1000, 1);
    const slowErr = slow.promise.catch((e: unknown) => e);
    const fastErr = fast.promise.catch((e: unknown) => e);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(150);
    expect(await fastErr).toBeInstanceOf(ActionTimeoutError);
    expect(await fastErr).toMatchObject({ action: "fast", timeoutMs: 100 });
    expect(calls.size).toBe(2);
    expect(vi.getTimerCount()).toBe(1);
    const echo = echoOf(kept.frame);
    calls.settle({ status: "ok", retcode: 0, data: "k", echo }, echo);
    await expect(kept.promise).resolves.toBe("k");
    await vi.advanceTimersByTimeAsync(900);
    expect(await slowErr).toBeInstanceOf(ActionTimeoutError);
    expect(calls.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("fails only the calls of a dropped link, and everything on rejectAll", async () => {
    const calls = new AsyncCalls();
    const on1 = calls.register("a", "{}", 5000, 1);
    const on2 = calls.register("b", "{}", 5000, 2);
    calls.failLink(1, (action) => new TransportError(`gone ${action}`));
    await expect(on1.promise).rejects.toThrow("gone a");
    expect(calls.size).toBe(1);
    calls.rejectAll((action) => new TransportError(`stopped ${action}`));
    await expect(on2.promise).rejects.toBeInstanceOf(TransportError);
    expect(calls.size).toBe(0);
  });

  it("a failure the caller handles later in the same turn is never reported as unhandled", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const calls = new AsyncCalls();
      const call = calls.register("send_msg", "{}", 5000, 1);
      const echo = echoOf(call.frame);
      calls.settle({ status: "failed", retcode: 100, message: "no", wording: "no", echo }, echo);
      await Promise.resolve(); // the caller attaches its handler a little later
      await expect(call.promise).rejects.toBeInstanceOf(ActionFailedError);
      const other = calls.register("b", "{}", 5000, 2);
      calls.rejectAll((action) => new TransportError(`stopped ${action}`));
      await Promise.resolve();
      await expect(other.promise).rejects.toBeInstanceOf(TransportError);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});

describe("LinkTable (routing by account)", () => {
  it("picks the first link, an account's link, or says what is connected", () => {
    const links = new LinkTable();
    expect(links.pick(undefined, "none yet")).toEqual({ missing: "none yet" });
    links.up(1, 111);
    links.up(2, 222);
    expect(links.pick(undefined, "x")).toEqual({ link: 1 });
    expect(links.pick(222, "x")).toEqual({ link: 2 });
    expect(links.pick("222", "x")).toEqual({ link: 2 });
    expect(links.pick(333, "x")).toEqual({
      missing: "account 333 is not connected; connected: 111, 222",
    });
    links.down(1);
    expect(links.pick(undefined, "x")).toEqual({ link: 2 });
    links.up(3, 222); // the account reconnected: its newest link wins
    links.down(2);
    expect(links.pick(222, "x")).toEqual({ link: 3 });
    links.up(4, undefined); // account unknown (probe failed): serves any selfId
    expect(links.pick(999, "x")).toEqual({ link: 4 });
  });
});

describe("batching across the thread boundary", () => {
  it("worker side: frames and reports of one turn go out as one ordered message", async () => {
    const posted: InboundBatch[] = [];
    const batcher = new InboundBatcher((b) => posted.push(b));
    const state: Control = { t: "self", selfId: 1 };
    batcher.frame("a");
    batcher.control(state);
    batcher.frame("b");
    expect(posted).toHaveLength(0);
    await Promise.resolve();
    expect(posted).toEqual([["a", state, "b"]]);
    batcher.frame("c");
    await Promise.resolve();
    expect(posted).toEqual([["a", state, "b"], ["c"]]);
    const seen: unknown[] = [];
    for (const b of posted)
      readInbound(
        b,
        (t) => seen.push(t),
        (c) => seen.push(c.t),
      );
    expect(seen).toEqual(["a", "self", "b", "c"]);
  });

  it("main side: frames name their link once per run; flush() sends at once", async () => {
    const posted: OutboundBatch[] = [];
    const queue = new OutboundQueue((b) => posted.push(b));
    queue.frame(1, "f1");
    queue.frame(1, "f2");
    queue.frame(2, "f3");
    queue.command({ t: "quick", qid: 1, op: undefined });
    queue.flush();
    expect(posted).toEqual([
      [
        { t: "to", link: 1 },
        "f1",
        "f2",
        { t: "to", link: 2 },
        "f3",
        { t: "quick", qid: 1, op: undefined },
      ],
    ]);
    queue.frame(2, "f4");
    await Promise.resolve();
    expect(posted[1]).toEqual([{ t: "to", link: 2 }, "f4"]);
  });

  it("only frames with the raw Sync echo marker are parsed by the I/O thread", () => {
    const answer = '{"status":"ok","retcode":0,"data":null,"echo":"ncb:s7"}';
    expect(mayBeSyncResponse(answer)).toBe(true);
    expect(mayBeSyncResponse(Buffer.from(answer))).toBe(true);
    expect(mayBeSyncResponse('{"status":"ok","echo":"ncb:a7"}')).toBe(false);
    const sneaky = JSON.stringify({ post_type: "message", raw_message: '"echo":"ncb:s1' });
    expect(mayBeSyncResponse(sneaky)).toBe(false);
    expect(mayBeSyncResponse(Buffer.from(sneaky))).toBe(false);
  });
});
