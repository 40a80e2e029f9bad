/** docs/testing.md must show test/e2e/docs-example.test.ts verbatim (imports as a user writes them). */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("docs/testing.md", () => {
  it("its full example is the docs-example test file", () => {
    const doc = readFileSync(new URL("../../../docs/testing.md", import.meta.url), "utf8");
    const example = readFileSync(
      new URL("../../e2e/docs-example.test.ts", import.meta.url),
      "utf8",
    );
    const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    const asUserWrites = example.replace('"../../src/testing/index.js"', '"ncatbot/testing"');
    expect(asUserWrites).not.toBe(example);
    expect(blocks).toContain(asUserWrites);
  });
});
