/**
 * The 29 events NapCat emits, as wire payload types (OneBot 11 + NapCat extensions),
 * written from `protocol/napcat/events.json`. Field names are the wire names.
 *
 * Discriminants: `post_type` -> `message_type` / `notice_type` / `request_type` /
 * `meta_event_type` -> `sub_type`.
 *
 * @module
 */
import type { ReceiveSegment } from "./segments.js";

/** Fields every event carries. */
export interface EventPayloadBase {
  /** Unix time in seconds when the event happened / was built. */
  time: number;
  /** QQ number of the bot account that received the event. */
  self_id: number;
  /** OneBot `post_type`. */
  post_type: "message" | "message_sent" | "notice" | "request" | "meta_event";
}

// ---------------------------------------------------------------- messages

/** `sender` of a message event. NapCat sends no `sex`/`age` and no `anonymous`. */
export interface MessageSender {
  /** Sender QQ number. */
  user_id: number;
  /** Sender nickname. */
  nickname: string;
  /** Group card (`""` in private chats). */
  card: string;
  /** Group role; group messages only. */
  role?: "owner" | "admin" | "member";
}

/** Fields shared by `message` and `message_sent` events. */
export interface MessagePayloadBase extends EventPayloadBase {
  post_type: "message" | "message_sent";
  /** `private` or `group`. */
  message_type: "private" | "group";
  /**
   * OneBot short message id: a positive int32 hash NapCat keeps in memory (~5000 recent ids).
   * Use it with `get_msg` / `delete_msg` / reply segments.
   */
  message_id: number;
  /** Same value as `message_id` (NOT the QQ sequence number). */
  message_seq: number;
  /** Same value as `message_id`. */
  real_id: number;
  /** The real QQ message sequence (msgSeq), as a string. */
  real_seq: string;
  /** Sender QQ number. */
  user_id: number;
  /** Sender info. */
  sender: MessageSender;
  /**
   * The message as segments. NapCat sends a CQ-code string instead when the connection's
   * `messagePostFormat` is `string` (see `message_format`); NcatBot expects `array`.
   */
  message: ReceiveSegment[];
  /** `array` or `string`: mirrors the connection's `messagePostFormat`. */
  message_format: "array" | "string";
  /** CQ-code rendering of the message (always present). */
  raw_message: string;
  /** Always 14. */
  font: number;
  /** Peer id: set for private messages and for every message sent by the bot itself. */
  target_id?: number;
  /** `self` when the sender is the bot account. */
  message_sent_type?: string;
  /** Raw NTQQ message object; only when the connection has `debug=true`. Loosely typed. */
  raw?: unknown;
}

/** Fields of private messages (received or sent). */
interface PrivateMessageFields extends MessagePayloadBase {
  message_type: "private";
  /** `friend`, or `group` for a temporary session started from a group. */
  sub_type: "friend" | "group";
  /** Group of a temporary session (`sub_type: "group"`); 284840486 when unresolvable. */
  group_id?: number;
  /** Always 0; only on temporary-session messages. */
  temp_source?: number;
}

/** Fields of group messages (received or sent). */
interface GroupMessageFields extends MessagePayloadBase {
  message_type: "group";
  /** Always `normal` in NapCat (no `anonymous` / `notice`). */
  sub_type: "normal";
  /** Group id. */
  group_id: number;
  /** Group name. */
  group_name: string;
}

/** OneBot `message.private`: a private (friend or temporary-session) message arrives. */
export interface PrivateMessagePayload extends PrivateMessageFields {
  post_type: "message";
}

/** OneBot `message.group`: a group message arrives. */
export interface GroupMessagePayload extends GroupMessageFields {
  post_type: "message";
}

/**
 * NapCat `message_sent.private`: a private message sent by the bot account was confirmed
 * (only with `reportSelfMessage=true`).
 */
export interface PrivateMessageSentPayload extends PrivateMessageFields {
  post_type: "message_sent";
}

/**
 * NapCat `message_sent.group`: a group message sent by the bot account was confirmed
 * (only with `reportSelfMessage=true`).
 */
export interface GroupMessageSentPayload extends GroupMessageFields {
  post_type: "message_sent";
}

/** Any received message (`post_type: "message"`). */
export type MessagePayload = GroupMessagePayload | PrivateMessagePayload;

/** Any message sent by the bot account itself (`post_type: "message_sent"`). */
export type MessageSentPayload = GroupMessageSentPayload | PrivateMessageSentPayload;

// ---------------------------------------------------------------- notices

/** Fields every notice carries. */
export interface NoticePayloadBase extends EventPayloadBase {
  post_type: "notice";
  /** OneBot `notice_type`. */
  notice_type: string;
}

/** OneBot `notice.group_upload`: someone uploaded a group file. */
export interface GroupUploadNoticePayload extends NoticePayloadBase {
  notice_type: "group_upload";
  group_id: number;
  /** Uploader. */
  user_id: number;
  /** The file; `id` works with `get_file` / `get_group_file_url`. */
  file: { id: string; name: string; size: number; busid: number };
}

/** OneBot `notice.group_admin`: a member became admin (`set`) or lost it (`unset`). No operator_id. */
export interface GroupAdminNoticePayload extends NoticePayloadBase {
  notice_type: "group_admin";
  sub_type: "set" | "unset";
  group_id: number;
  user_id: number;
}

/** OneBot `notice.group_decrease`: a member left, was kicked, the bot was kicked, or the group was disbanded (NapCat). */
export interface GroupDecreaseNoticePayload extends NoticePayloadBase {
  notice_type: "group_decrease";
  sub_type: "leave" | "kick" | "kick_me" | "disband";
  group_id: number;
  /** Member who left. */
  user_id: number;
  /** Operator (0 when NapCat cannot tell). */
  operator_id: number;
}

/** OneBot `notice.group_increase`: a member joined (approved request or invitation), the bot included. */
export interface GroupIncreaseNoticePayload extends NoticePayloadBase {
  notice_type: "group_increase";
  sub_type: "approve" | "invite";
  group_id: number;
  /** Member who joined. */
  user_id: number;
  /** Approver / inviter (0 if unknown). */
  operator_id: number;
}

/** OneBot `notice.group_ban`: a member was muted / unmuted; whole-group mute has `user_id` 0. */
export interface GroupBanNoticePayload extends NoticePayloadBase {
  notice_type: "group_ban";
  sub_type: "ban" | "lift_ban";
  group_id: number;
  /** Muted member; 0 for the whole-group mute. */
  user_id: number;
  /** Admin who did it. */
  operator_id: number;
  /** Seconds; 0 for lift_ban; -1 when whole-group mute is turned on. */
  duration: number;
}

/** OneBot `notice.friend_add`: a new friend was added. */
export interface FriendAddNoticePayload extends NoticePayloadBase {
  notice_type: "friend_add";
  /** New friend. */
  user_id: number;
}

/** OneBot `notice.group_recall`: a group message was recalled. */
export interface GroupRecallNoticePayload extends NoticePayloadBase {
  notice_type: "group_recall";
  group_id: number;
  /** Original sender. */
  user_id: number;
  /** Who recalled it. */
  operator_id: number;
  /** Short id of the recalled message. */
  message_id: number;
}

/** OneBot `notice.friend_recall`: a private message was recalled. */
export interface FriendRecallNoticePayload extends NoticePayloadBase {
  notice_type: "friend_recall";
  /** Original sender. */
  user_id: number;
  /** Short id of the recalled message. */
  message_id: number;
}

/** Fields every `notice.notify` carries. */
export interface NotifyPayloadBase extends NoticePayloadBase {
  notice_type: "notify";
  /** Which notify this is. */
  sub_type: "poke" | "group_name" | "title" | "profile_like" | "input_status" | "gray_tip";
}

/** OneBot `notice.notify.poke` in a group: someone poked (拍一拍) someone. */
export interface GroupPokeNotifyPayload extends NotifyPayloadBase {
  sub_type: "poke";
  group_id: number;
  /** Who poked. */
  user_id: number;
  /** Who was poked. */
  target_id: number;
  /** Raw gray-tip items (poke text, icons, uids). Loosely typed. */
  raw_info: unknown[];
}

/** OneBot `notice.notify.poke` in a private chat (no `group_id`; has `sender_id`). */
export interface FriendPokeNotifyPayload extends NotifyPayloadBase {
  sub_type: "poke";
  /** The friend (private chat peer). */
  user_id: number;
  /** Who poked. */
  sender_id: number;
  /** Who was poked. */
  target_id: number;
  /** Raw gray-tip items. Loosely typed. */
  raw_info: unknown[];
}

/** `notice.notify.poke`: a group or a friend poke (tell them apart by `group_id`). */
export type PokeNotifyPayload = GroupPokeNotifyPayload | FriendPokeNotifyPayload;

/** NapCat `notice.notify.group_name`: the group was renamed. */
export interface GroupNameNotifyPayload extends NotifyPayloadBase {
  sub_type: "group_name";
  group_id: number;
  /** Who renamed it. */
  user_id: number;
  /** New group name. */
  name_new: string;
}

/** NapCat `notice.notify.title`: a member got a new special title. */
export interface TitleNotifyPayload extends NotifyPayloadBase {
  sub_type: "title";
  group_id: number;
  user_id: number;
  /** New title. */
  title: string;
}

/** NapCat `notice.notify.profile_like`: someone liked (赞) the bot's profile. */
export interface ProfileLikeNotifyPayload extends NotifyPayloadBase {
  sub_type: "profile_like";
  /** Who liked. */
  operator_id: number;
  /** Their nickname. */
  operator_nick: string;
  /** How many likes. */
  times: number;
}

/** NapCat `notice.notify.input_status`: a private-chat peer started / stopped typing. */
export interface InputStatusNotifyPayload extends NotifyPayloadBase {
  sub_type: "input_status";
  /** Text from QQ, e.g. "对方正在输入...". */
  status_text: string;
  /** NT input event type (1 = typing). */
  event_type: number;
  /** Peer QQ. */
  user_id: number;
  /** Always 0. */
  group_id: number;
}

/** NapCat `notice.notify.gray_tip`: a group gray tip NapCat does not understand, with a real sender (may be forged). */
export interface GrayTipNotifyPayload extends NotifyPayloadBase {
  sub_type: "gray_tip";
  group_id: number;
  /** Real sender. */
  user_id: number;
  /** Short id of the gray-tip message (recallable). */
  message_id: number;
  /** QQ business id. */
  busi_id: string;
  /** The gray tip JSON string. */
  content: string;
  /** `{msgSeq, msgTime, msgId, json}`. Loosely typed. */
  raw_info: Record<string, unknown>;
}

/** Every `notice.notify` payload. */
export type NotifyPayload =
  | GroupPokeNotifyPayload
  | FriendPokeNotifyPayload
  | GroupNameNotifyPayload
  | TitleNotifyPayload
  | ProfileLikeNotifyPayload
  | InputStatusNotifyPayload
  | GrayTipNotifyPayload;

/** NapCat `notice.group_card`: a member's group card changed (detected lazily; may be late or missed). */
export interface GroupCardNoticePayload extends NoticePayloadBase {
  notice_type: "group_card";
  group_id: number;
  user_id: number;
  card_new: string;
  card_old: string;
}

/** NapCat `notice.essence`: a message was set as essence (`delete` is declared but never sent). */
export interface EssenceNoticePayload extends NoticePayloadBase {
  notice_type: "essence";
  sub_type: "add" | "delete";
  group_id: number;
  /** Equals `sender_id`. */
  user_id: number;
  /** Short id of the message. */
  message_id: number;
  /** Original sender. */
  sender_id: number;
  /** Who set it (0 if unknown). */
  operator_id: number;
}

/** NapCat `notice.group_msg_emoji_like`: someone added or removed a reaction on a group message. */
export interface GroupMsgEmojiLikeNoticePayload extends NoticePayloadBase {
  notice_type: "group_msg_emoji_like";
  group_id: number;
  /** Who reacted. */
  user_id: number;
  /** Short id of the reacted message. */
  message_id: number;
  /** One entry, count 1. */
  likes: { emoji_id: string; count: number }[];
  /** `true` = added, `false` = removed. */
  is_add: boolean;
}

/** NapCat `notice.bot_offline`: the account was kicked offline. */
export interface BotOfflineNoticePayload extends NoticePayloadBase {
  notice_type: "bot_offline";
  /** Bot QQ. */
  user_id: number;
  /** Kick title from QQ. */
  tag: string;
  /** Kick description from QQ. */
  message: string;
}

/** NapCat `notice.online_file_receive`: the friend cancelled an online file transfer. */
export interface OnlineFileReceiveNoticePayload extends NoticePayloadBase {
  notice_type: "online_file_receive";
  sub_type: "cancel";
  /** Friend QQ. */
  peer_id: number;
}

/** NapCat `notice.online_file_send`: the friend accepted (`receive`) or refused an online file you sent. */
export interface OnlineFileSendNoticePayload extends NoticePayloadBase {
  notice_type: "online_file_send";
  sub_type: "receive" | "refuse";
  /** Friend QQ. */
  peer_id: number;
}

/** Any notice (`post_type: "notice"`). */
export type NoticePayload =
  | GroupUploadNoticePayload
  | GroupAdminNoticePayload
  | GroupDecreaseNoticePayload
  | GroupIncreaseNoticePayload
  | GroupBanNoticePayload
  | FriendAddNoticePayload
  | GroupRecallNoticePayload
  | FriendRecallNoticePayload
  | NotifyPayload
  | GroupCardNoticePayload
  | EssenceNoticePayload
  | GroupMsgEmojiLikeNoticePayload
  | BotOfflineNoticePayload
  | OnlineFileReceiveNoticePayload
  | OnlineFileSendNoticePayload;

// ---------------------------------------------------------------- requests

/** OneBot `request.friend`: someone sent a friend request. */
export interface FriendRequestPayload extends EventPayloadBase {
  post_type: "request";
  request_type: "friend";
  /** Requester. */
  user_id: number;
  /** Verification message. */
  comment: string;
  /** Pass to `set_friend_add_request`. */
  flag: string;
}

/** OneBot `request.group`: a join request (`add`) or an invitation of the bot (`invite`). */
export interface GroupRequestPayload extends EventPayloadBase {
  post_type: "request";
  request_type: "group";
  sub_type: "add" | "invite";
  group_id: number;
  /** Requester (add) or inviter (invite). */
  user_id: number;
  /** Join message (empty for invitations). */
  comment: string;
  /** Pass to `set_group_add_request`. */
  flag: string;
}

/** Any request (`post_type: "request"`). */
export type RequestPayload = FriendRequestPayload | GroupRequestPayload;

// ---------------------------------------------------------------- meta events

/**
 * OneBot `meta_event.lifecycle`: sent once per event connection (forward WS except `/api`,
 * reverse WS). NapCat only emits `connect`; `enable`/`disable` are declared but never sent.
 */
export interface LifecyclePayload extends EventPayloadBase {
  post_type: "meta_event";
  meta_event_type: "lifecycle";
  sub_type: "connect" | "enable" | "disable";
}

/** OneBot `meta_event.heartbeat`: every `heartInterval` ms (default 30000) on WebSocket connections. */
export interface HeartbeatPayload extends EventPayloadBase {
  post_type: "meta_event";
  meta_event_type: "heartbeat";
  /** `online` is true when unknown; `good` is always true. */
  status: { online: boolean; good: boolean };
  /** Heartbeat interval in ms. */
  interval: number;
}

/** Any meta event (`post_type: "meta_event"`). */
export type MetaEventPayload = LifecyclePayload | HeartbeatPayload;

/** Every event NapCat emits: the discriminated union over `post_type` and its detail type. */
export type EventPayload =
  | MessagePayload
  | MessageSentPayload
  | NoticePayload
  | RequestPayload
  | MetaEventPayload;
