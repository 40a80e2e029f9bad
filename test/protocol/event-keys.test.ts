import { describe, expect, it } from "vitest";
import { EVENT_KEYS, eventKeysOf } from "../../src/protocol/index.js";

const base = { time: 1, self_id: 2 };

describe("eventKeysOf", () => {
  it("returns the chain most general first", () => {
    expect(
      eventKeysOf({ ...base, post_type: "notice", notice_type: "notify", sub_type: "poke" }),
    ).toEqual(["notice", "notice.notify", "notice.notify.poke"]);
    expect(
      eventKeysOf({ ...base, post_type: "message", message_type: "group", sub_type: "normal" }),
    ).toEqual(["message", "message.group"]);
    expect(
      eventKeysOf({ ...base, post_type: "message", message_type: "private", sub_type: "group" }),
    ).toEqual(["message", "message.private", "message.private.group"]);
  });

  it("stops at the deepest known key for unknown detail or sub types", () => {
    expect(eventKeysOf({ ...base, post_type: "notice", notice_type: "brand_new" })).toEqual([
      "notice",
    ]);
    expect(
      eventKeysOf({ ...base, post_type: "notice", notice_type: "group_ban", sub_type: "x" }),
    ).toEqual(["notice", "notice.group_ban"]);
    expect(
      eventKeysOf({ ...base, post_type: "request", request_type: "friend", sub_type: 5 }),
    ).toEqual(["request", "request.friend"]);
  });

  it("returns nothing for unknown or missing post_type, without matching inherited names", () => {
    expect(eventKeysOf({ post_type: "weird" })).toEqual([]);
    expect(eventKeysOf({})).toEqual([]);
    expect(eventKeysOf({ post_type: "constructor" })).toEqual([]);
    expect(eventKeysOf({ post_type: "notice", notice_type: "toString" })).toEqual(["notice"]);
  });

  it("hands back the same frozen array each time (no per-event allocation)", () => {
    const event = { ...base, post_type: "meta_event", meta_event_type: "heartbeat" };
    const first = eventKeysOf(event);
    expect(eventKeysOf({ ...event })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it("reaches every key in EVENT_KEYS from some payload", () => {
    const detailField: Record<string, string> = {
      message: "message_type",
      message_sent: "message_type",
      notice: "notice_type",
      request: "request_type",
      meta_event: "meta_event_type",
    };
    for (const key of EVENT_KEYS) {
      const [post, detail, sub] = key.split(".");
      const payload: Record<string, unknown> = { post_type: post };
      if (detail) payload[detailField[post!]!] = detail;
      if (sub) payload.sub_type = sub;
      expect(eventKeysOf(payload).at(-1), key).toBe(key);
    }
  });
});
