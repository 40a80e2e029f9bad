/**
 * docs/testing.md's sandbox example (`startSandbox({ setup })`) runs verbatim: the page
 * must contain docs/examples/sandbox-setup.ts, and importing it starts a sandbox whose
 * page answers, then stops it.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";

describe("docs/testing.md", () => {
  it("shows the sandbox example verbatim, and it runs", async () => {
    const page = readFileSync(new URL("../../docs/testing.md", import.meta.url), "utf8");
    const code = readFileSync(
      new URL("../../docs/examples/sandbox-setup.ts", import.meta.url),
      "utf8",
    ).trimEnd();
    expect(page).toContain(code);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import("../../docs/examples/sandbox-setup.js");
      expect(log).toHaveBeenCalledWith(
        expect.stringMatching(/^打开 http:\/\/127\.0\.0\.1:\d+\/ 和机器人聊天$/),
      );
    } finally {
      log.mockRestore();
    }
  }, 30_000);
});
