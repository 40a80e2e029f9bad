/**
 * Sending: send_msg, send_group_msg, send_private_msg, the three forward
 * senders, and forward_friend_single_msg / forward_group_single_msg.
 * (NapCat skips schema validation for these; the message itself is checked here.)
 *
 * @module
 */
import type { WireSegment } from "../cq.js";
import { badParam, failed } from "../errors.js";
import { buildMessage } from "../events.js";
import { readOutgoing, toReceiveSegments } from "../message.js";
import { boolOr, optNumber, optString, type Params, reqNumber } from "../params.js";
import type { ForwardNode } from "../world-types.js";
import type { ActionContext, ActionHandler, ActionTable } from "./context.js";

/** Where a message goes. */
export interface Target {
  type: "group" | "private";
  /** Group id or friend QQ number. */
  peerId: number;
}

function checkCanSend(ctx: ActionContext, target: Target): void {
  const { world } = ctx;
  if (target.type === "group") {
    const group = world.requireGroup(target.peerId);
    const self = world.selfMember(target.peerId);
    const muted =
      self.shut_up_timestamp > world.now() || (group.whole_ban && self.role === "member");
    if (muted) throw failed(`the bot is muted in group ${target.peerId}: QQ refuses to send`);
    return;
  }
  const shares = [...world.groups.values()].some((g) => g.members.has(target.peerId));
  if (!world.friends.has(target.peerId) && !shares) {
    throw failed(
      `user ${target.peerId} is neither a friend nor in a group with the bot: QQ cannot deliver`,
    );
  }
}

/**
 * Stores a message the bot sends and emits `message_sent` when `reportSelfMessage`
 * is on. Returns the new short message id.
 */
export function deliverOwnMessage(
  ctx: ActionContext,
  target: Target,
  segments: WireSegment[],
  forward?: ForwardNode[],
): {
  message_id: number;
  res_id?: string;
  forward_id?: string;
} {
  checkCanSend(ctx, target);
  const { world } = ctx;
  const resId = forward ? world.ids.nextHex() : undefined;
  const received = forward
    ? [{ type: "forward", data: { id: resId } }]
    : toReceiveSegments(segments, { isGroup: target.type === "group", ids: world.ids });
  const stored = buildMessage(world, {
    type: target.type,
    userId: world.selfId,
    peerId: target.peerId,
    segments: received,
    self: true,
  });
  stored.forward = forward;
  stored.res_id = resId;
  world.storeMessage(stored);
  if (ctx.reportSelfMessage)
    ctx.emit({
      ...stored.payload,
      time: stored.time,
      self_id: world.selfId,
      post_type: "message_sent",
    });
  return resId
    ? { message_id: stored.message_id, res_id: resId, forward_id: resId }
    : { message_id: stored.message_id };
}

function targetOf(p: Params, fixed: "group" | "private" | undefined): Target {
  const groupId = optNumber(p, "group_id");
  const userId = optNumber(p, "user_id");
  const type =
    fixed ??
    (optString(p, "message_type") as "group" | "private" | undefined) ??
    (groupId !== undefined ? "group" : "private");
  if (type === "group") {
    if (groupId === undefined) throw badParam('param "group_id" is required to send to a group');
    return { type, peerId: groupId };
  }
  if (type !== "private") throw badParam('param "message_type" must be "group" or "private"');
  if (userId === undefined) throw badParam('param "user_id" is required to send a private message');
  return { type, peerId: userId };
}

function toNodes(ctx: ActionContext, segments: WireSegment[]): ForwardNode[] {
  const { world } = ctx;
  return segments.map((seg, index) => {
    const d = seg.data;
    const refId = optNumber(d, "id");
    if (refId !== undefined && d.content === undefined) {
      const ref = world.requireMessage(refId);
      const nick = (ref.payload.sender as { nickname?: unknown } | undefined)?.nickname;
      return {
        user_id: ref.user_id,
        nickname: typeof nick === "string" ? nick : "",
        time: ref.time,
        message_id: world.ids.nextInt32(),
        segments: ref.segments,
      };
    }
    if (d.content === undefined)
      throw failed(`node ${index} needs data.id (a message id) or data.content`);
    const content = toReceiveSegments(readOutgoing(d.content, false), {
      isGroup: true,
      ids: world.ids,
    });
    const userId = optNumber(d, "user_id") ?? optNumber(d, "uin") ?? world.selfId;
    const nickname =
      optString(d, "nickname") ?? optString(d, "name") ?? world.user(userId).nickname;
    return {
      user_id: userId,
      nickname,
      time: world.now(),
      message_id: world.ids.nextInt32(),
      segments: content,
    };
  });
}

function sendHandler(fixed: "group" | "private" | undefined, forwardOnly: boolean): ActionHandler {
  return (p, ctx) => {
    const target = targetOf(p, fixed);
    const raw = p.message ?? (forwardOnly ? p.messages : undefined);
    const segments = readOutgoing(raw, boolOr(p, "auto_escape", false));
    const isForward = segments[0]?.type === "node";
    if (forwardOnly && !isForward) throw failed("a forward message needs node segments");
    return deliverOwnMessage(ctx, target, segments, isForward ? toNodes(ctx, segments) : undefined);
  };
}

const forwardSingle: ActionHandler = (p, ctx) => {
  const msg = ctx.world.requireMessage(reqNumber(p, "message_id"));
  const groupId = optNumber(p, "group_id");
  const userId = optNumber(p, "user_id");
  if (groupId === undefined && userId === undefined)
    throw badParam('pass "group_id" or "user_id" to forward to');
  const target: Target =
    groupId !== undefined
      ? { type: "group", peerId: groupId }
      : { type: "private", peerId: userId ?? 0 };
  deliverOwnMessage(ctx, target, msg.segments, msg.forward);
  return null;
};

/** Send actions by wire name. */
export const sendActions: ActionTable = {
  send_msg: sendHandler(undefined, false),
  send_group_msg: sendHandler("group", false),
  send_private_msg: sendHandler("private", false),
  send_forward_msg: sendHandler(undefined, true),
  send_group_forward_msg: sendHandler("group", true),
  send_private_forward_msg: sendHandler("private", true),
  forward_friend_single_msg: forwardSingle,
  forward_group_single_msg: forwardSingle,
};
