/**
 * Requests and quick operations: set_friend_add_request, set_group_add_request,
 * get_group_system_msg and `.handle_quick_operation` (also used for the quick
 * operation in an HTTP POST response).
 *
 * @module
 */
import { parseCqString } from "../cq.js";
import { badParam, failed } from "../errors.js";
import { noticeEvent } from "../events.js";
import { boolOr, numberOr, optString, type Params, reqString } from "../params.js";
import type { ActionContext, ActionHandler, ActionTable } from "./context.js";

const setFriendRequest: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  const flag = reqString(p, "flag");
  const req = world.friendRequests.get(flag);
  if (!req) throw failed(`no pending friend request with flag ${flag}`);
  world.friendRequests.delete(flag);
  if (boolOr(p, "approve", true)) {
    world.friends.add(req.user_id);
    const user = world.users.get(req.user_id);
    const remark = optString(p, "remark");
    if (user && remark !== undefined) user.remark = remark;
    ctx.emit(noticeEvent(world, "friend_add", { user_id: req.user_id }));
  }
  return null;
};

const setGroupRequest: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  const flag = reqString(p, "flag");
  const req = world.groupRequests.get(flag);
  if (!req) throw failed(`no pending group request with flag ${flag}`);
  const approve = boolOr(p, "approve", true);
  if (req.sub_type === "add") world.requireAdmin(req.group_id);
  world.groupRequests.delete(flag);
  if (!approve) return null;
  if (req.sub_type === "invite") {
    world.addGroup({
      group_id: req.group_id,
      group_name: `Group ${req.group_id}`,
      members: [
        { user_id: req.user_id, nickname: world.user(req.user_id).nickname, role: "owner" },
      ],
    });
    return null;
  }
  world.requireGroup(req.group_id).members.set(req.user_id, {
    group_id: req.group_id,
    user_id: req.user_id,
    nickname: world.user(req.user_id).nickname,
    card: "",
    role: "member",
    title: "",
    join_time: world.now(),
    last_sent_time: 0,
    level: "1",
    shut_up_timestamp: 0,
  });
  ctx.emit(
    noticeEvent(world, "group_increase", {
      sub_type: "approve",
      group_id: req.group_id,
      user_id: req.user_id,
      operator_id: world.selfId,
    }),
  );
  return null;
};

const systemMsg: ActionHandler = (_p, ctx) => {
  const { world } = ctx;
  const render = (r: { flag: string; group_id: number; user_id: number; comment: string }) => ({
    request_id: Number(r.flag),
    invitor_uin: r.user_id,
    invitor_nick: world.user(r.user_id).nickname,
    group_id: r.group_id,
    group_name: world.groups.get(r.group_id)?.group_name ?? "",
    message: r.comment,
    checked: false,
    actor: 0,
    requester_nick: world.user(r.user_id).nickname,
  });
  const all = [...world.groupRequests.values()];
  const invited = all.filter((r) => r.sub_type === "invite").map(render);
  return {
    invited_requests: invited,
    InvitedRequest: invited,
    join_requests: all.filter((r) => r.sub_type === "add").map(render),
  };
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Applies a OneBot quick operation to the event it answers: `reply` (+ `auto_escape`,
 * `at_sender`; group replies quote the original), `delete`, `kick`, `ban`
 * (+ `ban_duration`, default 1800 s) for messages; `approve` (+ `remark` / `reason`)
 * for requests. NapCat itself accepts but ignores delete/kick/ban; the fake applies
 * them as OneBot 11 specifies.
 */
export async function applyQuickOperation(
  ctx: ActionContext,
  context: Params,
  operation: Params,
): Promise<void> {
  const postType = context.post_type;
  if (postType === "message" || postType === "message_sent") {
    const isGroup = context.message_type === "group";
    const target = isGroup ? { group_id: context.group_id } : { user_id: context.user_id };
    const reply = operation.reply;
    if (reply !== undefined && reply !== null && reply !== "") {
      const autoEscape = boolOr(operation, "auto_escape", false);
      let body: unknown[];
      if (typeof reply === "string")
        body = autoEscape ? [{ type: "text", data: { text: reply } }] : parseCqString(reply);
      else body = Array.isArray(reply) ? reply : [reply];
      const prefix: unknown[] = [];
      if (isGroup) {
        prefix.push({ type: "reply", data: { id: String(context.message_id) } });
        if (boolOr(operation, "at_sender", true))
          prefix.push(
            { type: "at", data: { qq: String(context.user_id) } },
            { type: "text", data: { text: " " } },
          );
      }
      await ctx.invoke(isGroup ? "send_group_msg" : "send_private_msg", {
        ...target,
        message: [...prefix, ...body],
      });
    }
    if (boolOr(operation, "delete", false))
      await ctx.invoke("delete_msg", { message_id: context.message_id });
    if (isGroup && boolOr(operation, "kick", false))
      await ctx.invoke("set_group_kick", { group_id: context.group_id, user_id: context.user_id });
    if (isGroup && boolOr(operation, "ban", false)) {
      await ctx.invoke("set_group_ban", {
        group_id: context.group_id,
        user_id: context.user_id,
        duration: numberOr(operation, "ban_duration", 1800),
      });
    }
    return;
  }
  if (postType === "request" && operation.approve !== undefined) {
    const approve = boolOr(operation, "approve", true);
    if (context.request_type === "friend") {
      await ctx.invoke("set_friend_add_request", {
        flag: context.flag,
        approve,
        remark: optString(operation, "remark"),
      });
    } else if (context.request_type === "group") {
      await ctx.invoke("set_group_add_request", {
        flag: context.flag,
        approve,
        reason: optString(operation, "reason"),
      });
    }
  }
}

const quickOperation: ActionHandler = async (p, ctx) => {
  if (!isRecord(p.context) || !isRecord(p.operation))
    throw badParam('".handle_quick_operation" needs "context" (the event) and "operation" objects');
  await applyQuickOperation(ctx, p.context, p.operation);
  return null;
};

/** Request actions by wire name. */
export const requestActions: ActionTable = {
  set_friend_add_request: setFriendRequest,
  set_group_add_request: setGroupRequest,
  get_group_system_msg: systemMsg,
  ".handle_quick_operation": quickOperation,
};
