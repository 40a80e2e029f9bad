/**
 * Group management: set_group_kick(_members), set_group_ban, set_group_whole_ban,
 * set_group_admin, set_group_card, set_group_name, set_group_leave,
 * set_group_special_title, set_group_remark, group signing, pokes. Each emits
 * the notice NapCat would report for the change.
 *
 * @module
 */
import { badParam, failed } from "../errors.js";
import { noticeEvent } from "../events.js";
import {
  boolOr,
  numberOr,
  optNumber,
  optString,
  type Params,
  reqNumber,
  reqString,
} from "../params.js";
import type { ActionContext, ActionHandler, ActionTable } from "./context.js";

function kickOne(ctx: ActionContext, groupId: number, userId: number): void {
  const { world } = ctx;
  world.requireAdmin(groupId, userId);
  world.requireGroup(groupId).members.delete(userId);
  ctx.emit(
    noticeEvent(world, "group_decrease", {
      sub_type: "kick",
      group_id: groupId,
      user_id: userId,
      operator_id: world.selfId,
    }),
  );
}

const kick: ActionHandler = (p, ctx) => {
  kickOne(ctx, reqNumber(p, "group_id"), reqNumber(p, "user_id"));
  return null;
};

const kickMembers: ActionHandler = (p, ctx) => {
  const groupId = reqNumber(p, "group_id");
  const raw = p.user_id;
  const ids = Array.isArray(raw) ? raw : [raw];
  for (const id of ids) kickOne(ctx, groupId, reqNumber({ user_id: id }, "user_id"));
  return null;
};

const ban: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  const groupId = reqNumber(p, "group_id");
  const userId = reqNumber(p, "user_id");
  const duration = numberOr(p, "duration", 0);
  if (duration < 0 || duration > 30 * 86400)
    throw badParam('param "duration" must be 0 (lift) to 2592000 seconds (30 days)');
  world.requireAdmin(groupId, userId);
  const member = world.requireMember(groupId, userId);
  member.shut_up_timestamp = duration > 0 ? world.now() + duration : 0;
  ctx.emit(
    noticeEvent(world, "group_ban", {
      sub_type: duration > 0 ? "ban" : "lift_ban",
      group_id: groupId,
      user_id: userId,
      operator_id: world.selfId,
      duration,
    }),
  );
  return null;
};

const wholeBan: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  const groupId = reqNumber(p, "group_id");
  const enable = boolOr(p, "enable", true);
  world.requireAdmin(groupId);
  world.requireGroup(groupId).whole_ban = enable;
  ctx.emit(
    noticeEvent(world, "group_ban", {
      sub_type: enable ? "ban" : "lift_ban",
      group_id: groupId,
      user_id: 0,
      operator_id: world.selfId,
      duration: enable ? -1 : 0,
    }),
  );
  return null;
};

const setAdmin: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  const groupId = reqNumber(p, "group_id");
  const userId = reqNumber(p, "user_id");
  const enable = boolOr(p, "enable", true);
  if (world.selfMember(groupId).role !== "owner")
    throw failed(`only the group owner can change admins; the bot is not owner of ${groupId}`);
  const member = world.requireMember(groupId, userId);
  if (member.role === "owner") throw failed("the owner's role cannot change");
  member.role = enable ? "admin" : "member";
  ctx.emit(
    noticeEvent(world, "group_admin", {
      sub_type: enable ? "set" : "unset",
      group_id: groupId,
      user_id: userId,
    }),
  );
  return null;
};

const setCard: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  const groupId = reqNumber(p, "group_id");
  const userId = reqNumber(p, "user_id");
  if (userId !== world.selfId) world.requireAdmin(groupId, userId);
  const member = world.requireMember(groupId, userId);
  const cardOld = member.card;
  member.card = optString(p, "card") ?? "";
  ctx.emit(
    noticeEvent(world, "group_card", {
      group_id: groupId,
      user_id: userId,
      card_new: member.card,
      card_old: cardOld,
    }),
  );
  return null;
};

const setName: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  const groupId = reqNumber(p, "group_id");
  const name = reqString(p, "group_name");
  world.requireAdmin(groupId);
  world.requireGroup(groupId).group_name = name;
  ctx.emit(
    noticeEvent(world, "notify", {
      sub_type: "group_name",
      group_id: groupId,
      user_id: world.selfId,
      name_new: name,
    }),
  );
  return null;
};

const leave: ActionHandler = (p, ctx) => {
  const groupId = reqNumber(p, "group_id");
  ctx.world.requireGroup(groupId);
  ctx.world.groups.delete(groupId);
  return null;
};

const specialTitle: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  const groupId = reqNumber(p, "group_id");
  const userId = reqNumber(p, "user_id");
  if (world.selfMember(groupId).role !== "owner")
    throw failed(`only the group owner can set special titles; the bot is not owner of ${groupId}`);
  const member = world.requireMember(groupId, userId);
  member.title = optString(p, "special_title") ?? "";
  ctx.emit(
    noticeEvent(world, "notify", {
      sub_type: "title",
      group_id: groupId,
      user_id: userId,
      title: member.title,
    }),
  );
  return null;
};

function pokeRawInfo(from: number, to: number): unknown[] {
  return [
    { col: "1", nm: "", type: "qq", uid: `u_fake${from}` },
    { txt: "戳了戳", type: "nor" },
    { col: "1", nm: "", tp: "0", type: "qq", uid: `u_fake${to}` },
  ];
}

/** group_poke / friend_poke / send_poke: NapCat routes all three to one handler. */
const poke: ActionHandler = (p: Params, ctx) => {
  const { world } = ctx;
  const userId = reqNumber(p, "user_id");
  const groupId = optNumber(p, "group_id");
  const targetId = optNumber(p, "target_id") ?? userId;
  if (groupId !== undefined) {
    world.requireMember(groupId, targetId);
    ctx.emit(
      noticeEvent(world, "notify", {
        sub_type: "poke",
        target_id: targetId,
        user_id: world.selfId,
        group_id: groupId,
        raw_info: pokeRawInfo(world.selfId, targetId),
      }),
    );
  } else {
    if (!world.friends.has(userId))
      throw failed(`user ${userId} is not a friend: pass group_id to poke in a group`);
    ctx.emit(
      noticeEvent(world, "notify", {
        sub_type: "poke",
        target_id: targetId,
        user_id: world.selfId,
        sender_id: world.selfId,
        raw_info: pokeRawInfo(world.selfId, targetId),
      }),
    );
  }
  return null;
};

const groupNoop: ActionHandler = (p, ctx) => {
  ctx.world.requireGroup(reqNumber(p, "group_id"));
  return null;
};

const setRemark: ActionHandler = (p, ctx) => {
  ctx.world.requireGroup(reqNumber(p, "group_id")).group_remark = reqString(p, "remark");
  return null;
};

/** Group management actions by wire name. */
export const groupActions: ActionTable = {
  set_group_kick: kick,
  set_group_kick_members: kickMembers,
  set_group_ban: ban,
  set_group_whole_ban: wholeBan,
  set_group_admin: setAdmin,
  set_group_card: setCard,
  set_group_name: setName,
  set_group_leave: leave,
  set_group_special_title: specialTitle,
  set_group_remark: setRemark,
  set_group_sign: groupNoop,
  send_group_sign: groupNoop,
  group_poke: poke,
  friend_poke: poke,
  send_poke: poke,
};
