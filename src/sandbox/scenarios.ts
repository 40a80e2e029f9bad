/**
 * What the page's users can do besides talking: poke the bot, join or leave a
 * group, recall a message, ask to be a friend or to join a group. Each changes
 * the fake's world the way QQ would and emits the event NapCat would report
 * (payload shapes from protocol/napcat/events.json).
 *
 * @module
 */
import { noticeEvent } from "../testing/fake-napcat/events.js";
import type { InProcessFakeNapCat as FakeNapCat } from "../testing/fake-napcat/types.js";
import type { ChatRef } from "./protocol.js";

type World = FakeNapCat["world"];

/** A user action the page asked for that cannot happen; the message is shown on the page. */
export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
}

const NEWCOMER_BASE = 1_800_000_000;

function requireInGroup(world: World, groupId: number, userId: number): void {
  const group = world.groups.get(groupId);
  if (!group) throw new ScenarioError(`群 ${groupId} 不存在`);
  if (!group.members.has(userId)) throw new ScenarioError(`${userId} 不是群 ${groupId} 的成员`);
}

/** NapCat's `raw_info` of a poke (the gray tip's parts). */
function pokeRawInfo(from: number, to: number): unknown[] {
  return [
    { col: "1", nm: "", type: "qq", uid: `u_sandbox${from}` },
    { txt: "戳了戳", type: "nor" },
    { col: "1", nm: "", tp: "0", type: "qq", uid: `u_sandbox${to}` },
  ];
}

/** `user` pokes the bot in `chat` (`notice.notify.poke`, group or friend form). */
export function pokeBot(fake: FakeNapCat, chat: ChatRef, user: number): void {
  const world = fake.world;
  const self = world.selfId;
  if (chat.type === "group") {
    requireInGroup(world, chat.id, user);
    fake.emit(
      noticeEvent(world, "notify", {
        sub_type: "poke",
        target_id: self,
        user_id: user,
        group_id: chat.id,
        raw_info: pokeRawInfo(user, self),
      }),
    );
  } else {
    if (!world.friends.has(chat.id)) throw new ScenarioError(`${chat.id} 不是机器人的好友`);
    fake.emit(
      noticeEvent(world, "notify", {
        sub_type: "poke",
        target_id: self,
        user_id: chat.id,
        sender_id: chat.id,
        raw_info: pokeRawInfo(chat.id, self),
      }),
    );
  }
}

/** A user who is not in `groupId` (and, with `notFriend`, not a friend): a known stranger, else a new one. */
export function pickOutsider(
  world: World,
  groupId: number | undefined,
  notFriend: boolean,
): { user_id: number; nickname: string } {
  const group = groupId === undefined ? undefined : world.groups.get(groupId);
  for (const user of world.users.values()) {
    if (user.user_id === world.selfId || group?.members.has(user.user_id)) continue;
    if (notFriend && world.friends.has(user.user_id)) continue;
    return user;
  }
  let id = NEWCOMER_BASE + 1;
  while (world.users.has(id)) id += 1;
  const nickname = `新朋友${id - NEWCOMER_BASE}`;
  world.users.set(id, { user_id: id, nickname, sex: "unknown", age: 0, remark: "" });
  return { user_id: id, nickname };
}

/** A user joins `groupId` (approved by an admin): adds the member and emits `notice.group_increase`. */
export function joinGroup(
  fake: FakeNapCat,
  groupId: number,
  userId?: number,
  nickname?: string,
): number {
  const world = fake.world;
  const group = world.groups.get(groupId);
  if (!group) throw new ScenarioError(`群 ${groupId} 不存在`);
  const user =
    userId === undefined
      ? pickOutsider(world, groupId, false)
      : { user_id: userId, nickname: nickname ?? world.user(userId).nickname };
  if (group.members.has(user.user_id)) throw new ScenarioError(`${user.user_id} 已经在群里了`);
  if (!world.users.has(user.user_id))
    world.users.set(user.user_id, { ...world.user(user.user_id), nickname: user.nickname });
  const now = world.now();
  group.members.set(user.user_id, {
    group_id: groupId,
    user_id: user.user_id,
    nickname: user.nickname,
    card: "",
    role: "member",
    title: "",
    join_time: now,
    last_sent_time: 0,
    level: "1",
    shut_up_timestamp: 0,
  });
  const admin =
    [...group.members.values()].find((m) => m.role === "owner")?.user_id ?? world.selfId;
  fake.emit(
    noticeEvent(world, "group_increase", {
      sub_type: "approve",
      group_id: groupId,
      user_id: user.user_id,
      operator_id: admin,
    }),
  );
  return user.user_id;
}

/** `userId` leaves `groupId` by themself: removes the member and emits `notice.group_decrease` (`leave`). */
export function leaveGroup(fake: FakeNapCat, groupId: number, userId: number): void {
  const world = fake.world;
  requireInGroup(world, groupId, userId);
  if (userId === world.selfId) throw new ScenarioError("机器人不能在这里退群");
  const group = world.groups.get(groupId);
  if (group?.members.get(userId)?.role === "owner")
    throw new ScenarioError("群主不能直接退群（QQ 要求先转让群主）");
  group?.members.delete(userId);
  fake.emit(
    noticeEvent(world, "group_decrease", {
      sub_type: "leave",
      group_id: groupId,
      user_id: userId,
      operator_id: userId,
    }),
  );
}

/**
 * `userId` recalls their own message in `chat` (the given one, or their latest):
 * marks it recalled and emits `notice.group_recall` / `notice.friend_recall`.
 * Returns the recalled message_id.
 */
export function recallMessage(
  fake: FakeNapCat,
  chat: ChatRef,
  userId: number,
  messageId?: number,
): number {
  const world = fake.world;
  let target: ReturnType<World["messages"]["get"]>;
  if (messageId !== undefined) {
    target = world.messages.get(messageId);
  } else {
    for (const m of world.messages.values()) {
      if (
        m.user_id === userId &&
        m.message_type === chat.type &&
        m.peer_id === chat.id &&
        !m.recalled
      )
        target = m;
    }
  }
  if (!target || target.recalled)
    throw new ScenarioError("没有可以撤回的消息（只能撤回自己发的消息）");
  if (target.user_id !== userId) throw new ScenarioError("只能撤回自己发的消息");
  target.recalled = true;
  if (target.message_type === "group") {
    fake.emit(
      noticeEvent(world, "group_recall", {
        group_id: target.group_id,
        user_id: userId,
        operator_id: userId,
        message_id: target.message_id,
      }),
    );
  } else {
    fake.emit(
      noticeEvent(world, "friend_recall", { user_id: userId, message_id: target.message_id }),
    );
  }
  return target.message_id;
}
