/**
 * The event factories against the catalog (protocol/napcat/events.json): same
 * field sets and values for all 29 events, text / overrides handling, and dispatch
 * through `bot.handleEvent` to the right keys.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BotClient } from "../../../src/client/index.js";
import { type EventKey, eventKeysOf } from "../../../src/protocol/index.js";
import { EVENT_CATALOG_NAMES, type EventFactoryName, events } from "../../../src/testing/index.js";

interface CatalogEvent {
  name: string;
  example: Record<string, unknown>;
}

const catalog = JSON.parse(
  readFileSync(new URL("../../../protocol/napcat/events.json", import.meta.url), "utf8"),
) as CatalogEvent[];

/** Fields a factory changes on purpose: `time` is now; message ids are fresh per call. */
const VOLATILE = ["time", "message_id", "message_seq", "real_id"];

function withoutVolatile(payload: object, isMessage: boolean): Record<string, unknown> {
  const copy = { ...(payload as Record<string, unknown>) };
  for (const key of VOLATILE) if (key === "time" || isMessage) delete copy[key];
  return copy;
}

const names = Object.keys(EVENT_CATALOG_NAMES) as EventFactoryName[];

describe("event factories match the catalog", () => {
  it("there is one factory per catalog event (29)", () => {
    expect(catalog).toHaveLength(29);
    expect(names).toHaveLength(29);
    expect(new Set(Object.values(EVENT_CATALOG_NAMES))).toEqual(
      new Set(catalog.map((e) => e.name)),
    );
    expect(Object.keys(events).sort()).toEqual([...names].sort());
  });

  it.each(names)("%s: same fields, in the same order, with the example's values", (name) => {
    const entry = catalog.find((e) => e.name === EVENT_CATALOG_NAMES[name]);
    expect(entry, `catalog entry for ${name}`).toBeDefined();
    const example = (entry as CatalogEvent).example;
    const payload: Record<string, unknown> = { ...events[name]() };
    expect(Object.keys(payload)).toEqual(Object.keys(example));
    const isMessage = "message_id" in example && "message_seq" in example;
    expect(withoutVolatile(payload, isMessage)).toEqual(withoutVolatile(example, isMessage));
    expect(typeof payload.time).toBe("number");
  });

  it("every payload dispatches to the key its kind names", () => {
    const expected: Partial<Record<EventFactoryName, EventKey>> = {
      groupMessage: "message.group",
      privateMessage: "message.private.friend",
      groupMessageSent: "message_sent.group",
      poke: "notice.notify.poke",
      friendPoke: "notice.notify.poke",
      groupIncrease: "notice.group_increase.approve",
      groupDecrease: "notice.group_decrease.kick",
      friendRequest: "request.friend",
      groupRequest: "request.group.add",
      heartbeat: "meta_event.heartbeat",
      lifecycle: "meta_event.lifecycle.connect",
      onlineFileReceive: "notice.online_file_receive",
    };
    for (const name of names) {
      const keys = eventKeysOf(events[name]());
      expect(keys.length, `${name} matches some key`).toBeGreaterThanOrEqual(2);
      const want = expected[name];
      if (want) expect(keys.at(-1), name).toBe(want);
    }
  });
});

describe("message factories", () => {
  it("text becomes one text segment and a CQ-escaped raw_message", () => {
    const p = events.groupMessage({ text: "a [b] & c," });
    expect(p.message).toEqual([{ type: "text", data: { text: "a [b] & c," } }]);
    expect(p.raw_message).toBe("a &#91;b&#93; &amp; c,");
    expect(events.privateMessage("hi").raw_message).toBe("hi");
  });

  it("a CQ string is parsed into segments", () => {
    const p = events.groupMessage({ message: "[CQ:at,qq=2730000001] hi &#91;x&#93;" });
    expect(p.message).toEqual([
      { type: "at", data: { qq: "2730000001" } },
      { type: "text", data: { text: " hi [x]" } },
    ]);
    expect(p.raw_message).toBe("[CQ:at,qq=2730000001] hi &#91;x&#93;");
  });

  it("overrides deep-merge; user_id and message_id carry to their twins; undefined removes", () => {
    const p = events.groupMessage({
      text: "x",
      user_id: 42,
      message_id: 7,
      sender: { card: "Card" },
      overrides: { group_id: 99, target_id: undefined },
    });
    expect(p.user_id).toBe(42);
    expect(p.sender).toEqual({ user_id: 42, nickname: "Alice", card: "Card", role: "member" });
    expect([p.message_id, p.message_seq, p.real_id]).toEqual([7, 7, 7]);
    expect(p.group_id).toBe(99);
    const priv = events.privateMessage({ user_id: 5, overrides: { target_id: undefined } });
    expect("target_id" in priv).toBe(false);
    expect(events.privateMessage({ user_id: 5 }).target_id).toBe(5);
    expect(events.groupMessageSent({ group_id: 8 }).target_id).toBe(8);
  });

  it("fresh message ids per call; the catalog example itself is never changed", () => {
    const a = events.groupMessage("a");
    const b = events.groupMessage("b");
    expect(a.message_id).not.toBe(b.message_id);
    a.sender.nickname = "changed";
    expect(events.groupMessage().sender.nickname).toBe("Alice");
  });

  it("non-message factories take fields directly or under overrides", () => {
    expect(events.groupBan({ duration: 60, sub_type: "ban" }).duration).toBe(60);
    expect(events.groupUpload({ overrides: { file: { name: "a.txt" } } }).file).toEqual({
      id: "e3b0c44298fc1c149afbf4c8996fb924",
      name: "a.txt",
      size: 482133,
      busid: 102,
    });
  });
});

describe("factories with bot.handleEvent (no network)", () => {
  it("handlers receive typed event objects built from factory payloads", async () => {
    const bot = new BotClient({ configFile: false, logLevel: "silent" }, { env: {} });
    const seen: string[] = [];
    bot.onGroupMessage((e) => {
      seen.push(`group:${e.group_id}:${e.raw_message}`);
    });
    bot.on("notice.group_increase", (e) => {
      seen.push(`increase:${e.user_id}`);
    });
    bot.on("notice.notify.poke", (e) => {
      seen.push(`poke:${e.target_id}`);
    });
    bot.on("request.friend", (e) => {
      seen.push(`friend:${e.flag}`);
    });
    await bot.handleEvent(events.groupMessage({ text: "ping", group_id: 1 }));
    await bot.handleEvent(events.groupIncrease({ user_id: 2 }));
    await bot.handleEvent(events.poke({ target_id: 3 }));
    await bot.handleEvent(events.friendRequest({ flag: "f" }));
    expect(seen).toEqual(["group:1:ping", "increase:2", "poke:3", "friend:f"]);
    await bot.stop();
  });
});
