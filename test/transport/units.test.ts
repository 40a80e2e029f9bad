import { createHmac } from "node:crypto";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { verifySignature } from "../../src/transport/auth.js";
import { backoffDelay } from "../../src/transport/backoff.js";
import { redactUrl } from "../../src/transport/errors-explain.js";
import { TickCork } from "../../src/transport/tick-cork.js";

const policy = {
  initialDelayMs: 100,
  maxDelayMs: 1000,
  factor: 2,
  jitter: 0.5,
  maxAttempts: Number.POSITIVE_INFINITY,
};

describe("transport building blocks", () => {
  it("backoff grows, is capped and jittered", () => {
    expect(backoffDelay({ ...policy, jitter: 0 }, 1)).toBe(100);
    expect(backoffDelay({ ...policy, jitter: 0 }, 3)).toBe(400);
    expect(backoffDelay({ ...policy, jitter: 0 }, 30)).toBe(1000);
    expect(backoffDelay(policy, 1, () => 0)).toBe(50);
    expect(backoffDelay(policy, 30, () => 1)).toBe(1000);
  });

  it("verifies HTTP POST signatures and redacts tokens in URLs", () => {
    const body = Buffer.from('{"a":1}');
    const good = `sha1=${createHmac("sha1", "k").update(body).digest("hex")}`;
    expect(verifySignature("k", body, good)).toBe(true);
    expect(verifySignature("other", body, good)).toBe(false);
    expect(verifySignature("k", body, undefined)).toBe(false);
    expect(verifySignature("k", body, "sha1=zz")).toBe(false);
    expect(redactUrl("ws://h:1/?access_token=abc")).not.toContain("abc");
  });
});

describe("TickCork", () => {
  /** A writable that records each system-call-sized write it is asked to do. */
  function recorder(): { stream: Writable; writes: string[][] } {
    const writes: string[][] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        writes.push([chunk.toString()]);
        done();
      },
      writev(chunks, done) {
        writes.push(chunks.map((c) => String(c.chunk)));
        done();
      },
    });
    return { stream, writes };
  }

  it("sends what one tick wrote in a single write at the end of the tick", async () => {
    const { stream, writes } = recorder();
    const cork = new TickCork();
    cork.hold(stream);
    stream.write("a");
    cork.hold(stream);
    stream.write("b");
    stream.write("c");
    expect(writes).toEqual([]);
    await new Promise<void>((resolve) => process.nextTick(resolve));
    expect(writes).toEqual([["a", "b", "c"]]);
    stream.write("d");
    expect(writes).toEqual([["a", "b", "c"], ["d"]]);
  });

  it("flush() writes at once; holding another stream releases the first", () => {
    const first = recorder();
    const second = recorder();
    const cork = new TickCork();
    cork.hold(first.stream);
    first.stream.write("x");
    cork.flush();
    expect(first.writes).toEqual([["x"]]);
    cork.hold(first.stream);
    first.stream.write("y");
    cork.hold(second.stream);
    expect(first.writes).toEqual([["x"], ["y"]]);
    second.stream.write("z");
    expect(second.writes).toEqual([]);
    cork.flush();
    expect(second.writes).toEqual([["z"]]);
  });
});
