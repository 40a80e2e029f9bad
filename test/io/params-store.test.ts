import { describe, expect, it } from "vitest";
import { ActionFailedError } from "../../src/errors.js";
import { AsyncCalls } from "../../src/io/async-calls.js";
import { type ParamsHolder, ParamsSlab, ParamsStore } from "../../src/io/params-store.js";

const holder = (): ParamsHolder => ({ params: "", paramsAt: 0, paramsBytes: 0 });

describe("ParamsStore (params text of calls in flight, off the JS heap)", () => {
  it("gives back exactly the text it kept, including non-ASCII text", () => {
    const store = new ParamsStore();
    const texts = ['{"group_id":1,"message":"你好 🐱"}', "{}", '{"a":"\\u0000é"}'];
    const holders = texts.map((text) => {
      const h = holder();
      store.keep(h, text);
      expect(h.params).toBeInstanceOf(ParamsSlab);
      return h;
    });
    expect(holders.map((h) => store.take(h))).toEqual(texts);
  });

  it("keeps long texts (inline media) as strings", () => {
    const store = new ParamsStore();
    const big = `{"file":"base64://${"A".repeat(20_000)}"}`;
    const h = holder();
    store.keep(h, big);
    expect(h.params).toBe(big);
    expect(store.take(h)).toBe(big);
  });

  it("reuses a slab once nothing in it waits, and starts a new one when a full slab still has waiters", () => {
    const store = new ParamsStore();
    const text = `{"t":"${"x".repeat(1000)}"}`;
    const first = holder();
    store.keep(first, text);
    const slab = first.params as ParamsSlab;
    store.release(first);
    expect(slab.waiting).toBe(0);
    const again = holder();
    store.keep(again, text);
    expect(again.params).toBe(slab);
    expect(again.paramsAt).toBe(0); // started over
    // Fill the slab while `again` still waits: the store moves on to a new slab.
    const more: ParamsHolder[] = [];
    for (let i = 0; i < 100; i += 1) {
      const h = holder();
      store.keep(h, text);
      more.push(h);
    }
    expect(new Set(more.map((h) => h.params)).size).toBeGreaterThan(1);
    // Nothing was overwritten: the first waiter's text is intact.
    expect(store.take(again)).toBe(text);
    for (const h of more) expect(store.take(h)).toBe(text);
  });

  it("a busy store cycles through spare slabs instead of allocating new ones", () => {
    const store = new ParamsStore();
    const text = `{"t":"${"y".repeat(2000)}"}`; // ~10 per slab
    const fill = (): ParamsHolder[] => {
      const hs: ParamsHolder[] = [];
      for (let i = 0; i < 10; i += 1) {
        const h = holder();
        store.keep(h, text);
        hs.push(h);
      }
      return hs;
    };
    const seen = new Set<unknown>();
    let previous = fill();
    for (let round = 0; round < 50; round += 1) {
      const next = fill(); // the slab of `previous` is full and still has waiters
      for (const h of previous) {
        seen.add(h.params);
        expect(store.take(h)).toBe(text);
      }
      previous = next;
    }
    expect(seen.size).toBeLessThanOrEqual(3);
  });

  it("a failed call names its params even after megabytes of other calls went out", async () => {
    const calls = new AsyncCalls();
    const early = calls.register("send_group_msg", '{"group_id":7,"message":"早"}', 60_000, 1);
    const others = [];
    for (let i = 0; i < 3000; i += 1) {
      others.push(
        calls.register(
          "send_group_msg",
          `{"group_id":${i},"message":"${"m".repeat(400)}"}`,
          60_000,
          1,
        ),
      );
    }
    for (const other of others) {
      const echo = JSON.parse(other.frame).echo as string;
      calls.settle({ status: "ok", retcode: 0, data: null, echo }, echo);
    }
    const echo = JSON.parse(early.frame).echo as string;
    calls.settle({ status: "failed", retcode: 1200, message: "no", wording: "no", echo }, echo);
    const error = await early.promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionFailedError);
    expect((error as ActionFailedError).params).toEqual({ group_id: 7, message: "早" });
    expect(calls.size).toBe(0);
  });
});
