/**
 * From wire payload to event object: one table keyed by `post_type` + detail type
 * (and `sub_type` for `notify`), the `BotEvent` union, `EventByKey` for
 * `bot.on(key, handler)`, and type guards.
 *
 * @module
 */
import type { BotAPI } from "../api/index.js";
import { type EventKey, type EventPayload, eventKeysOf } from "../protocol/index.js";
import { EventCore } from "./base.js";
import {
  GroupMessageEvent,
  GroupMessageSentEvent,
  PrivateMessageEvent,
  PrivateMessageSentEvent,
} from "./message.js";
import { HeartbeatEvent, LifecycleEvent } from "./meta.js";
import {
  BotOfflineNoticeEvent,
  EssenceNoticeEvent,
  FriendAddNoticeEvent,
  FriendRecallNoticeEvent,
  GrayTipNotifyEvent,
  GroupAdminNoticeEvent,
  GroupBanNoticeEvent,
  GroupCardNoticeEvent,
  GroupDecreaseNoticeEvent,
  GroupIncreaseNoticeEvent,
  GroupMsgEmojiLikeNoticeEvent,
  GroupNameNotifyEvent,
  GroupRecallNoticeEvent,
  GroupUploadNoticeEvent,
  InputStatusNotifyEvent,
  OnlineFileReceiveNoticeEvent,
  OnlineFileSendNoticeEvent,
  PokeNotifyEvent,
  ProfileLikeNotifyEvent,
  TitleNotifyEvent,
} from "./notice.js";
import { FriendRequestEvent, GroupRequestEvent } from "./request.js";

/**
 * An event NcatBot has no class for (a newer NapCat, a custom post_type): the wire
 * fields are still there under their names; `post_type` is always set.
 */
export class UnknownEvent extends EventCore {
  /** OneBot `post_type`. */
  declare readonly post_type: string;
  /** Any other wire field. */
  [field: string]: unknown;
}

/** The event class of each most specific key (what `createEvent` builds). */
export interface EventClassByLeafKey {
  "message.group": GroupMessageEvent;
  "message.private": PrivateMessageEvent;
  "message_sent.group": GroupMessageSentEvent;
  "message_sent.private": PrivateMessageSentEvent;
  "notice.group_upload": GroupUploadNoticeEvent;
  "notice.group_admin": GroupAdminNoticeEvent;
  "notice.group_decrease": GroupDecreaseNoticeEvent;
  "notice.group_increase": GroupIncreaseNoticeEvent;
  "notice.group_ban": GroupBanNoticeEvent;
  "notice.friend_add": FriendAddNoticeEvent;
  "notice.group_recall": GroupRecallNoticeEvent;
  "notice.friend_recall": FriendRecallNoticeEvent;
  "notice.group_card": GroupCardNoticeEvent;
  "notice.essence": EssenceNoticeEvent;
  "notice.group_msg_emoji_like": GroupMsgEmojiLikeNoticeEvent;
  "notice.bot_offline": BotOfflineNoticeEvent;
  "notice.online_file_receive": OnlineFileReceiveNoticeEvent;
  "notice.online_file_send": OnlineFileSendNoticeEvent;
  "notice.notify.poke": PokeNotifyEvent;
  "notice.notify.group_name": GroupNameNotifyEvent;
  "notice.notify.title": TitleNotifyEvent;
  "notice.notify.profile_like": ProfileLikeNotifyEvent;
  "notice.notify.input_status": InputStatusNotifyEvent;
  "notice.notify.gray_tip": GrayTipNotifyEvent;
  "request.friend": FriendRequestEvent;
  "request.group": GroupRequestEvent;
  "meta_event.lifecycle": LifecycleEvent;
  "meta_event.heartbeat": HeartbeatEvent;
}

type LeafKey = keyof EventClassByLeafKey;

/** Every event object `createEvent` can return. */
export type BotEvent = EventClassByLeafKey[LeafKey] | UnknownEvent;

type Descendants<K extends string> = EventClassByLeafKey[Extract<LeafKey, `${K}.${string}`>];
type Ancestor<K extends string> = {
  [L in LeafKey]: K extends `${L}.${string}` ? EventClassByLeafKey[L] : never;
}[LeafKey];

/**
 * The event class for any dotted key: a leaf key gives its class, a prefix
 * (`"message"`, `"notice.notify"`) the union of the classes under it, a deeper key
 * (`"request.group.add"`) the class of its leaf.
 */
export type EventClassFor<K extends string> = K extends LeafKey
  ? EventClassByLeafKey[K]
  : [Descendants<K>] extends [never]
    ? Ancestor<K>
    : Descendants<K>;

/** Each protocol `EventKey` mapped to its event class type, for `bot.on(key, (e) => ...)`. */
export type EventByKey = { [K in EventKey]: EventClassFor<K> };

/** Message events, group or private (`message.group` | `message.private`); narrow with `isGroupMessage`. */
export type MessageEvent = GroupMessageEvent | PrivateMessageEvent;
/** The bot's own messages (`message_sent`). */
export type MessageSentEvent = GroupMessageSentEvent | PrivateMessageSentEvent;
/** Every notice class. */
export type NoticeEvent = Descendants<"notice">;
/** Every request class. */
export type RequestEvent = Descendants<"request">;
/** Every meta event class. */
export type MetaEvent = Descendants<"meta_event">;

type EventCtor = new (payload: never, api: BotAPI) => BotEvent;

const CLASS_BY_KEY: ReadonlyMap<string, EventCtor> = new Map<string, EventCtor>([
  ["message.group", GroupMessageEvent],
  ["message.private", PrivateMessageEvent],
  ["message_sent.group", GroupMessageSentEvent],
  ["message_sent.private", PrivateMessageSentEvent],
  ["notice.group_upload", GroupUploadNoticeEvent],
  ["notice.group_admin", GroupAdminNoticeEvent],
  ["notice.group_decrease", GroupDecreaseNoticeEvent],
  ["notice.group_increase", GroupIncreaseNoticeEvent],
  ["notice.group_ban", GroupBanNoticeEvent],
  ["notice.friend_add", FriendAddNoticeEvent],
  ["notice.group_recall", GroupRecallNoticeEvent],
  ["notice.friend_recall", FriendRecallNoticeEvent],
  ["notice.group_card", GroupCardNoticeEvent],
  ["notice.essence", EssenceNoticeEvent],
  ["notice.group_msg_emoji_like", GroupMsgEmojiLikeNoticeEvent],
  ["notice.bot_offline", BotOfflineNoticeEvent],
  ["notice.online_file_receive", OnlineFileReceiveNoticeEvent],
  ["notice.online_file_send", OnlineFileSendNoticeEvent],
  ["notice.notify.poke", PokeNotifyEvent],
  ["notice.notify.group_name", GroupNameNotifyEvent],
  ["notice.notify.title", TitleNotifyEvent],
  ["notice.notify.profile_like", ProfileLikeNotifyEvent],
  ["notice.notify.input_status", InputStatusNotifyEvent],
  ["notice.notify.gray_tip", GrayTipNotifyEvent],
  ["request.friend", FriendRequestEvent],
  ["request.group", GroupRequestEvent],
  ["meta_event.lifecycle", LifecycleEvent],
  ["meta_event.heartbeat", HeartbeatEvent],
] satisfies [LeafKey, EventCtor][]);

/**
 * The most specific class key of a payload, e.g. `"notice.notify.poke"`, or undefined if unknown:
 * the deepest of the payload's event keys ({@link eventKeysOf}, allocation-free) that has a class.
 */
export function leafKeyOf(payload: EventPayload): string | undefined {
  const keys = eventKeysOf(payload);
  for (let i = keys.length - 1; i >= 0; i -= 1) {
    const key = keys[i] as EventKey;
    if (CLASS_BY_KEY.has(key)) return key;
  }
  return undefined;
}

/**
 * Build the event object for a wire payload (called lazily by the dispatcher, once per event).
 * Unknown kinds become an {@link UnknownEvent} carrying the wire fields.
 */
export function createEvent(payload: EventPayload, api: BotAPI): BotEvent {
  const key = leafKeyOf(payload);
  const Ctor = key === undefined ? undefined : CLASS_BY_KEY.get(key);
  if (Ctor === undefined) return new UnknownEvent(payload, api);
  return new Ctor(payload as never, api);
}

/** Narrow to a group message (`message.group`). */
export function isGroupMessage(e: BotEvent): e is GroupMessageEvent {
  return e instanceof GroupMessageEvent;
}
/** Narrow to a private message (`message.private`). */
export function isPrivateMessage(e: BotEvent): e is PrivateMessageEvent {
  return e instanceof PrivateMessageEvent;
}
/** Narrow to a group or private message (`message`). */
export function isMessage(e: BotEvent): e is MessageEvent {
  return e instanceof GroupMessageEvent || e instanceof PrivateMessageEvent;
}
/** Narrow to the bot's own message (`message_sent`). */
export function isMessageSent(e: BotEvent): e is MessageSentEvent {
  return e instanceof GroupMessageSentEvent || e instanceof PrivateMessageSentEvent;
}
/** Narrow to any known notice (`notice`). */
export function isNotice(e: BotEvent): e is NoticeEvent {
  return !(e instanceof UnknownEvent) && e.post_type === "notice";
}
/** Narrow to a friend or group request (`request`). */
export function isRequest(e: BotEvent): e is RequestEvent {
  return e instanceof FriendRequestEvent || e instanceof GroupRequestEvent;
}
/** Narrow to a lifecycle or heartbeat event (`meta_event`). */
export function isMetaEvent(e: BotEvent): e is MetaEvent {
  return e instanceof LifecycleEvent || e instanceof HeartbeatEvent;
}
/** Narrow to a friend request (`request.friend`). */
export function isFriendRequest(e: BotEvent): e is FriendRequestEvent {
  return e instanceof FriendRequestEvent;
}
/** Narrow to a group join request or invitation (`request.group`). */
export function isGroupRequest(e: BotEvent): e is GroupRequestEvent {
  return e instanceof GroupRequestEvent;
}
