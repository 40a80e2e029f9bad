import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createBotApi } from "../../src/api/index.js";
import { NcatBotError } from "../../src/errors.js";
import {
  createEvent,
  FriendRequestEvent,
  GroupIncreaseNoticeEvent,
  GroupMessageEvent,
  GroupRequestEvent,
  HeartbeatEvent,
  isGroupMessage,
  isMessage,
  isNotice,
  isPrivateMessage,
  isRequest,
  leafKeyOf,
  PokeNotifyEvent,
  PrivateMessageEvent,
  UnknownEvent,
} from "../../src/event/index.js";
import { MessageArray } from "../../src/message/index.js";
import type { EventPayload } from "../../src/protocol/index.js";
import { RecordingCaller } from "../api/fake-caller.js";

interface EventSpec {
  name: string;
  example: Record<string, unknown>;
}
const SPECS = JSON.parse(
  readFileSync(new URL("../../protocol/napcat/events.json", import.meta.url), "utf8"),
) as EventSpec[];

function example(name: string): EventPayload {
  const spec = SPECS.find((s) => s.name === name);
  if (!spec) throw new Error(`no example "${name}" in events.json`);
  return structuredClone(spec.example) as unknown as EventPayload;
}

function setup() {
  const caller = new RecordingCaller();
  const api = createBotApi(caller, { napcatIsLocal: true });
  return { caller, api };
}

describe("createEvent", () => {
  it("builds a known class (never UnknownEvent) for each of the 29 example payloads, fields under wire names", () => {
    const { api } = setup();
    expect(SPECS).toHaveLength(29);
    for (const spec of SPECS) {
      const e = createEvent(spec.example as unknown as EventPayload, api);
      expect(e, spec.name).not.toBeInstanceOf(UnknownEvent);
      for (const [field, value] of Object.entries(spec.example)) {
        if (field === "message") continue;
        expect(Reflect.get(e, field), `${spec.name}.${field}`).toEqual(value);
      }
    }
  });

  it("keys payloads by post_type, detail type and notify sub_type", () => {
    expect(leafKeyOf(example("group poke"))).toBe("notice.notify.poke");
    expect(leafKeyOf(example("group message"))).toBe("message.group");
    expect(leafKeyOf(example("self private message"))).toBe("message_sent.private");
    expect(leafKeyOf(example("heartbeat"))).toBe("meta_event.heartbeat");
    // Kinds NcatBot has no class for have no key (they become UnknownEvent).
    expect(leafKeyOf({ ...example("group message"), message_type: "guild" } as never)).toBe(
      undefined,
    );
    expect(leafKeyOf({ ...example("group poke"), sub_type: "new_notify" } as never)).toBe(
      undefined,
    );
    expect(leafKeyOf({ post_type: "notice" } as never)).toBe(undefined);
    expect(leafKeyOf({ post_type: "custom", notice_type: "x" } as never)).toBe(undefined);
  });

  it("an unknown kind becomes UnknownEvent with its fields", () => {
    const { api } = setup();
    const e = createEvent(
      { time: 1, self_id: 2, post_type: "notice", notice_type: "new_thing", x: 1 } as never,
      api,
    );
    expect(e).toBeInstanceOf(UnknownEvent);
    expect(e.post_type).toBe("notice");
    expect((e as UnknownEvent).x).toBe(1);
  });

  it("keeps `api` out of enumerable fields and parses `message` lazily into a MessageArray", () => {
    const { api } = setup();
    const e = createEvent(example("group message"), api);
    expect(Object.keys(e)).not.toContain("api");
    expect(JSON.parse(JSON.stringify(e)).raw_message).toBeTypeOf("string");
    if (!isGroupMessage(e)) throw new Error("expected a group message");
    expect(e.message).toBeInstanceOf(MessageArray);
    expect(e.message).toBe(e.message);
    expect(e.message.filter("at")).toHaveLength(1);
  });

  it("a string-format message is parsed from CQ code", () => {
    const { api } = setup();
    const payload = {
      ...example("private message"),
      message: "hi[CQ:face,id=14]",
      message_format: "string",
    };
    const e = createEvent(payload as never, api) as PrivateMessageEvent;
    expect(e.message.concatenateText()).toBe("hi");
    expect(e.message.filter("face")).toHaveLength(1);
  });

  it("type guards match the families", () => {
    const { api } = setup();
    const g = createEvent(example("group message"), api);
    const p = createEvent(example("private message"), api);
    const n = createEvent(example("group ban"), api);
    const r = createEvent(example("friend request"), api);
    expect([isGroupMessage(g), isPrivateMessage(g), isMessage(g), isNotice(g)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect([isPrivateMessage(p), isMessage(p), isRequest(p)]).toEqual([true, true, false]);
    expect([isNotice(n), isRequest(n), isMessage(n)]).toEqual([true, false, false]);
    expect([isRequest(r), isNotice(r)]).toEqual([true, false]);
    expect(createEvent(example("heartbeat"), api)).toBeInstanceOf(HeartbeatEvent);
  });
});

describe("GroupMessageEvent shortcuts", () => {
  it("reply quotes and @s the sender followed by a space by default", async () => {
    const { caller, api } = setup();
    const e = createEvent(example("group message"), api) as GroupMessageEvent;
    await expect(e.reply("pong")).resolves.toBe(4242);
    expect(caller.only()).toMatchObject({
      mode: "async",
      action: "send_group_msg",
      params: {
        group_id: 736000003,
        message: [
          { type: "reply", data: { id: 1847362951 } },
          { type: "at", data: { qq: 1572000002 } },
          { type: "text", data: { text: " pong" } },
        ],
      },
    });
  });

  it("replySync honours at/quote false and accepts options content", () => {
    const { caller, api } = setup();
    const e = createEvent(example("group message"), api) as GroupMessageEvent;
    expect(e.replySync({ text: "pong", face: 1 }, { at: false, quote: false })).toBe(4242);
    expect(caller.only()).toMatchObject({
      mode: "sync",
      params: {
        group_id: 736000003,
        message: [
          { type: "text", data: { text: "pong" } },
          { type: "face", data: { id: 1 } },
        ],
      },
    });
  });

  it("reply text is literal (no CQ parsing)", async () => {
    const { caller, api } = setup();
    const e = createEvent(example("group message"), api) as GroupMessageEvent;
    await e.reply("[CQ:at,qq=all]", { at: false, quote: false });
    expect(caller.only().params).toEqual({
      group_id: 736000003,
      message: [{ type: "text", data: { text: "[CQ:at,qq=all]" } }],
    });
  });

  it("delete, kick and ban send their actions with the event's ids (async and Sync)", async () => {
    const { caller, api } = setup();
    const e = createEvent(example("group message"), api) as GroupMessageEvent;
    await e.delete();
    e.deleteSync();
    await e.kick(true);
    e.kickSync();
    await e.ban(600);
    e.banSync();
    expect(caller.calls.map((c) => [c.mode, c.action, c.params])).toEqual([
      ["async", "delete_msg", { message_id: 1847362951 }],
      ["sync", "delete_msg", { message_id: 1847362951 }],
      [
        "async",
        "set_group_kick",
        { group_id: 736000003, user_id: 1572000002, reject_add_request: true },
      ],
      [
        "sync",
        "set_group_kick",
        { group_id: 736000003, user_id: 1572000002, reject_add_request: false },
      ],
      ["async", "set_group_ban", { group_id: 736000003, user_id: 1572000002, duration: 600 }],
      ["sync", "set_group_ban", { group_id: 736000003, user_id: 1572000002, duration: 60 }],
    ]);
  });

  it("an empty reply without quote/at sends nothing", async () => {
    const { caller, api } = setup();
    const e = createEvent(example("group message"), api) as GroupMessageEvent;
    await expect(e.reply("", { at: false, quote: false })).rejects.toThrow();
    expect(caller.calls).toEqual([]);
  });
});

describe("PrivateMessageEvent shortcuts", () => {
  it("reply sends to the user, quoting by default", async () => {
    const { caller, api } = setup();
    const e = createEvent(example("private message"), api) as PrivateMessageEvent;
    await e.reply("hi");
    e.replySync("hi", { quote: false });
    expect(caller.calls.map((c) => [c.mode, c.action, c.params])).toEqual([
      [
        "async",
        "send_private_msg",
        {
          user_id: 1572000002,
          message: [
            { type: "reply", data: { id: 1847362951 } },
            { type: "text", data: { text: "hi" } },
          ],
        },
      ],
      [
        "sync",
        "send_private_msg",
        { user_id: 1572000002, message: [{ type: "text", data: { text: "hi" } }] },
      ],
    ]);
    expect("kick" in e).toBe(false);
    expect("ban" in e).toBe(false);
  });
});

describe("requests and notices", () => {
  it("FriendRequestEvent approve/reject use set_friend_add_request with the flag", async () => {
    const { caller, api } = setup();
    const e = createEvent(example("friend request"), api) as FriendRequestEvent;
    await e.approve("dev friend");
    e.rejectSync();
    expect(caller.calls.map((c) => [c.mode, c.action, c.params])).toEqual([
      [
        "async",
        "set_friend_add_request",
        { flag: "1755155990", approve: true, remark: "dev friend" },
      ],
      ["sync", "set_friend_add_request", { flag: "1755155990", approve: false }],
    ]);
  });

  it("GroupRequestEvent approve/reject use set_group_add_request with the flag and reason", async () => {
    const { caller, api } = setup();
    const e = createEvent(example("group request / invitation"), api) as GroupRequestEvent;
    e.approveSync();
    await e.reject("no bots");
    expect(caller.calls.map((c) => [c.mode, c.action, c.params])).toEqual([
      ["sync", "set_group_add_request", { flag: "1755155990123456", approve: true }],
      [
        "async",
        "set_group_add_request",
        { flag: "1755155990123456", approve: false, reason: "no bots" },
      ],
    ]);
  });

  it("GroupIncreaseNoticeEvent.welcome @s the new member in the group", async () => {
    const { caller, api } = setup();
    const e = createEvent(example("group member increase"), api) as GroupIncreaseNoticeEvent;
    await e.welcome("welcome!");
    expect(caller.only().params).toEqual({
      group_id: 736000003,
      message: [
        { type: "at", data: { qq: 1983000004 } },
        { type: "text", data: { text: " welcome!" } },
      ],
    });
  });

  it("PokeNotifyEvent.reply answers in the group or privately", async () => {
    const { caller, api } = setup();
    const g = createEvent(example("group poke"), api) as PokeNotifyEvent;
    const f = createEvent(example("friend poke"), api) as PokeNotifyEvent;
    expect([g.isGroup, f.isGroup]).toEqual([true, false]);
    await g.reply("ouch");
    f.replySync("ouch");
    expect(caller.calls.map((c) => [c.action, c.params])).toEqual([
      [
        "send_group_msg",
        {
          group_id: 736000003,
          message: [
            { type: "at", data: { qq: 1572000002 } },
            { type: "text", data: { text: " ouch" } },
          ],
        },
      ],
      [
        "send_private_msg",
        { user_id: 1572000002, message: [{ type: "text", data: { text: "ouch" } }] },
      ],
    ]);
  });

  it("a shortcut missing its data throws a clear error and sends nothing", () => {
    const { caller, api } = setup();
    const payload = { ...example("friend poke") } as Record<string, unknown>;
    delete payload.user_id;
    const e = createEvent(payload as never, api) as PokeNotifyEvent;
    expect(() => e.replySync("x")).toThrow(NcatBotError);
    expect(() => e.replySync("x")).toThrow(/needs the event's "user_id"/);
    expect(caller.calls).toEqual([]);
  });
});

describe("event Sync twins", () => {
  it("every method on an event prototype has a Sync twin and vice versa", () => {
    const classes = [
      GroupMessageEvent,
      PrivateMessageEvent,
      FriendRequestEvent,
      GroupRequestEvent,
      PokeNotifyEvent,
      GroupIncreaseNoticeEvent,
    ];
    for (const C of classes) {
      const names = Object.getOwnPropertyNames(C.prototype).filter(
        (n) =>
          n !== "constructor" &&
          typeof Object.getOwnPropertyDescriptor(C.prototype, n)?.value === "function",
      );
      expect(names.length, C.name).toBeGreaterThan(0);
      for (const n of names) {
        const twin = n.endsWith("Sync") ? n.slice(0, -4) : `${n}Sync`;
        expect(names, `${C.name}.${twin}`).toContain(twin);
      }
    }
  });
});
