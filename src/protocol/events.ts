/**
 * Event payload types (re-exported from `event-payloads.ts`) and the dotted event keys
 * handlers register on, e.g. `bot.on("notice.notify.poke", ...)`.
 *
 * Key rule: every `post_type` is a key; every `post_type.<detail>` (detail =
 * `message_type` / `notice_type` / `request_type` / `meta_event_type`) is a key; a
 * `post_type.<detail>.<sub_type>` key exists when that detail's `sub_type` can take two
 * or more values (counting values NapCat declares but does not send). So there is
 * `notice.group_ban.ban` and `message.private.friend`, but no `message.group.normal`.
 *
 * @module
 */
import type {
  BotOfflineNoticePayload,
  EssenceNoticePayload,
  EventPayload,
  FriendAddNoticePayload,
  FriendRecallNoticePayload,
  FriendRequestPayload,
  GrayTipNotifyPayload,
  GroupAdminNoticePayload,
  GroupBanNoticePayload,
  GroupCardNoticePayload,
  GroupDecreaseNoticePayload,
  GroupIncreaseNoticePayload,
  GroupMessagePayload,
  GroupMessageSentPayload,
  GroupMsgEmojiLikeNoticePayload,
  GroupNameNotifyPayload,
  GroupRecallNoticePayload,
  GroupRequestPayload,
  GroupUploadNoticePayload,
  HeartbeatPayload,
  InputStatusNotifyPayload,
  LifecyclePayload,
  MessagePayload,
  MessageSentPayload,
  MetaEventPayload,
  NoticePayload,
  NotifyPayload,
  OnlineFileReceiveNoticePayload,
  OnlineFileSendNoticePayload,
  PokeNotifyPayload,
  PrivateMessagePayload,
  PrivateMessageSentPayload,
  ProfileLikeNotifyPayload,
  RequestPayload,
  TitleNotifyPayload,
} from "./event-payloads.js";

export type * from "./event-payloads.js";

/** `P` narrowed to one `sub_type` value. */
type Sub<P, S extends string> = P & { sub_type: S };

/** Event key -> the payload type a handler registered on that key receives. */
export interface EventPayloadMap {
  message: MessagePayload;
  "message.private": PrivateMessagePayload;
  "message.private.friend": Sub<PrivateMessagePayload, "friend">;
  "message.private.group": Sub<PrivateMessagePayload, "group">;
  "message.group": GroupMessagePayload;
  message_sent: MessageSentPayload;
  "message_sent.private": PrivateMessageSentPayload;
  "message_sent.private.friend": Sub<PrivateMessageSentPayload, "friend">;
  "message_sent.private.group": Sub<PrivateMessageSentPayload, "group">;
  "message_sent.group": GroupMessageSentPayload;
  notice: NoticePayload;
  "notice.group_upload": GroupUploadNoticePayload;
  "notice.group_admin": GroupAdminNoticePayload;
  "notice.group_admin.set": Sub<GroupAdminNoticePayload, "set">;
  "notice.group_admin.unset": Sub<GroupAdminNoticePayload, "unset">;
  "notice.group_decrease": GroupDecreaseNoticePayload;
  "notice.group_decrease.leave": Sub<GroupDecreaseNoticePayload, "leave">;
  "notice.group_decrease.kick": Sub<GroupDecreaseNoticePayload, "kick">;
  "notice.group_decrease.kick_me": Sub<GroupDecreaseNoticePayload, "kick_me">;
  "notice.group_decrease.disband": Sub<GroupDecreaseNoticePayload, "disband">;
  "notice.group_increase": GroupIncreaseNoticePayload;
  "notice.group_increase.approve": Sub<GroupIncreaseNoticePayload, "approve">;
  "notice.group_increase.invite": Sub<GroupIncreaseNoticePayload, "invite">;
  "notice.group_ban": GroupBanNoticePayload;
  "notice.group_ban.ban": Sub<GroupBanNoticePayload, "ban">;
  "notice.group_ban.lift_ban": Sub<GroupBanNoticePayload, "lift_ban">;
  "notice.friend_add": FriendAddNoticePayload;
  "notice.group_recall": GroupRecallNoticePayload;
  "notice.friend_recall": FriendRecallNoticePayload;
  "notice.notify": NotifyPayload;
  "notice.notify.poke": PokeNotifyPayload;
  "notice.notify.group_name": GroupNameNotifyPayload;
  "notice.notify.title": TitleNotifyPayload;
  "notice.notify.profile_like": ProfileLikeNotifyPayload;
  "notice.notify.input_status": InputStatusNotifyPayload;
  "notice.notify.gray_tip": GrayTipNotifyPayload;
  "notice.group_card": GroupCardNoticePayload;
  "notice.essence": EssenceNoticePayload;
  "notice.essence.add": Sub<EssenceNoticePayload, "add">;
  "notice.essence.delete": Sub<EssenceNoticePayload, "delete">;
  "notice.group_msg_emoji_like": GroupMsgEmojiLikeNoticePayload;
  "notice.bot_offline": BotOfflineNoticePayload;
  "notice.online_file_receive": OnlineFileReceiveNoticePayload;
  "notice.online_file_send": OnlineFileSendNoticePayload;
  "notice.online_file_send.receive": Sub<OnlineFileSendNoticePayload, "receive">;
  "notice.online_file_send.refuse": Sub<OnlineFileSendNoticePayload, "refuse">;
  request: RequestPayload;
  "request.friend": FriendRequestPayload;
  "request.group": GroupRequestPayload;
  "request.group.add": Sub<GroupRequestPayload, "add">;
  "request.group.invite": Sub<GroupRequestPayload, "invite">;
  meta_event: MetaEventPayload;
  "meta_event.lifecycle": LifecyclePayload;
  "meta_event.lifecycle.connect": Sub<LifecyclePayload, "connect">;
  "meta_event.lifecycle.enable": Sub<LifecyclePayload, "enable">;
  "meta_event.lifecycle.disable": Sub<LifecyclePayload, "disable">;
  "meta_event.heartbeat": HeartbeatPayload;
}

/** A dotted event key, e.g. `"message.group"`, `"notice.notify.poke"`, `"meta_event.heartbeat"`. */
export type EventKey = keyof EventPayloadMap;

/** Every event key, most general first within each `post_type`. Runtime twin of {@link EventKey}. */
export const EVENT_KEYS = [
  "message",
  "message.private",
  "message.private.friend",
  "message.private.group",
  "message.group",
  "message_sent",
  "message_sent.private",
  "message_sent.private.friend",
  "message_sent.private.group",
  "message_sent.group",
  "notice",
  "notice.group_upload",
  "notice.group_admin",
  "notice.group_admin.set",
  "notice.group_admin.unset",
  "notice.group_decrease",
  "notice.group_decrease.leave",
  "notice.group_decrease.kick",
  "notice.group_decrease.kick_me",
  "notice.group_decrease.disband",
  "notice.group_increase",
  "notice.group_increase.approve",
  "notice.group_increase.invite",
  "notice.group_ban",
  "notice.group_ban.ban",
  "notice.group_ban.lift_ban",
  "notice.friend_add",
  "notice.group_recall",
  "notice.friend_recall",
  "notice.notify",
  "notice.notify.poke",
  "notice.notify.group_name",
  "notice.notify.title",
  "notice.notify.profile_like",
  "notice.notify.input_status",
  "notice.notify.gray_tip",
  "notice.group_card",
  "notice.essence",
  "notice.essence.add",
  "notice.essence.delete",
  "notice.group_msg_emoji_like",
  "notice.bot_offline",
  "notice.online_file_receive",
  "notice.online_file_send",
  "notice.online_file_send.receive",
  "notice.online_file_send.refuse",
  "request",
  "request.friend",
  "request.group",
  "request.group.add",
  "request.group.invite",
  "meta_event",
  "meta_event.lifecycle",
  "meta_event.lifecycle.connect",
  "meta_event.lifecycle.enable",
  "meta_event.lifecycle.disable",
  "meta_event.heartbeat",
] as const satisfies readonly EventKey[];

/** The payload field naming the detail type under each `post_type`. */
export const DETAIL_FIELD = {
  message: "message_type",
  message_sent: "message_type",
  notice: "notice_type",
  request: "request_type",
  meta_event: "meta_event_type",
} as const satisfies Readonly<Record<EventPayload["post_type"], string>>;

interface KeyNode {
  /** Keys matched at this depth, most general first (frozen, shared). */
  readonly keys: readonly EventKey[];
  readonly children: Map<string, KeyNode>;
}

/** Tree of key parts -> precomputed key chains, built once from {@link EVENT_KEYS}. */
const KEY_TREE: Map<string, KeyNode> = buildKeyTree();

function buildKeyTree(): Map<string, KeyNode> {
  const root = new Map<string, KeyNode>();
  for (const key of EVENT_KEYS) {
    const parts = key.split(".");
    let level = root;
    let parent: KeyNode | undefined;
    for (const [index, part] of parts.entries()) {
      let node = level.get(part);
      if (!node) {
        const keys = Object.freeze([...(parent?.keys ?? []), parts.slice(0, index + 1).join(".")]);
        node = { keys: keys as readonly EventKey[], children: new Map() };
        level.set(part, node);
      }
      parent = node;
      level = node.children;
    }
  }
  return root;
}

const NO_KEYS: readonly EventKey[] = Object.freeze([]);

/**
 * The event keys a payload matches, most general first, e.g. a group poke gives
 * `["notice", "notice.notify", "notice.notify.poke"]`. Unknown detail or sub types
 * stop at the deepest known key; an unknown `post_type` gives `[]`.
 * Allocation-free: returns shared frozen arrays.
 */
export function eventKeysOf(payload: object): readonly EventKey[] {
  const wire = payload as Readonly<Record<string, unknown>>;
  const postType = wire.post_type;
  if (typeof postType !== "string") return NO_KEYS;
  const top = KEY_TREE.get(postType);
  if (!top) return NO_KEYS;
  const detailField = DETAIL_FIELD[postType as keyof typeof DETAIL_FIELD];
  const detail = wire[detailField];
  const second = typeof detail === "string" ? top.children.get(detail) : undefined;
  if (!second) return top.keys;
  const subType = wire.sub_type;
  const third = typeof subType === "string" ? second.children.get(subType) : undefined;
  return third ? third.keys : second.keys;
}
