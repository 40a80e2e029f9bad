/**
 * What counts as the bot "replying": the send actions, and how to read their
 * target and text from the recorded call.
 *
 * @module
 */
import { canonicalActionName, type RecordedCall } from "../fake-napcat/index.js";
import { textOf } from "./match.js";

/** The actions that send a message (NapCat `send_*msg` family, `_async` aliases included). */
export const SEND_ACTIONS: ReadonlySet<string> = new Set([
  "send_msg",
  "send_group_msg",
  "send_private_msg",
  "send_forward_msg",
  "send_group_forward_msg",
  "send_private_forward_msg",
]);

/** One message the bot sent, read from a recorded send call. */
export interface ReplyCall {
  /** The action as sent, e.g. `send_group_msg`. */
  action: string;
  /** The params as sent. */
  params: Readonly<Record<string, unknown>>;
  /** `group` or `private`, from the action or `message_type` / the ids present. */
  chat: "group" | "private";
  /** Target group (group chats). */
  group_id?: number | string;
  /** Target user (private chats). */
  user_id?: number | string;
  /** The plain text of the message (text segments joined; CQ codes dropped). */
  text: string;
  /** The `message` param as sent (CQ string or segments). */
  message: unknown;
  /** The call as the fake recorded it. */
  call: RecordedCall;
}

/** Whether a recorded call sends a message. */
export function isSendCall(call: RecordedCall): boolean {
  return SEND_ACTIONS.has(canonicalActionName(call.action));
}

function idOf(value: unknown): number | string | undefined {
  return typeof value === "number" || typeof value === "string" ? value : undefined;
}

/** Reads a send call as a {@link ReplyCall}. */
export function toReplyCall(call: RecordedCall): ReplyCall {
  const action = canonicalActionName(call.action);
  const p = call.params;
  const groupId = idOf(p.group_id);
  const userId = idOf(p.user_id);
  const chat: "group" | "private" = action.startsWith("send_group")
    ? "group"
    : action.startsWith("send_private")
      ? "private"
      : p.message_type === "group" || (p.message_type !== "private" && groupId !== undefined)
        ? "group"
        : "private";
  const message = p.message ?? p.messages;
  const reply: ReplyCall = {
    action: call.action,
    params: p,
    chat,
    text: textOf(message, p.auto_escape === true || p.auto_escape === "true"),
    message,
    call,
  };
  if (chat === "group" && groupId !== undefined) reply.group_id = groupId;
  if (userId !== undefined) reply.user_id = userId;
  return reply;
}

/** Where a user spoke: the chat a reply must go to. */
export interface ChatTarget {
  chat: "group" | "private";
  /** Group id (group chats) or the user's QQ number (private chats). */
  id: number;
}

/** Whether a reply goes to `target` (ids compared as strings: NapCat accepts both forms). */
export function repliesTo(reply: ReplyCall, target: ChatTarget): boolean {
  if (reply.chat !== target.chat) return false;
  const id = target.chat === "group" ? reply.group_id : reply.user_id;
  return id !== undefined && String(id) === String(target.id);
}

/** The message id a send call quotes (its `reply` segment or `[CQ:reply,id=...]`), if any. */
export function quotedIdOf(reply: ReplyCall): string | undefined {
  const message = reply.message;
  if (typeof message === "string") return /\[CQ:reply,(?:[^\]]*,)?id=([^,\]]+)/.exec(message)?.[1];
  const segments: unknown[] = Array.isArray(message) ? message : [message];
  for (const segment of segments) {
    if (typeof segment !== "object" || segment === null) continue;
    const { type, data } = segment as { type?: unknown; data?: { id?: unknown } };
    if (type === "reply" && data && (typeof data.id === "number" || typeof data.id === "string")) {
      return String(data.id);
    }
  }
  return undefined;
}
