/**
 * Builders for the event payloads the fake NapCat emits. Field sets and order
 * follow protocol/napcat/events.json (NapCat v4.18) exactly.
 *
 * @module
 */
import { toCqString, type WireSegment } from "./cq.js";
import type { World } from "./world.js";
import type { ForwardNode, StoredMessage } from "./world-types.js";

/** Any event payload on the wire: `time`, `self_id`, `post_type` and the rest. */
export interface FakeEventPayload {
  time: number;
  self_id: number;
  post_type: string;
  [field: string]: unknown;
}

/**
 * Checks what `emit()` was given (any object: a protocol `EventPayload`, a factory
 * result, a raw object) and returns it as a payload. Throws a `TypeError` unless it
 * is an object with a string `post_type`.
 */
export function toEmittedEvent(event: object): FakeEventPayload {
  if (
    typeof event !== "object" ||
    event === null ||
    typeof (event as { post_type?: unknown }).post_type !== "string"
  )
    throw new TypeError(
      'emit(): pass an event object with a string `post_type` (e.g. { time, self_id, post_type: "notice", notice_type: ... })',
    );
  return event as FakeEventPayload;
}

/** `meta_event.lifecycle.connect`, sent once per event connection. */
export function lifecycleEvent(world: World): FakeEventPayload {
  return {
    time: world.now(),
    self_id: world.selfId,
    post_type: "meta_event",
    meta_event_type: "lifecycle",
    sub_type: "connect",
  };
}

/** `meta_event.heartbeat` with `status: {online, good}` and `interval`. */
export function heartbeatEvent(world: World, interval: number): FakeEventPayload {
  return {
    time: world.now(),
    self_id: world.selfId,
    post_type: "meta_event",
    meta_event_type: "heartbeat",
    status: { online: true, good: true },
    interval,
  };
}

/** Input of {@link messageEvent}: who spoke where, and what (receive-form segments). */
export interface MessageEventInput {
  type: "group" | "private";
  /** Sender QQ number. */
  userId: number;
  /** Group id, or the friend's QQ number for private chats. */
  peerId: number;
  segments: WireSegment[];
  /** `message_sent` (the bot's own message) instead of `message`. */
  self: boolean;
  /** Private sub_type: "friend" or "group" (temporary chat). */
  privateSubType?: "friend" | "group";
}

/**
 * Builds a message / message_sent payload and the stored record for it.
 * Field order follows events.json.
 */
export function buildMessage(world: World, input: MessageEventInput): StoredMessage {
  const messageId = world.ids.nextInt32();
  const time = world.now();
  const user = world.user(input.userId);
  const isGroup = input.type === "group";
  const member = isGroup ? world.groups.get(input.peerId)?.members.get(input.userId) : undefined;
  const sender: Record<string, unknown> = isGroup
    ? {
        user_id: input.userId,
        nickname: member?.nickname ?? user.nickname,
        card: member?.card ?? "",
        role: member?.role ?? "member",
      }
    : { user_id: input.userId, nickname: user.nickname, card: "" };
  const payload: Record<string, unknown> = {
    self_id: world.selfId,
    user_id: input.userId,
    time,
    message_id: messageId,
    message_seq: messageId,
    real_id: messageId,
    real_seq: world.nextRealSeq(),
    message_type: input.type,
    sender,
    raw_message: toCqString(input.segments),
    font: 14,
    sub_type: isGroup ? "normal" : (input.privateSubType ?? "friend"),
    message: input.segments,
    message_format: "array",
    post_type: input.self ? "message_sent" : "message",
  };
  if (isGroup) {
    payload.group_id = input.peerId;
    payload.group_name = world.groups.get(input.peerId)?.group_name ?? "";
    if (input.self) {
      payload.message_sent_type = "self";
      payload.target_id = input.peerId;
    }
  } else {
    payload.target_id = input.peerId;
    if (input.self) payload.message_sent_type = "self";
  }
  if (member) member.last_sent_time = time;
  return {
    message_id: messageId,
    message_type: input.type,
    group_id: isGroup ? input.peerId : undefined,
    user_id: input.userId,
    peer_id: input.peerId,
    time,
    segments: input.segments,
    payload,
    recalled: false,
    likes: new Map(),
    forward: undefined,
    res_id: undefined,
  };
}

/** A forward node rendered as NapCat's get_forward_msg renders it. */
export function forwardNodePayload(world: World, node: ForwardNode): Record<string, unknown> {
  return {
    self_id: world.selfId,
    user_id: node.user_id,
    time: node.time,
    message_id: node.message_id,
    message_seq: node.message_id,
    real_id: node.message_id,
    real_seq: "0",
    message_type: "group",
    sender: { user_id: node.user_id, nickname: node.nickname, card: "" },
    raw_message: toCqString(node.segments),
    font: 14,
    sub_type: "normal",
    message: node.segments,
    message_format: "array",
    post_type: "message",
  };
}

/** A notice payload: `time, self_id, post_type: "notice", notice_type, ...fields` in that order. */
export function noticeEvent(
  world: World,
  noticeType: string,
  fields: Record<string, unknown>,
): FakeEventPayload {
  return {
    time: world.now(),
    self_id: world.selfId,
    post_type: "notice",
    notice_type: noticeType,
    ...fields,
  };
}

/** A request payload: `time, self_id, post_type: "request", request_type, ...fields`. */
export function requestEvent(
  world: World,
  requestType: string,
  fields: Record<string, unknown>,
): FakeEventPayload {
  return {
    time: world.now(),
    self_id: world.selfId,
    post_type: "request",
    request_type: requestType,
    ...fields,
  };
}
