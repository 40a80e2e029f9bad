import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeNapCat, startFakeNapCat } from "../../../src/testing/index.js";
import { type Frame, RawClient } from "./raw-client.js";

interface EventDoc {
  name: string;
  example: Frame;
}

const docs = JSON.parse(
  readFileSync(new URL("../../../protocol/napcat/events.json", import.meta.url), "utf8"),
) as EventDoc[];
const example = (name: string): Frame => {
  const doc = docs.find((d) => d.name === name);
  if (!doc) throw new Error(`events.json has no event named ${name}`);
  return doc.example;
};

const GROUP = 736000003;
const OWNED = 736000007;
const ALICE = 1572000002;
const BOB = 1983000004;

let fake: FakeNapCat;
let client: RawClient;

beforeAll(async () => {
  fake = await startFakeNapCat({ heartbeatIntervalMs: 30, reportSelfMessage: true });
  client = await RawClient.open(fake.wsUrl);
});

afterAll(async () => {
  await client.close();
  await fake.stop();
});

type Trigger = () => Promise<(f: Frame) => boolean>;

const call = async (action: string, params: Frame = {}): Promise<Frame> => {
  const res = await client.call(action, params);
  if (res.status !== "ok") throw new Error(`${action} failed: ${JSON.stringify(res)}`);
  return res;
};

/** Every event the fake emits by itself, how to trigger it, and how to spot it. */
const table: [string, Trigger][] = [
  ["lifecycle", async () => (f) => f.meta_event_type === "lifecycle"],
  ["heartbeat", async () => (f) => f.meta_event_type === "heartbeat"],
  [
    "group message",
    async () => {
      const said = await fake.say({ message: "[CQ:at,qq=2730000001] hello &#91;world&#93;" });
      return (f) => f.post_type === "message" && f.message_id === said.message_id;
    },
  ],
  [
    "private message",
    async () => {
      const said = await fake.say({ text: "hi bot", private: true });
      return (f) => f.post_type === "message" && f.message_id === said.message_id;
    },
  ],
  [
    "self group message",
    async () => {
      await call("send_group_msg", { group_id: GROUP, message: "pong" });
      return (f) => f.post_type === "message_sent" && f.message_type === "group";
    },
  ],
  [
    "self private message",
    async () => {
      await call("send_private_msg", { user_id: ALICE, message: "hello Alice" });
      return (f) => f.post_type === "message_sent" && f.message_type === "private";
    },
  ],
  [
    "group file upload",
    async () => {
      await call("upload_group_file", {
        group_id: GROUP,
        file: "/tmp/report.pdf",
        name: "report.pdf",
      });
      return (f) => f.notice_type === "group_upload";
    },
  ],
  [
    "group admin change",
    async () => {
      await call("set_group_admin", { group_id: OWNED, user_id: BOB, enable: true });
      return (f) => f.notice_type === "group_admin";
    },
  ],
  [
    "group member decrease",
    async () => {
      await call("set_group_kick", { group_id: GROUP, user_id: 1690000006 });
      return (f) => f.notice_type === "group_decrease";
    },
  ],
  [
    "group member increase",
    async () => {
      const req = await fake.requestGroupJoin({
        group_id: GROUP,
        user_id: 1700000008,
        comment: "let me in",
      });
      await call("set_group_add_request", { flag: req.flag, approve: true });
      return (f) => f.notice_type === "group_increase";
    },
  ],
  [
    "group ban",
    async () => {
      await call("set_group_ban", { group_id: GROUP, user_id: BOB, duration: 600 });
      return (f) => f.notice_type === "group_ban" && f.user_id === BOB;
    },
  ],
  [
    "friend added",
    async () => {
      const req = await fake.requestFriend({ user_id: 1800000009, comment: "hi" });
      await call("set_friend_add_request", { flag: req.flag, approve: "true" });
      return (f) => f.notice_type === "friend_add";
    },
  ],
  [
    "group recall",
    async () => {
      const said = await fake.say({ text: "to recall", group_id: OWNED, user_id: 1650000005 });
      await call("delete_msg", { message_id: said.message_id });
      return (f) => f.notice_type === "group_recall";
    },
  ],
  [
    "friend recall",
    async () => {
      const said = await fake.say({ text: "to recall", private: true, user_id: BOB });
      await call("delete_msg", { message_id: said.message_id });
      return (f) => f.notice_type === "friend_recall";
    },
  ],
  [
    "group poke",
    async () => {
      await call("group_poke", { group_id: GROUP, user_id: ALICE });
      return (f) => f.sub_type === "poke" && "group_id" in f;
    },
  ],
  [
    "friend poke",
    async () => {
      await call("friend_poke", { user_id: ALICE });
      return (f) => f.sub_type === "poke" && !("group_id" in f);
    },
  ],
  [
    "group name change",
    async () => {
      await call("set_group_name", { group_id: GROUP, group_name: "Bot Dev Group 2" });
      return (f) => f.sub_type === "group_name";
    },
  ],
  [
    "member title change",
    async () => {
      await call("set_group_special_title", {
        group_id: OWNED,
        user_id: ALICE,
        special_title: "Core Maintainer",
      });
      return (f) => f.sub_type === "title";
    },
  ],
  [
    "group card change",
    async () => {
      await call("set_group_card", { group_id: GROUP, user_id: BOB, card: "Bob (qa)" });
      return (f) => f.notice_type === "group_card";
    },
  ],
  [
    "essence message",
    async () => {
      const said = await fake.say({ text: "essential", user_id: ALICE });
      await call("set_essence_msg", { message_id: said.message_id });
      return (f) => f.notice_type === "essence";
    },
  ],
  [
    "group message reaction",
    async () => {
      const said = await fake.say({ text: "react to me", user_id: 1700000008 });
      await call("set_msg_emoji_like", { message_id: said.message_id, emoji_id: 76 });
      return (f) => f.notice_type === "group_msg_emoji_like";
    },
  ],
  [
    "friend request",
    async () => {
      await fake.requestFriend({ user_id: 1810000010, comment: "Hi, from the dev group" });
      return (f) => f.request_type === "friend";
    },
  ],
  [
    "group request / invitation",
    async () => {
      await fake.requestGroupJoin({ user_id: 1820000011, comment: "hello" });
      return (f) => f.request_type === "group";
    },
  ],
];

function shape(frame: Frame): [string, string][] {
  return Object.entries(frame).map(([k, v]) => [
    k,
    Array.isArray(v) ? "array" : v === null ? "null" : typeof v,
  ]);
}

describe("events the fake emits match events.json field for field", () => {
  it.each(table)("%s", async (name, trigger) => {
    const match = await trigger();
    const frame = await client.next(match);
    expect(shape(frame)).toEqual(shape(example(name)));
    expect(frame.self_id).toBe(fake.selfId);
  });

  it("covers every event type the fake can produce on its own", () => {
    const notEmitted = [
      "profile like",
      "input status",
      "unknown gray tip",
      "bot offline",
      "online file: peer cancelled",
      "online file: send result",
    ];
    const covered = new Set(table.map(([name]) => name));
    const missing = docs
      .map((d) => d.name)
      .filter((n) => !covered.has(n) && !notEmitted.includes(n));
    expect(missing).toEqual([]);
  });

  it("emit() pushes any raw event unchanged", async () => {
    const raw = example("bot offline");
    fake.emit({ ...raw, time: 1, self_id: fake.selfId, post_type: "notice" });
    const frame = await client.next((f) => f.notice_type === "bot_offline");
    expect(frame).toEqual({ ...raw, time: 1, self_id: fake.selfId });
  });
});
