/**
 * The wire payload of each event family, picked out of protocol's `EventPayload`
 * union by its discriminants (so this file needs no per-event interface names), and
 * `RawPayload`, any payload before it is told apart.
 *
 * @module
 */
import type { EventPayload } from "../protocol/index.js";

/** A payload as it came off the wire: a JSON object with at least `post_type`. */
export type RawPayload = Readonly<Record<string, unknown>>;

type Of<Q> = Extract<EventPayload, Q>;
type KeysOfUnion<U> = U extends unknown ? keyof U : never;

/**
 * Flattens a union of payloads into one object type (a field missing from some members
 * reads as `undefined`), so one class can carry e.g. both group and friend pokes.
 */
export type Flatten<U> = {
  [K in KeysOfUnion<U>]: U extends unknown ? (K extends keyof U ? U[K] : undefined) : never;
};

/** OneBot `message` / `message_type: "group"`. */
export type GroupMessageWire = Of<{ post_type: "message"; message_type: "group" }>;
/** OneBot `message` / `message_type: "private"` (friend or group temp session). */
export type PrivateMessageWire = Of<{ post_type: "message"; message_type: "private" }>;
/** go-cqhttp `message_sent` / `message_type: "group"` (the bot's own group message). */
export type GroupMessageSentWire = Of<{ post_type: "message_sent"; message_type: "group" }>;
/** go-cqhttp `message_sent` / `message_type: "private"` (the bot's own private message). */
export type PrivateMessageSentWire = Of<{ post_type: "message_sent"; message_type: "private" }>;

/** A `notice` payload with the given `notice_type`. */
export type NoticeWire<T extends string> = Of<{ post_type: "notice"; notice_type: T }>;
/** A `notice` / `notify` payload with the given `sub_type`. */
export type NotifyWire<S extends string> = Of<{
  post_type: "notice";
  notice_type: "notify";
  sub_type: S;
}>;

/** OneBot `request` / `request_type: "friend"`. */
export type FriendRequestWire = Of<{ post_type: "request"; request_type: "friend" }>;
/** OneBot `request` / `request_type: "group"` (`sub_type` add or invite). */
export type GroupRequestWire = Of<{ post_type: "request"; request_type: "group" }>;

/** OneBot `meta_event` / `lifecycle`. */
export type LifecycleWire = Of<{ post_type: "meta_event"; meta_event_type: "lifecycle" }>;
/** OneBot `meta_event` / `heartbeat`. */
export type HeartbeatWire = Of<{ post_type: "meta_event"; meta_event_type: "heartbeat" }>;
