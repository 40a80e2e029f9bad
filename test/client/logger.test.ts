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
      expect(text).toContain("[redacted]");
      expect(text).toContain("123");
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
