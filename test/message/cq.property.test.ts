import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  escapeCQParam,
  escapeCQText,
  MessageArray,
  parseCQ,
  toCQ,
  unescapeCQ,
} from "../../src/message/index.js";
import { SEGMENT_TYPES, type SendSegment } from "../../src/protocol/index.js";

const RUNS = 10_000;

/** Text rich in characters that matter to the codec. */
const trickyText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "[",
        "]",
        "&",
        ",",
        "=",
        "&#91;",
        "&#93;",
        "&#44;",
        "&amp;",
        "[CQ:",
        "[CQ:at,qq=all]",
        "]]",
        ":",
        " ",
      ),
      fc.string({ unit: "grapheme", maxLength: 4 }),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(""));

const key = fc.oneof(
  fc.stringMatching(/^\w{1,6}$/),
  fc.constantFrom("__proto__", "constructor", "text"),
);
const nonTextType = fc.constantFrom(...SEGMENT_TYPES.filter((t) => t !== "text"));

function dataOf(entries: readonly (readonly [string, string])[]): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [k, v] of entries) {
    Object.defineProperty(data, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return data;
}

const segment: fc.Arbitrary<SendSegment> = fc.oneof(
  trickyText.map((text): SendSegment => ({ type: "text", data: { text } })),
  fc
    .tuple(
      nonTextType,
      fc.uniqueArray(
        fc.tuple(
          key,
          trickyText.filter((v) => v !== ""),
        ),
        { selector: ([k]) => k, maxLength: 4 },
      ),
    )
    .map(([type, entries]) => ({ type, data: dataOf(entries) }) as SendSegment),
);

/** Drops empty text and merges adjacent text segments, as a CQ string cannot tell them apart. */
function normalise(segments: readonly SendSegment[]): SendSegment[] {
  const out: SendSegment[] = [];
  for (const s of segments) {
    if (s.type !== "text") {
      out.push(s);
      continue;
    }
    if (s.data.text === "") continue;
    const last = out[out.length - 1];
    if (last?.type === "text")
      out[out.length - 1] = { type: "text", data: { text: last.data.text + s.data.text } };
    else out.push(s);
  }
  return out;
}

describe("CQ codec properties", () => {
  it("parseCQ(toCQ(segments)) equals the segments (adjacent text merged)", () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segs) => {
        expect(parseCQ(toCQ(segs))).toEqual(normalise(segs));
      }),
      { numRuns: RUNS },
    );
  });

  it("unescapeCQ inverts escapeCQText and escapeCQParam", () => {
    fc.assert(
      fc.property(fc.oneof(trickyText, fc.string({ unit: "binary" })), (s) => {
        expect(unescapeCQ(escapeCQText(s))).toBe(s);
        expect(unescapeCQ(escapeCQParam(s))).toBe(s);
        expect(escapeCQParam(s)).not.toMatch(/[[\],]/);
        expect(escapeCQText(s)).not.toMatch(/[[\]]/);
      }),
      { numRuns: RUNS },
    );
  });

  it("user text never becomes a non-text segment", () => {
    fc.assert(
      fc.property(fc.oneof(trickyText, fc.string({ unit: "binary" })), (s) => {
        const msg = MessageArray.from(s);
        expect(msg.segments.every((x) => x.type === "text")).toBe(true);
        const reparsed = parseCQ(msg.toCQ());
        expect(reparsed.every((x) => x.type === "text")).toBe(true);
        expect(reparsed.map((x) => (x.type === "text" ? x.data.text : "")).join("")).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });

  it("parseCQ never throws and its text round-trips through toCQ", () => {
    fc.assert(
      fc.property(fc.oneof(trickyText, fc.string({ unit: "binary" })), (s) => {
        const segs = parseCQ(s);
        expect(parseCQ(toCQ(segs))).toEqual(segs);
      }),
      { numRuns: RUNS },
    );
  });
});
