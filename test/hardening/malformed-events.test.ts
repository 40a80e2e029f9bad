/**
 * Issue 12: a malformed `message` never throws into dispatch (every handler runs,
 * one warning per event), and wire keys `__proto__` / `constructor` / `prototype`
 * never replace an event's prototype.
 */
import { describe, expect, it } from "vitest";
import { BotClient } from "../../src/client/bot-client.js";
import { GroupMessageEvent, PrivateMessageEvent } from "../../src/event/index.js";
import type { MessageArray } from "../../src/message/index.js";
import { capturingLogger, groupMessage } from "./hostile-napcat.js";

function bot() {
  const { lines, logger } = capturingLogger("info");
  return { lines, bot: new BotClient({ configFile: false }, { logger, env: {} }) };
}

const MALFORMED: unknown[] = [
  null,
  5,
  true,
  {},
  { type: "text" },
  [null],
  [5, "x"],
  [{ data: { text: "no type" } }],
  [{ type: 1, data: {} }],
  [{ type: "text", data: null }],
  [{ type: "image" }],
  [[{ type: "text", data: { text: "nested" } }]],
  [{ type: "text", data: { text: "ok" } }, null, { type: "at", data: { qq: "1" } }],
];

describe("malformed message", () => {
  it("every one of 20 handlers runs for every malformed message, with one warning each", async () => {
    const { bot: b, lines } = bot();
    const ran = new Array<number>(20).fill(0);
    for (let i = 0; i < 20; i++) {
      const handler = (e: GroupMessageEvent) => {
        // What handlers commonly do with a message: none of it may throw.
        e.message.filter("at");
        e.message.concatenateText();
        e.message.isUserAt(1);
        e.message.toCQ();
        for (const s of e.message) void s.type;
        ran[i] = (ran[i] ?? 0) + 1;
      };
      if (i % 4 === 0) b.onGroupMessage(handler, { filter: "image" });
      else if (i % 4 === 1) b.onGroupMessage(handler, { filter: ["at", "text"] });
      else if (i % 4 === 2) b.on("message", handler as never);
      else b.onGroupMessage(handler);
    }
    for (const message of MALFORMED) await b.handleEvent(groupMessage("x", { message }));
    // Filtered handlers run when the repaired message matches; the rest every time.
    for (let i = 0; i < 20; i++) if (i % 4 >= 2) expect(ran[i]).toBe(MALFORMED.length);
    expect(ran.every((n) => n > 0)).toBe(true);
    const warnings = lines.filter((l) => String(l.msg).includes("wrong shape"));
    expect(warnings).toHaveLength(MALFORMED.length);
    expect(lines.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it("keeps the readable segments of a partly malformed message", async () => {
    const { bot: b } = bot();
    let got: MessageArray | undefined;
    b.onGroupMessage((e) => {
      got = e.message;
    });
    await b.handleEvent(
      groupMessage("x", {
        message: [{ type: "text", data: { text: "hi" } }, null, { type: "at" }],
      }),
    );
    expect(got?.segments).toEqual([
      { type: "text", data: { text: "hi" } },
      { type: "at", data: {} },
    ]);
  });

  it("a well-formed message logs nothing and is not copied", async () => {
    const { bot: b, lines } = bot();
    const payload = groupMessage("hello");
    let segments: unknown;
    b.onGroupMessage((e) => {
      segments = e.message.segments;
    });
    await b.handleEvent(payload);
    expect(segments).toBe(payload.message);
    expect(lines).toEqual([]);
  });
});

describe("prototype keys from the wire", () => {
  it("an event with __proto__ / constructor / prototype keeps its class and shortcuts (10 of 10)", async () => {
    const { bot: b } = bot();
    const seen: unknown[] = [];
    b.on("message", (e) => {
      seen.push(e);
    });
    const base = JSON.stringify(groupMessage("x"));
    for (let i = 0; i < 10; i++) {
      const text = base.replace(
        /^\{/,
        `{"__proto__":{"reply":${i},"polluted":true},"constructor":{"name":"Evil"},"prototype":{},`,
      );
      await b.handleEvent(text); // JSON text: JSON.parse makes __proto__ an own key
    }
    const privateText = JSON.stringify({ ...groupMessage("x"), message_type: "private" }).replace(
      /^\{/,
      '{"__proto__":null,',
    );
    await b.handleEvent(privateText);
    expect(seen).toHaveLength(11);
    for (const e of seen.slice(0, 10)) {
      expect(e).toBeInstanceOf(GroupMessageEvent);
      expect(typeof (e as GroupMessageEvent).reply).toBe("function");
      expect((e as GroupMessageEvent).constructor).toBe(GroupMessageEvent);
      expect((e as Record<string, unknown>).polluted).toBeUndefined();
      expect((e as GroupMessageEvent).group_id).toBe(736000001);
    }
    expect(seen[10]).toBeInstanceOf(PrivateMessageEvent);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
