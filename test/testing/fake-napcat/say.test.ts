import { afterEach, describe, expect, it } from "vitest";
import type { EventPayload, GroupIncreaseNoticePayload } from "../../../src/protocol/index.js";
import {
  events,
  type FakeNapCat,
  startFakeNapCat,
  startFakeNapCatInProcess,
} from "../../../src/testing/index.js";
import { RawClient } from "./raw-client.js";

let fake: FakeNapCat | undefined;
let client: RawClient | undefined;

afterEach(async () => {
  await client?.close();
  await fake?.stop();
  fake = undefined;
  client = undefined;
});

describe("fake.say()", () => {
  it("produces a NapCat group message event on the wire", async () => {
    fake = await startFakeNapCat({ heartbeatIntervalMs: 0 });
    client = await RawClient.open(fake.wsUrl);
    const payload = await fake.say({ text: "a&b [CQ:at,qq=all], y" });
    const frame = await client.next((f) => f.post_type === "message");
    expect(frame).toEqual(payload);
    expect(frame).toMatchObject({
      self_id: 2730000001,
      user_id: 1983000004,
      message_type: "group",
      sub_type: "normal",
      group_id: 736000003,
      group_name: "Bot Dev Group",
      font: 14,
      message_format: "array",
      sender: { user_id: 1983000004, nickname: "Bob", card: "", role: "member" },
      message: [{ type: "text", data: { text: "a&b [CQ:at,qq=all], y" } }],
      raw_message: "a&amp;b &#91;CQ:at,qq=all&#93;, y",
    });
    expect(frame.message_id).toBe(frame.real_id);
    expect(typeof frame.real_seq).toBe("string");
  });

  it("parses `message` CQ strings, escapes params, and supports private chats", async () => {
    fake = await startFakeNapCat({ heartbeatIntervalMs: 0 });
    const group = await fake.say({
      message: "[CQ:at,qq=2730000001] [CQ:image,file=https://ex.com/a.png?x=1&#44;2]",
      user_id: 1572000002,
    });
    expect(group.message).toEqual([
      { type: "at", data: { qq: "2730000001" } },
      { type: "text", data: { text: " " } },
      {
        type: "image",
        data: {
          summary: "",
          file: "a.png",
          sub_type: 0,
          url: "https://ex.com/a.png?x=1,2",
          file_size: "0",
        },
      },
    ]);
    expect(group.raw_message).toBe(
      "[CQ:at,qq=2730000001] [CQ:image,file=a.png,sub_type=0,url=https://ex.com/a.png?x=1&#44;2,file_size=0]",
    );
    expect(group.sender.role).toBe("owner");
    const priv = await fake.say({ text: "hi bot", private: true });
    expect(priv).toMatchObject({
      message_type: "private",
      sub_type: "friend",
      user_id: 1572000002,
      target_id: 1572000002,
      sender: { nickname: "Alice", card: "" },
    });
    expect(priv.sender).not.toHaveProperty("role");
    const world = await fake.getWorld();
    const history = world.messages.filter(
      (m) => m.message_type === "private" && m.peer_id === 1572000002,
    );
    expect(history.map((m) => m.message_id)).toEqual([priv.message_id]);
  });

  it("rejects bad input with a clear message", async () => {
    fake = await startFakeNapCat({ heartbeatIntervalMs: 0 });
    await expect(fake.say({})).rejects.toThrow(/pass `text`/);
    await expect(fake.say({ text: "x", group_id: 1 })).rejects.toThrow(/group 1 not found/);
    await expect(fake.say({ text: "x", user_id: 1650000005 })).rejects.toThrow(/not a member/);
  });

  it("answers history, forward and info lookups from the world", async () => {
    fake = await startFakeNapCat({ heartbeatIntervalMs: 0 });
    client = await RawClient.open(fake.apiWsUrl);
    const a = await fake.say({ text: "one" });
    const b = await fake.say({ text: "two" });
    const hist = await client.call("get_group_msg_history", { group_id: 736000003, count: 1 });
    expect(
      (hist.data as { messages: { message_id: number }[] }).messages.map((m) => m.message_id),
    ).toEqual([b.message_id]);
    const fwd = await client.call("send_group_forward_msg", {
      group_id: 736000003,
      messages: [
        { type: "node", data: { id: String(a.message_id) } },
        { type: "node", data: { user_id: 1572000002, nickname: "Alice", content: "inner" } },
      ],
    });
    const fwdData = fwd.data as { message_id: number; res_id: string };
    expect(typeof fwdData.res_id).toBe("string");
    const got = await client.call("get_forward_msg", { id: fwdData.res_id });
    const messages = (
      got.data as { messages: { raw_message: string; sender: { nickname: string } }[] }
    ).messages;
    expect(messages.map((m) => m.raw_message)).toEqual(["one", "inner"]);
    const members = await client.call("get_group_member_list", { group_id: "736000003" });
    expect((members.data as { role: string }[]).map((m) => m.role).sort()).toEqual([
      "admin",
      "member",
      "member",
      "owner",
    ]);
    const guild = await client.call("get_guild_service_profile");
    expect(guild).toMatchObject({ status: "ok", data: null });
    const notAdmin = await client.call("set_group_kick", {
      group_id: 736000003,
      user_id: 1572000002,
    });
    expect(notAdmin).toMatchObject({ status: "failed", retcode: 1200 });
  });
});

describe("settings actions", () => {
  it("store what they set and refuse when the bot is not an admin", async () => {
    // In-process: this test changes the live world directly.
    const local = await startFakeNapCatInProcess({ heartbeatIntervalMs: 0 });
    fake = local;
    client = await RawClient.open(fake.apiWsUrl);
    const ok = await client.call("set_group_search", {
      group_id: 736000007,
      no_code_finger_open: 1,
    });
    expect(ok).toMatchObject({ status: "ok", data: null });
    expect(local.world.groups.get(736000007)?.settings).toEqual({ no_code_finger_open: 1 });
    const longnick = await client.call("set_self_longnick", { longNick: "hello" });
    expect(longnick.status).toBe("ok");
    expect(local.world.profile.longNick).toBe("hello");
    const missing = await client.call("set_self_longnick", {});
    expect(missing).toMatchObject({ retcode: 1400 });
    const memberOnly = local.world.groups.get(736000003)?.members.get(fake.selfId);
    if (memberOnly) memberOnly.role = "member";
    const refused = await client.call("set_group_add_option", { group_id: 736000003, add_type: 1 });
    expect(refused).toMatchObject({ status: "failed", retcode: 1200 });
  });
});

const modes = [
  ["worker-backed", startFakeNapCat],
  ["in-process", startFakeNapCatInProcess],
] as const;

// fake.emit() on both fakes: protocol payloads and factory results go in without
// casts and reach a client unchanged; no string post_type is refused at once.
describe.each(modes)("emit() on the %s fake", (_, start) => {
  it("takes a protocol payload and a factory result as they are", async () => {
    fake = await start({ heartbeatIntervalMs: 0 });
    client = await RawClient.open(fake.wsUrl);
    const increase: GroupIncreaseNoticePayload = events.groupIncrease({ user_id: 1700000008 });
    const asUnion: EventPayload = events.poke({ target_id: fake.selfId });
    fake.emit(increase);
    fake.emit(asUnion);
    expect(await client.next((f) => f.notice_type === "group_increase")).toEqual(increase);
    expect(await client.next((f) => f.sub_type === "poke")).toEqual(asUnion);
  });

  it("refuses an object without a string post_type, saying what to pass", async () => {
    fake = await start({ heartbeatIntervalMs: 0 });
    const message = /emit\(\): pass an event object with a string `post_type`/;
    expect(() => fake?.emit({})).toThrow(message);
    expect(() => fake?.emit({ post_type: 1 })).toThrow(message);
    expect(() => fake?.emit(null as unknown as object)).toThrow(message);
  });
});
