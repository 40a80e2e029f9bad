/**
 * `startFakeNapCatInProcess()`: a NapCat that speaks OneBot 11 at the wire level
 * (forward WS, `/api` WS, HTTP API, SSE, HTTP POST, reverse WS) over an in-memory
 * QQ world, running on the calling thread. For bot and plugin tests; listens on
 * 127.0.0.1 only. `startFakeNapCat()` (./threaded.ts) runs this in a worker.
 *
 * @module
 */
import { failed } from "./errors.js";
import { buildMessage, heartbeatEvent, requestEvent, toEmittedEvent } from "./events.js";
import { Hub } from "./hub.js";
import { readOutgoing, toReceiveSegments } from "./message.js";
import { snapshotWorld } from "./snapshot.js";
import { startHttpPost } from "./transport/http-post.js";
import { startHttpServer } from "./transport/http-server.js";
import { startReverseWs } from "./transport/reverse-ws.js";
import { startWsServer } from "./transport/ws-server.js";
import type {
  FakeMessagePayload,
  FakeNapCatOptions,
  InProcessFakeNapCat,
  RequestFriendOptions,
  RequestGroupJoinOptions,
  SayOptions,
} from "./types.js";
import { DEFAULT_NICKNAME, DEFAULT_SELF_ID, World } from "./world.js";
import type { FakeGroup } from "./world-types.js";

function pickSpeaker(world: World, group: FakeGroup): number {
  const now = world.now();
  const others = [...group.members.values()].filter(
    (m) => m.user_id !== world.selfId && m.shut_up_timestamp <= now,
  );
  const speaker = others.find((m) => m.role === "member") ?? others[0];
  if (!speaker)
    throw new Error(
      `say(): group ${group.group_id} has no unmuted member besides the bot; pass user_id or add members to the world`,
    );
  return speaker.user_id;
}

function firstGroup(world: World, groupId: number | undefined): FakeGroup {
  if (groupId !== undefined) return world.requireGroup(groupId);
  const group = world.groups.values().next();
  if (group.done)
    throw new Error(
      "the fake world has no group: pass `world.groups` to startFakeNapCat or use private: true",
    );
  return group.value;
}

function say(hub: Hub, options: SayOptions): FakeMessagePayload {
  const { world } = hub;
  const source =
    options.message ??
    (options.text !== undefined ? [{ type: "text", data: { text: options.text } }] : undefined);
  if (source === undefined)
    throw new Error("say(): pass `text` (literal text) or `message` (CQ string or segments)");
  const outgoing = readOutgoing(source, false);
  if (options.private) {
    const userId = options.user_id ?? world.friends.values().next().value;
    if (userId === undefined)
      throw new Error("say({ private: true }): the world has no friend; pass user_id");
    const isFriend = world.friends.has(userId);
    const stored = buildMessage(world, {
      type: "private",
      userId,
      peerId: userId,
      segments: toReceiveSegments(outgoing, { isGroup: false, ids: world.ids }),
      self: false,
      privateSubType: isFriend ? "friend" : "group",
    });
    world.storeMessage(stored);
    hub.emit(stored.payload as FakeMessagePayload);
    return stored.payload as FakeMessagePayload;
  }
  const group = firstGroup(world, options.group_id);
  const userId = options.user_id ?? pickSpeaker(world, group);
  const member = world.requireMember(group.group_id, userId);
  if (member.shut_up_timestamp > world.now())
    throw failed(`say(): user ${userId} is muted in group ${group.group_id}`);
  const stored = buildMessage(world, {
    type: "group",
    userId,
    peerId: group.group_id,
    segments: toReceiveSegments(outgoing, { isGroup: true, ids: world.ids }),
    self: false,
  });
  world.storeMessage(stored);
  hub.emit(stored.payload as FakeMessagePayload);
  return stored.payload as FakeMessagePayload;
}

function ensureUser(world: World, userId: number, nickname: string | undefined): void {
  if (!world.users.has(userId))
    world.users.set(userId, {
      user_id: userId,
      nickname: nickname ?? `QQ用户${userId}`,
      sex: "unknown",
      age: 0,
      remark: "",
    });
}

/**
 * Starts a fake NapCat on the calling thread, on 127.0.0.1 (ports chosen by the
 * OS unless given), with the live `world` to read and change directly.
 *
 * For tests that never make Sync calls: a bot's `xxxSync` call blocks this
 * thread, so the fake could not answer it (the call would time out). Use
 * `startFakeNapCat()` (worker-backed) for those.
 *
 * @example
 * ```ts
 * import { startFakeNapCatInProcess } from "ncatbot/testing";
 * const fake = await startFakeNapCatInProcess({ token: "t" });
 * fake.world.groups.get(736000003)!.whole_ban = true;
 * const bot = new BotClient({ wsUri: fake.wsUrl, wsToken: "t" });
 * await bot.start();
 * await fake.say({ text: "ping" });
 * const call = await fake.waitForCall("send_group_msg");
 * await fake.stop();
 * ```
 */
export async function startFakeNapCatInProcess(
  options: FakeNapCatOptions = {},
): Promise<InProcessFakeNapCat> {
  const selfId = options.selfId ?? DEFAULT_SELF_ID;
  const world = new World(selfId, options.nickname ?? DEFAULT_NICKNAME, options.world);
  const hub = new Hub(world, options.reportSelfMessage ?? false, options.silentActions);
  const interval = options.heartbeatIntervalMs ?? 30_000;
  if (!Number.isFinite(interval) || interval < 0)
    throw new Error("heartbeatIntervalMs must be >= 0 (0 turns heartbeats off)");

  const wsServer = await startWsServer(hub, options.port ?? 0, options.token);
  const httpServer = await startHttpServer(hub, options.httpPort ?? 0, options.token).catch(
    async (error: unknown) => {
      await wsServer.close();
      throw error;
    },
  );
  const heartbeat =
    interval > 0
      ? setInterval(() => hub.emit(heartbeatEvent(world, interval)), interval)
      : undefined;
  const httpPost = options.httpPost ? startHttpPost(hub, options.httpPost) : undefined;
  const reverse = options.reverse ? startReverseWs(hub, options.reverse) : undefined;
  let stopped: Promise<void> | undefined;

  return {
    wsUrl: `ws://127.0.0.1:${wsServer.port}`,
    apiWsUrl: `ws://127.0.0.1:${wsServer.port}/api`,
    httpUrl: `http://127.0.0.1:${httpServer.port}`,
    selfId,
    calls: hub.calls,
    world,
    getWorld: async () => snapshotWorld(world),
    say: async (sayOptions = {}) => say(hub, sayOptions),
    requestFriend: async (o: RequestFriendOptions = {}) => {
      const userId = o.user_id ?? 1700000008;
      ensureUser(world, userId, o.nickname);
      const flag = world.nextFlag();
      const comment = o.comment ?? "";
      world.friendRequests.set(flag, { flag, user_id: userId, comment, time: world.now() });
      const event = requestEvent(world, "friend", { user_id: userId, comment, flag });
      hub.emit(event);
      return event;
    },
    requestGroupJoin: async (o: RequestGroupJoinOptions = {}) => {
      const group = firstGroup(world, o.group_id);
      const userId = o.user_id ?? 1700000008;
      ensureUser(world, userId, o.nickname);
      const flag = world.nextFlag();
      const comment = o.comment ?? "";
      world.groupRequests.set(flag, {
        flag,
        sub_type: "add",
        group_id: group.group_id,
        user_id: userId,
        comment,
        time: world.now(),
      });
      const event = requestEvent(world, "group", {
        group_id: group.group_id,
        user_id: userId,
        sub_type: "add",
        comment,
        flag,
      });
      hub.emit(event);
      return event;
    },
    emit: (event: object) => hub.emit(toEmittedEvent(event)),
    waitForCall: (match, timeoutMs) => hub.waitForCall(match, timeoutMs),
    clearCalls: () => hub.log.clear(),
    onCall: (listener) => hub.onCall(listener),
    onEvent: (listener) => hub.onEvent(listener),
    stop: () => {
      stopped ??= (async () => {
        if (heartbeat) clearInterval(heartbeat);
        hub.log.rejectWaiters("waitForCall: the fake NapCat was stopped");
        await Promise.all([reverse?.close(), httpPost?.close()]);
        await Promise.all([wsServer.close(), httpServer.close()]);
      })();
      return stopped;
    },
  };
}
