/**
 * parseCQ runs in linear time on hostile input (unclosed codes, half-written
 * parameters): the time for 16x the input stays near 16x the time, not 256x. The
 * ratio is measured between two sizes in the same run, never as an absolute time.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCQ } from "../../src/message/index.js";

/**
 * CPU time (not wall time: a busy machine deschedules the process, which inflates wall
 * time but not CPU time) of one parse, as the best of `rounds` batches of `reps` parses.
 */
function cpuPerParse(input: string, reps: number, rounds: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const before = process.cpuUsage();
    for (let i = 0; i < reps; i++) parseCQ(input);
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / reps);
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

// Big enough that the small input takes a measurable slice of CPU time;
// the ratio is of CPU time, which a busy machine does not inflate.
const SMALL = 32_000;
const FACTOR = 16;

describe("parseCQ is linear", () => {
  it("16x the hostile input costs far less than 256x the time (property over hostile units)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...HOSTILE),
        fc.constantFrom("", "x", "]", " text "),
        (unit, tail) => {
          const small = unit.repeat(Math.ceil(SMALL / unit.length)) + tail;
          const large = unit.repeat(Math.ceil((SMALL * FACTOR) / unit.length)) + tail;
          cpuPerParse(large, 1, 1); // warm up
          // The small input parsed FACTOR times as often, so both batches take similar time.
          const ratio = cpuPerParse(large, 2, 5) / Math.max(cpuPerParse(small, 2 * FACTOR, 5), 1);
          // Linear: ~16. Quadratic: ~256. 64 leaves room for a busy machine.
          expect(ratio, `${JSON.stringify(unit)} x ${FACTOR}`).toBeLessThan(FACTOR * 4);
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
