/**
 * Message lookups and changes: delete_msg, get_msg, get_forward_msg,
 * get_group_msg_history, get_friend_msg_history, the mark-as-read family and
 * emoji reactions (set_msg_emoji_like, fetch_emoji_like, get_emoji_likes).
 *
 * @module
 */
import { failed } from "../errors.js";
import { forwardNodePayload, noticeEvent } from "../events.js";
import {
  boolOr,
  numberOr,
  optNumber,
  optString,
  type Params,
  reqNumber,
  reqString,
} from "../params.js";
import type { StoredMessage } from "../world-types.js";
import { type ActionHandler, type ActionTable, NT_OK } from "./context.js";

function likesList(msg: StoredMessage): { emoji_id: string; count: number }[] {
  return [...msg.likes]
    .filter(([, users]) => users.size > 0)
    .map(([emoji_id, users]) => ({ emoji_id, count: users.size }));
}

const deleteMsg: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  const msg = world.requireMessage(reqNumber(p, "message_id"));
  if (msg.recalled) throw failed("Recall failed: the message was already recalled");
  if (msg.message_type === "group" && msg.group_id !== undefined) {
    if (msg.user_id !== world.selfId) world.requireAdmin(msg.group_id, msg.user_id);
    msg.recalled = true;
    ctx.emit(
      noticeEvent(world, "group_recall", {
        group_id: msg.group_id,
        user_id: msg.user_id,
        operator_id: world.selfId,
        message_id: msg.message_id,
      }),
    );
  } else {
    msg.recalled = true;
    ctx.emit(
      noticeEvent(world, "friend_recall", { user_id: msg.user_id, message_id: msg.message_id }),
    );
  }
  return null;
};

const getMsg: ActionHandler = (p, ctx) => {
  const msg = ctx.world.requireMessage(reqNumber(p, "message_id"));
  return { ...msg.payload, emoji_likes_list: likesList(msg) };
};

const getForwardMsg: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  const key = optString(p, "message_id") ?? optString(p, "id");
  if (key === undefined) throw failed('pass "message_id" or "id" of a forward message');
  let found: StoredMessage | undefined;
  for (const m of world.messages.values()) {
    if (String(m.message_id) === key || m.res_id === key) found = m;
  }
  if (!found?.forward) throw failed(`no forward message with id ${key}`);
  return { messages: found.forward.map((node) => forwardNodePayload(world, node)) };
};

function historyHandler(type: "group" | "private", peerKey: string): ActionHandler {
  return (p: Params, ctx) => {
    const peerId = reqNumber(p, peerKey);
    if (type === "group") ctx.world.requireGroup(peerId);
    let list = ctx.world.history(type, peerId);
    const anchor = optNumber(p, "message_seq");
    if (anchor !== undefined && anchor !== 0) {
      const index = list.findIndex((m) => m.message_id === anchor);
      if (index < 0) throw failed(`message ${anchor} is not in this chat's history`);
      list = list.slice(0, index + 1);
    }
    const count = numberOr(p, "count", 20);
    list = list.slice(Math.max(0, list.length - count));
    if (boolOr(p, "reverse_order", false) || boolOr(p, "reverseOrder", false))
      list = list.reverse();
    return { messages: list.map((m) => m.payload) };
  };
}

const setEmojiLike: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  const msg = world.requireMessage(reqNumber(p, "message_id"));
  const emojiId = reqString(p, "emoji_id");
  const add = boolOr(p, "set", true);
  const users = msg.likes.get(emojiId) ?? new Set<number>();
  if (add) users.add(world.selfId);
  else users.delete(world.selfId);
  msg.likes.set(emojiId, users);
  if (msg.message_type === "group") {
    ctx.emit(
      noticeEvent(world, "group_msg_emoji_like", {
        group_id: msg.group_id,
        user_id: world.selfId,
        message_id: msg.message_id,
        likes: [{ emoji_id: emojiId, count: 1 }],
        is_add: add,
      }),
    );
  }
  return NT_OK;
};

function likers(p: Params, ctx: Parameters<ActionHandler>[1], emojiKey: string): number[] {
  const msg = ctx.world.requireMessage(reqNumber(p, "message_id"));
  return [...(msg.likes.get(reqString(p, emojiKey)) ?? [])];
}

const fetchEmojiLike: ActionHandler = (p, ctx) => ({
  emojiLikesList: likers(p, ctx, "emojiId").map((id) => ({
    tinyId: String(id),
    nickName: ctx.world.user(id).nickname,
    headUrl: "",
  })),
  cookie: "",
  isLastPage: true,
  isFirstPage: true,
  result: 0,
  errMsg: "",
});

const getEmojiLikes: ActionHandler = (p, ctx) => ({
  emoji_like_list: likers(p, ctx, "emoji_id").map((id) => ({
    user_id: String(id),
    nick_name: ctx.world.user(id).nickname,
  })),
});

const markRead: ActionHandler = () => null;

/** Message actions by wire name. */
export const messageActions: ActionTable = {
  delete_msg: deleteMsg,
  get_msg: getMsg,
  get_forward_msg: getForwardMsg,
  get_group_msg_history: historyHandler("group", "group_id"),
  get_friend_msg_history: historyHandler("private", "user_id"),
  mark_msg_as_read: markRead,
  mark_private_msg_as_read: markRead,
  mark_group_msg_as_read: markRead,
  _mark_all_as_read: markRead,
  set_msg_emoji_like: setEmojiLike,
  fetch_emoji_like: fetchEmojiLike,
  get_emoji_likes: getEmojiLikes,
};
