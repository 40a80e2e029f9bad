import { afterEach, describe, expect, it } from "vitest";
import { type FakeNapCat, startFakeNapCat } from "../../../src/testing/index.js";
import { RawClient } from "./raw-client.js";

let fake: FakeNapCat | undefined;
const clients: RawClient[] = [];

async function open(url: string, headers: Record<string, string> = {}): Promise<RawClient> {
  const client = await RawClient.open(url, headers);
  clients.push(client);
  return client;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await fake?.stop();
  fake = undefined;
});

describe("fake NapCat forward WebSocket", () => {
  it("rejects a missing or wrong token with a 1403 frame and closes", async () => {
    fake = await startFakeNapCat({ token: "s3cret", heartbeatIntervalMs: 0 });
    for (const headers of [{}, { Authorization: "Bearer wrong" }]) {
      const client = await open(fake.wsUrl, headers);
      const frame = await client.next(() => true);
      expect(frame).toMatchObject({ status: "failed", retcode: 1403 });
      expect(JSON.stringify(frame)).not.toContain("s3cret");
      await client.closed;
      expect(client.events()).toEqual([]);
    }
  });

  it("accepts the token by header or query and sends lifecycle.connect first", async () => {
    fake = await startFakeNapCat({ token: "s3cret", heartbeatIntervalMs: 0 });
    const byHeader = await open(fake.wsUrl, { Authorization: "Bearer s3cret" });
    const byQuery = await open(`${fake.wsUrl}/?access_token=s3cret`);
    for (const client of [byHeader, byQuery]) {
      const first = await client.next(() => true);
      expect(first).toMatchObject({
        post_type: "meta_event",
        meta_event_type: "lifecycle",
        sub_type: "connect",
        self_id: fake.selfId,
      });
      const info = await client.call("get_login_info");
      expect(info).toMatchObject({
        status: "ok",
        retcode: 0,
        data: { user_id: fake.selfId, nickname: "NapBot" },
      });
    }
  });

  it("sends heartbeats with status and interval", async () => {
    fake = await startFakeNapCat({ heartbeatIntervalMs: 50 });
    const client = await open(fake.wsUrl);
    const beat = await client.next((f) => f.meta_event_type === "heartbeat");
    expect(Object.keys(beat)).toEqual([
      "time",
      "self_id",
      "post_type",
      "meta_event_type",
      "status",
      "interval",
    ]);
    expect(beat).toMatchObject({ status: { online: true, good: true }, interval: 50 });
  });

  it("gives the /api path no lifecycle, no heartbeat and no events", async () => {
    fake = await startFakeNapCat({ heartbeatIntervalMs: 20 });
    const api = await open(fake.apiWsUrl);
    const universal = await open(fake.wsUrl);
    await fake.say({ text: "hello" });
    await universal.next((f) => f.post_type === "message");
    await universal.next((f) => f.meta_event_type === "heartbeat");
    const res = await api.call("get_status");
    expect(res).toMatchObject({ status: "ok", data: { online: true, good: true } });
    expect(api.events()).toEqual([]);
  });

  it("stores send_group_msg, answers get_msg and records the call", async () => {
    fake = await startFakeNapCat({ heartbeatIntervalMs: 0 });
    const client = await open(fake.wsUrl);
    const sent = await client.call("send_group_msg", {
      group_id: 736000003,
      message: [{ type: "text", data: { text: "hi [all]" } }],
    });
    expect(sent).toMatchObject({ status: "ok", retcode: 0, message: "", wording: "" });
    const messageId = (sent.data as { message_id: number }).message_id;
    expect(Number.isInteger(messageId) && messageId > 0 && messageId <= 0x7fffffff).toBe(true);
    const got = await client.call("get_msg", { message_id: String(messageId) });
    expect(got.data).toMatchObject({
      message_id: messageId,
      message_type: "group",
      group_id: 736000003,
      user_id: fake.selfId,
      raw_message: "hi &#91;all&#93;",
      message: [{ type: "text", data: { text: "hi [all]" } }],
      sender: { user_id: fake.selfId, role: "admin" },
    });
    // `calls` is reported asynchronously by the fake's worker: wait, then inspect.
    const getMsg = await fake.waitForCall("get_msg");
    expect(fake.calls.map((c) => c.action)).toEqual(["send_group_msg", "get_msg"]);
    expect(fake.calls[0]).toMatchObject({ transport: "ws", params: { group_id: 736000003 } });
    expect(getMsg).toBe(fake.calls[1]);
  });

  it("delete_msg emits group_recall and a second delete fails", async () => {
    fake = await startFakeNapCat({ heartbeatIntervalMs: 0 });
    const client = await open(fake.wsUrl);
    const said = await fake.say({ text: "oops" });
    const res = await client.call("delete_msg", { message_id: said.message_id });
    expect(res).toMatchObject({ status: "ok", retcode: 0, data: null });
    const recall = await client.next((f) => f.notice_type === "group_recall");
    expect(recall).toMatchObject({
      group_id: 736000003,
      user_id: said.user_id,
      operator_id: fake.selfId,
      message_id: said.message_id,
    });
    const again = await client.call("delete_msg", { message_id: said.message_id });
    expect(again).toMatchObject({ status: "failed", retcode: 1200 });
  });

  it("answers 1404 naming an unknown action, 1400 for bad params or JSON", async () => {
    fake = await startFakeNapCat({ heartbeatIntervalMs: 0 });
    const client = await open(fake.apiWsUrl);
    const unknown = await client.call("no_such_action_xyz");
    expect(unknown).toMatchObject({ status: "failed", retcode: 1404, data: null });
    expect(String(unknown.message)).toContain("no_such_action_xyz");
    const missing = await client.call("get_group_info", {});
    expect(missing).toMatchObject({ status: "failed", retcode: 1400 });
    expect(String(missing.message)).toContain("group_id");
    const badType = await client.call("set_group_ban", {
      group_id: 736000003,
      user_id: 1983000004,
      duration: "ten",
    });
    expect(badType).toMatchObject({ status: "failed", retcode: 1400 });
    const badEnum = await client.call("get_group_honor_info", {
      group_id: 736000003,
      type: "nope",
    });
    expect(badEnum).toMatchObject({ retcode: 1400 });
    client.sendRaw("{not json");
    const badJson = await client.next((f) => f.retcode === 1400 && f.echo === undefined);
    expect(badJson.status).toBe("failed");
    const empty = await client.call("send_private_msg", { user_id: 1572000002, message: [] });
    expect(empty).toMatchObject({
      status: "failed",
      retcode: 1200,
      message: "消息体无法解析, 请检查是否发送了不支持的消息类型",
    });
    const unknownSeg = await client.call("send_private_msg", {
      user_id: 1572000002,
      message: [{ type: "bogus", data: {} }],
    });
    expect(unknownSeg).toMatchObject({ status: "failed", message: "未知的消息类型：bogus" });
  });

  it("a NapCat action the fake does not implement answers 1404, never a fake success", async () => {
    fake = await startFakeNapCat({ heartbeatIntervalMs: 0 });
    const client = await open(fake.apiWsUrl);
    const res = await client.call("get_qun_album_list", { group_id: 736000003 });
    expect(res).toMatchObject({ status: "failed", retcode: 1404 });
    expect(String(res.message)).toContain("get_qun_album_list");
  });

  it("treats _async and _rate_limited as plain aliases", async () => {
    fake = await startFakeNapCat({ heartbeatIntervalMs: 0 });
    const client = await open(fake.apiWsUrl);
    const a = await client.call("send_private_msg_async", {
      user_id: 1572000002,
      message: "hello",
    });
    expect(a).toMatchObject({ status: "ok", retcode: 0 });
    const b = await client.call("get_group_list_rate_limited");
    expect((b.data as unknown[]).length).toBe(2);
    expect((await fake.waitForCall("send_private_msg")).action).toBe("send_private_msg_async");
  });
});
