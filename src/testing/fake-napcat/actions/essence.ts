/**
 * Essence messages (set_essence_msg emits `notice.essence`, delete_essence_msg,
 * get_essence_msg_list) and group announcements (_send_group_notice,
 * _get_group_notice, _del_group_notice).
 *
 * @module
 */
import { failed } from "../errors.js";
import { noticeEvent } from "../events.js";
import { optNumber, optString, reqNumber, reqString } from "../params.js";
import { type ActionHandler, type ActionTable, NT_OK } from "./context.js";

const setEssence: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  const msg = world.requireMessage(reqNumber(p, "message_id"));
  if (msg.message_type !== "group" || msg.group_id === undefined)
    throw failed("only group messages can be essence messages");
  world.requireAdmin(msg.group_id);
  const g = world.requireGroup(msg.group_id);
  if (!g.essence.some((e) => e.message_id === msg.message_id)) {
    g.essence.push({
      message_id: msg.message_id,
      operator_id: world.selfId,
      operator_time: world.now(),
    });
  }
  ctx.emit(
    noticeEvent(world, "essence", {
      group_id: msg.group_id,
      user_id: msg.user_id,
      message_id: msg.message_id,
      sender_id: msg.user_id,
      operator_id: world.selfId,
      sub_type: "add",
    }),
  );
  return NT_OK;
};

const deleteEssence: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  const id = optNumber(p, "message_id");
  if (id === undefined) throw failed('pass "message_id" of the essence message');
  const msg = world.requireMessage(id);
  const g = world.requireGroup(msg.group_id ?? 0);
  world.requireAdmin(g.group_id);
  const before = g.essence.length;
  g.essence = g.essence.filter((e) => e.message_id !== id);
  if (g.essence.length === before) throw failed(`message ${id} is not an essence message`);
  return NT_OK;
};

const essenceList: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  const g = world.requireGroup(reqNumber(p, "group_id"));
  return g.essence.map((e) => {
    const msg = world.messages.get(e.message_id);
    const senderId = msg?.user_id ?? 0;
    return {
      msg_seq: e.message_id,
      msg_random: 0,
      sender_id: senderId,
      sender_nick: world.user(senderId).nickname,
      operator_id: e.operator_id,
      operator_nick: world.user(e.operator_id).nickname,
      message_id: e.message_id,
      operator_time: e.operator_time,
      content: msg?.segments ?? [],
    };
  });
};

const sendNotice: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  const groupId = reqNumber(p, "group_id");
  world.requireAdmin(groupId);
  world.requireGroup(groupId).notices.push({
    notice_id: world.ids.nextHex(),
    sender_id: world.selfId,
    publish_time: world.now(),
    text: reqString(p, "content"),
    image: optString(p, "image"),
  });
  return null;
};

const getNotices: ActionHandler = (p, ctx) =>
  ctx.world.requireGroup(reqNumber(p, "group_id")).notices.map((n) => ({
    notice_id: n.notice_id,
    sender_id: n.sender_id,
    publish_time: n.publish_time,
    message: {
      text: n.text,
      image: n.image ? [{ id: n.image, height: "0", width: "0" }] : [],
      images: n.image ? [{ id: n.image, height: "0", width: "0" }] : [],
    },
    read_num: 0,
  }));

const delNotice: ActionHandler = (p, ctx) => {
  const g = ctx.world.requireGroup(reqNumber(p, "group_id"));
  ctx.world.requireAdmin(g.group_id);
  const id = reqString(p, "notice_id");
  const before = g.notices.length;
  g.notices = g.notices.filter((n) => n.notice_id !== id);
  if (g.notices.length === before) throw failed(`notice ${id} not found in group ${g.group_id}`);
  return NT_OK;
};

/** Essence and announcement actions by wire name. */
export const essenceActions: ActionTable = {
  set_essence_msg: setEssence,
  delete_essence_msg: deleteEssence,
  get_essence_msg_list: essenceList,
  _send_group_notice: sendNotice,
  _get_group_notice: getNotices,
  _del_group_notice: delNotice,
};
