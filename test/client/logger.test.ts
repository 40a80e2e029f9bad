import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/client/logger.js";

function capture(format: "json" | "pretty") {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: createLogger({ level: "debug", format, destination }) };
}

describe("createLogger", () => {
  it.each(["json", "pretty"] as const)(
    "redacts tokens and secrets wherever they appear (%s)",
    (format) => {
      const { lines, log } = capture(format);
      log.info(
        {
          wsToken: "tok-1",
          token: "tok-2",
          connection: { token: "tok-3", secret: "sec-4" },
          headers: { authorization: "Bearer tok-5" },
          selfId: 123,
        },
        "connecting",
      );
      const text = lines.join("");
      for (const secret of ["tok-1", "tok-2", "tok-3", "sec-4", "tok-5"])
        expect(text).not.toContain(secret);
      expect(text).toContain("***");
      expect(text).toContain("123");
    },
  );

  it.each(["json", "pretty"] as const)(
    "masks secrets at any depth, in strings, URLs and errors (%s)",
    (format) => {
      const { lines, log } = capture(format);
      const deep: Record<string, unknown> = { token: "tok-deep" };
      let nested: Record<string, unknown> = deep;
      for (let i = 0; i < 12; i++) nested = { level: nested };
      const error = new TypeError("Invalid URL");
      Object.assign(error, { input: "ws://exa mple.com/?access_token=tok-url" });
      log.warn(
        {
          config: { connection: { token: "tok-a", events: { secret: "sec-b" } } },
          list: [{ auth: { Authorization: "Bearer tok-c" } }],
          url: "http://127.0.0.1:3000/?access_token=tok-d&x=1",
          nested,
          err: error,
        },
        "failed with Authorization: Bearer tok-e at ws://u:tok-f@host/?token=tok-g",
      );
      const text = lines.join("");
      for (const secret of [
        "tok-deep",
        "tok-a",
        "sec-b",
        "tok-c",
        "tok-d",
        "tok-e",
        "tok-f",
        "tok-g",
        "tok-url",
      ])
        expect(text).not.toContain(secret);
      expect(text).toContain("x=1");
      expect(text).toContain("Invalid URL");
    },
  );

  it("prints one readable line per record in pretty format, and respects the level", () => {
    const { lines, log } = capture("pretty");
    log.trace("hidden");
    log.warn({ retryInMs: 500 }, "connection to NapCat lost; reconnecting");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d WARN {2}\[ncatbot\] connection to NapCat lost; reconnecting retryInMs=500\n$/,
    );
  });
});
