/**
 * parseCQ runs in linear time on hostile input (unclosed codes, half-written
 * parameters): the time for 8x the input stays near 8x the time, not 64x. The
 * ratio is measured between two sizes in the same run, never as an absolute time.
 */
import { performance } from "node:perf_hooks";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCQ } from "../../src/message/index.js";

/** The fastest of `rounds` runs (the least disturbed by a busy machine). */
function bestTime(input: string, rounds: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    parseCQ(input);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** Hostile units: repeated, none of them ever closes into a complete code. */
const HOSTILE = [
  "[CQ:at,qq=",
  "[CQ:at",
  "[CQ:at,",
  "[CQ:at,qq",
  "[CQ:face,id=1,",
  "[CQ:[CQ:",
  "[CQ:image,file=a[CQ:at,qq=",
];

const SMALL = 16_000;
const FACTOR = 8;

describe("parseCQ is linear", () => {
  it("8x the hostile input costs far less than 64x the time (property over hostile units)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...HOSTILE),
        fc.constantFrom("", "x", "]", " text "),
        (unit, tail) => {
          const small = unit.repeat(Math.ceil(SMALL / unit.length)) + tail;
          const large = unit.repeat(Math.ceil((SMALL * FACTOR) / unit.length)) + tail;
          bestTime(large, 1); // warm up
          const ratio = bestTime(large, 5) / Math.max(bestTime(small, 5), 0.05);
          // Linear: ~8. Quadratic: ~64. 24 leaves room for a busy machine.
          expect(ratio).toBeLessThan(FACTOR * 3);
        },
      ),
      { numRuns: 12, seed: 12 },
    );
  });

  it("a 200 KB unclosed message parses quickly and stays literal text", () => {
    const input = "[CQ:at,qq=".repeat(20_000);
    const segments = parseCQ(input);
    expect(segments).toEqual([{ type: "text", data: { text: input } }]);
  });

  it("a code after many unclosed ones is still found", () => {
    const input = `${"[CQ:at,qq=1 ".repeat(1000)}]x[CQ:face,id=14]`;
    const segments = parseCQ(input);
    expect(segments.at(-1)).toEqual({ type: "face", data: { id: "14" } });
  });
});
