import { afterEach, describe, expect, it, vi } from "vitest";
import { ActionFailedError, ActionTimeoutError, TransportError } from "../../src/errors.js";
import { InboundBatcher, OutboundQueue, readInbound } from "../../src/io/batch.js";
import { LinkTable } from "../../src/io/links.js";
import type { Control, InboundBatch, OutboundBatch } from "../../src/io/wire.js";
import { mayBeSyncResponse, requestFrame } from "../../src/transport/frames.js";
import { ASYNC_ECHO_PREFIX, PendingCalls } from "../../src/transport/pending-calls.js";

afterEach(() => {
  vi.useRealTimers();
});

/** A call registered the way the engines do it; `echo` is what NapCat would answer with. */
function register(
  calls: PendingCalls,
  action: string,
  timeoutMs: number,
  params?: object | string,
  link?: number,
): { echo: string; promise: Promise<unknown> } {
  const id = calls.nextId();
  return { echo: calls.echo(id), promise: calls.wait(id, action, timeoutMs, params, link) };
}

describe("PendingCalls (the one table of calls waiting for an answer)", () => {
  it("settles by echo with data, or ActionFailedError carrying the caller's params", async () => {
    const calls = new PendingCalls(ASYNC_ECHO_PREFIX);
    const params = { b: 2, nested: { big: 10n.toString() } };
    const a = register(calls, "get_status", 1000, { a: 1 }, 1);
    const b = register(calls, "send_msg", 1000, params, 1);
    expect(a.echo).toBe("ncb:a1");
    expect(requestFrame("get_status", '{"a":1}', a.echo)).toBe(
      '{"action":"get_status","params":{"a":1},"echo":"ncb:a1"}',
    );
    expect(calls.settle({ status: "ok", retcode: 0, data: 5, echo: "ncb:a1" })).toBe(true);
    expect(calls.settle({ status: "ok", retcode: 0, data: 5, echo: "ncb:a1" })).toBe(false);
    expect(calls.settle({ status: "ok", retcode: 0, data: 5, echo: "ncb:s2" })).toBe(false);
    await expect(a.promise).resolves.toBe(5);
    calls.settle({
      status: "failed",
      retcode: 1400,
      message: "bad",
      wording: "参数错误",
      echo: b.echo,
    });
    const error = await b.promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionFailedError);
    expect(error).toMatchObject({
      action: "send_msg",
      retcode: 1400,
      wording: "参数错误",
      echo: b.echo,
    });
    // the caller's own object, not a copy rebuilt from JSON
    expect((error as ActionFailedError).params).toBe(params);
    expect(calls.size).toBe(0);
  });

  it("times out with ONE timer re-armed for the earliest deadline", async () => {
    vi.useFakeTimers();
    const calls = new PendingCalls();
    const slow = register(calls, "slow", 1000);
    const fast = register(calls, "fast", 100);
    const kept = register(calls, "kept", 1000);
    const forever = register(calls, "forever", Number.POSITIVE_INFINITY);
    const slowErr = slow.promise.catch((e: unknown) => e);
    const fastErr = fast.promise.catch((e: unknown) => e);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(150);
    expect(await fastErr).toBeInstanceOf(ActionTimeoutError);
    expect(await fastErr).toMatchObject({ action: "fast", timeoutMs: 100 });
    expect(calls.size).toBe(3);
    expect(vi.getTimerCount()).toBe(1);
    calls.settle({ status: "ok", retcode: 0, data: "k", echo: kept.echo });
    await expect(kept.promise).resolves.toBe("k");
    await vi.advanceTimersByTimeAsync(900);
    expect(await slowErr).toBeInstanceOf(ActionTimeoutError);
    expect(calls.size).toBe(1); // "forever" never times out, and arms no timer
    expect(vi.getTimerCount()).toBe(0);
    calls.resolveAll("up");
    await expect(forever.promise).resolves.toBe("up");
  });

  it("resolves and rejects by id, with the result mapper and the caller's params", async () => {
    const calls = new PendingCalls();
    const id = calls.nextId();
    const mapped = calls.wait(id, "get_x", 1000, undefined, -1, (data) => ({ wrapped: data }));
    expect(calls.resolve(id, 7)).toBe(true);
    expect(calls.resolve(id, 7)).toBe(false);
    await expect(mapped).resolves.toEqual({ wrapped: 7 });
    const other = calls.nextId();
    const failed = calls.wait(other, "get_y", 1000, { y: 1 });
    calls.reject(
      other,
      (action, params) => new TransportError(`${action} ${JSON.stringify(params)}`),
    );
    await expect(failed).rejects.toThrow('get_y {"y":1}');
  });

  it("fails only the calls of a dropped link, and everything on rejectAll", async () => {
    const calls = new PendingCalls();
    const on1 = register(calls, "a", 5000, undefined, 1);
    const on2 = register(calls, "b", 5000, undefined, 2);
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
      const calls = new PendingCalls();
      const call = register(calls, "send_msg", 5000, undefined, 1);
      calls.settle({
        status: "failed",
        retcode: 100,
        message: "no",
        wording: "no",
        echo: call.echo,
      });
      await Promise.resolve(); // the caller attaches its handler a little later
      await expect(call.promise).rejects.toBeInstanceOf(ActionFailedError);
      const other = register(calls, "b", 5000, undefined, 2);
      calls.rejectAll((action) => new TransportError(`stopped ${action}`));
      await Promise.resolve();
      await expect(other.promise).rejects.toBeInstanceOf(TransportError);
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
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
