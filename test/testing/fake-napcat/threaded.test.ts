/**
 * The worker-backed handle of `startFakeNapCat()`: options check, start
 * failures, errors across the thread, getWorld(), clearCalls() consistency,
 * reported events and a clean stop.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  FakeActionError,
  type FakeNapCat,
  type FakeNapCatOptions,
  startFakeNapCat,
  type WorldInit,
} from "../../../src/testing/index.js";
import { RawClient } from "./raw-client.js";

const fakes: FakeNapCat[] = [];
let client: RawClient | undefined;

afterEach(async () => {
  await client?.close();
  client = undefined;
  await Promise.all(fakes.splice(0).map((f) => f.stop()));
});

async function start(options: FakeNapCatOptions = {}): Promise<FakeNapCat> {
  const fake = await startFakeNapCat({ heartbeatIntervalMs: 0, ...options });
  fakes.push(fake);
  return fake;
}

/** Blocks this thread (like a bot's Sync call does) for `ms`. */
function blockThread(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

describe("startFakeNapCat() options", () => {
  it("rejects options that cannot cross threads, naming the path", async () => {
    const withFunction = {
      world: { friends: [{ user_id: 1, nickname: (() => "x") as unknown as string }] },
    };
    await expect(startFakeNapCat(withFunction)).rejects.toThrow(
      /options\.world\.friends\[0\]\.nickname is a function: .*worker thread/,
    );
    const withMap = { world: new Map() as unknown as WorldInit };
    await expect(startFakeNapCat(withMap)).rejects.toThrow(/options\.world is a Map/);
    await expect(startFakeNapCat(null as unknown as FakeNapCatOptions)).rejects.toThrow(
      /options must be an object/,
    );
  });

  it("reports start failures from the worker with the fake's own message", async () => {
    await expect(startFakeNapCat({ heartbeatIntervalMs: -1 })).rejects.toThrow(
      /heartbeatIntervalMs must be >= 0/,
    );
    const first = await start();
    const port = Number(new URL(first.wsUrl).port);
    await expect(start({ port })).rejects.toThrow(/EADDRINUSE|in use/i);
  });
});

describe("the worker-backed handle", () => {
  it("rethrows the fake's failures with their class, retcode and the caller's stack", async () => {
    const fake = await start();
    const error = await fake.say({ text: "x", group_id: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FakeActionError);
    expect(error).toMatchObject({
      retcode: 1200,
      message: expect.stringMatching(/group 1 not found/),
    });
    expect((error as Error).stack).toContain("threaded.test.ts");
    await expect(
      fake.say({ message: [{ type: "text", data: { text: () => 1 } }] } as never),
    ).rejects.toThrow(/say\(\) options\.message\[0\]\.data\.text is a function/);
  });

  it("getWorld() returns a plain-data snapshot of friends, groups, messages and requests", async () => {
    const fake = await start();
    const said = await fake.say({ text: "hello", user_id: 1983000004 });
    const request = await fake.requestFriend({
      user_id: 1800000009,
      nickname: "Frank",
      comment: "hi",
    });
    const world = await fake.getWorld();
    expect(world.selfId).toBe(fake.selfId);
    expect(world.friends.map((u) => u.nickname)).toEqual(["Alice", "Bob", "Carol"]);
    expect(world.strangers.map((u) => u.nickname).sort()).toEqual(["Dave", "Eve", "Frank"]);
    const dev = world.groups.find((g) => g.group_id === 736000003);
    expect(dev?.members.map((m) => [m.user_id, m.role])).toEqual([
      [1572000002, "owner"],
      [fake.selfId, "admin"],
      [1983000004, "member"],
      [1690000006, "member"],
    ]);
    expect(world.messages.map((m) => m.message_id)).toEqual([said.message_id]);
    expect(world.messages[0]?.likes).toEqual({});
    expect(world.friendRequests).toEqual([
      { flag: request.flag, user_id: 1800000009, comment: "hi", time: expect.any(Number) },
    ]);
    // A copy: changing it changes nothing in the fake.
    dev?.members.splice(0);
    expect((await fake.getWorld()).groups[0]?.members).toHaveLength(4);
  });

  it("reports calls in order, to listeners and waiters, with a predicate run here", async () => {
    const fake = await start();
    client = await RawClient.open(fake.apiWsUrl);
    const seen: string[] = [];
    const dispose = fake.onCall((c) => seen.push(c.action));
    const wanted = 736000007;
    const waiting = fake.waitForCall((c) => c.params.group_id === wanted);
    await client.call("get_group_info", { group_id: 736000003 });
    await client.call("get_group_info", { group_id: wanted });
    await expect(waiting).resolves.toMatchObject({ action: "get_group_info", transport: "ws-api" });
    dispose();
    await client.call("get_login_info");
    await fake.waitForCall("get_login_info");
    expect(seen).toEqual(["get_group_info", "get_group_info"]);
    expect(fake.calls.map((c) => c.params.group_id)).toEqual([736000003, wanted, undefined]);
    await expect(fake.waitForCall("get_friend_list", 50)).rejects.toThrow(
      /no action "get_friend_list" within 50 ms \(calls so far: get_group_info, get_group_info, get_login_info\)/,
    );
  });

  it("clearCalls() also forgets calls the worker recorded but had not reported yet", async () => {
    const fake = await start();
    client = await RawClient.open(fake.apiWsUrl);
    await client.call("get_status");
    await fake.waitForCall("get_status");
    const seen: string[] = [];
    fake.onCall((c) => seen.push(c.action));
    // Send a call, then block this thread while the worker records and reports it:
    // its report is still queued when clearCalls() runs.
    client.sendRaw(JSON.stringify({ action: "get_version_info", params: {}, echo: "old" }));
    blockThread(300);
    fake.clearCalls();
    expect(fake.calls).toEqual([]);
    await client.next((f) => f.echo === "old");
    await client.call("get_login_info");
    await fake.waitForCall("get_login_info");
    expect(fake.calls.map((c) => c.action)).toEqual(["get_login_info"]);
    expect(seen).toEqual(["get_login_info"]);
  });

  it("reports pushed events, validates emit() and forwards it", async () => {
    const fake = await start();
    client = await RawClient.open(fake.wsUrl);
    const events: Record<string, unknown>[] = [];
    fake.onEvent((e) => events.push(e));
    const said = await fake.say({ text: "hi" });
    expect(() => fake.emit({} as never)).toThrow(/string `post_type`/);
    expect(() =>
      fake.emit({ time: 1, self_id: 1, post_type: "notice", cb: () => 1 } as never),
    ).toThrow(/emit\(\) event\.cb is a function/);
    fake.emit({ time: 1, self_id: fake.selfId, post_type: "notice", notice_type: "custom" });
    await client.next((f) => f.notice_type === "custom");
    const last = await fake.getWorld().then(() => events);
    expect(last.map((e) => e.post_type)).toEqual(["message", "notice"]);
    expect(last[0]).toEqual(said);
  });

  it("stop() is idempotent, closes the servers and ends pending waits", async () => {
    const fake = await start();
    const pending = fake.waitForCall("send_like", 10_000).catch((e: unknown) => e);
    await Promise.all([fake.stop(), fake.stop()]);
    expect(await pending).toMatchObject({ message: expect.stringMatching(/stopped/) });
    await expect(fake.say({ text: "late" })).rejects.toThrow(/stopped; start a new fake/);
    await expect(RawClient.open(fake.wsUrl)).rejects.toThrow(/ECONNREFUSED/);
    expect(() =>
      fake.emit({ time: 1, self_id: 1, post_type: "notice", notice_type: "x" }),
    ).not.toThrow();
  });
});
