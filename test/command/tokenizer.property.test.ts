/** Property tests of the command-line tokenizer and the argument parser. */
import fc from "fast-check";
import { quoteArg, tokenize } from "ncatbot";
import { describe, expect, it } from "vitest";
import { parseArgs, tokensOf } from "../../src/command/parse-args.js";
import { parseSpec } from "../../src/command/spec.js";

const noisy = fc.string({
  unit: fc.constantFrom("a", "中", " ", "\t", '"', "'", "“", "”", "\\", "-", "=", "\n", "x", "1"),
  maxLength: 60,
});

describe("tokenizer properties", () => {
  it("never throws on any input, and its offsets lie inside the text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), noisy), (text) => {
        for (const token of tokenize(text)) {
          expect(token.start).toBeGreaterThanOrEqual(0);
          expect(token.end).toBeLessThanOrEqual(text.length);
          expect(token.start).toBeLessThan(token.end);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("quoted arguments round-trip: tokenize(quoted words joined by spaces) gives the words back", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), noisy), { maxLength: 6 }), (words) => {
        const line = words.map(quoteArg).join(" ");
        expect(tokenize(line).map((t) => t.value)).toEqual(words);
      }),
      { numRuns: 2000 },
    );
  });

  it("the argument parser never throws anything but an ArgumentError", () => {
    const spec = parseSpec("cmd <a:int> [b:string] [-v|--verbose] [--n:number=1] [rest:rest]");
    fc.assert(
      fc.property(fc.oneof(fc.string(), noisy), (text) => {
        const segments = [{ type: "text" as const, data: { text } }];
        try {
          parseArgs(spec, segments, tokensOf(segments));
        } catch (error) {
          expect((error as Error).name).toBe("ArgumentError");
        }
      }),
      { numRuns: 1000 },
    );
  });
});
