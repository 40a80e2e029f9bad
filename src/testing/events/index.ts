/**
 * Event factories for tests (`ncatbot/testing`): `events.groupMessage("ping")`,
 * `events.groupIncrease({ user_id: 1983000004 })`... One per event of NapCat's
 * catalog (29), each shaped exactly like the catalog's example payload.
 *
 * @example
 * ```ts
 * import { events } from "ncatbot/testing";
 * await bot.handleEvent(events.groupMessage({ text: "ping", group_id: 736000003 }));
 * await fake.emit(events.poke({ target_id: fake.selfId }));
 * ```
 *
 * @module
 */
import type {
  BotOfflineNoticePayload,
  EssenceNoticePayload,
  FriendAddNoticePayload,
  FriendPokeNotifyPayload,
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
  GroupPokeNotifyPayload,
  GroupRecallNoticePayload,
  GroupRequestPayload,
  GroupUploadNoticePayload,
  HeartbeatPayload,
  InputStatusNotifyPayload,
  LifecyclePayload,
  OnlineFileReceiveNoticePayload,
  OnlineFileSendNoticePayload,
  PrivateMessagePayload,
  PrivateMessageSentPayload,
  ProfileLikeNotifyPayload,
  TitleNotifyPayload,
} from "../../protocol/index.js";
import { factory, messageFactory } from "./factories.js";

export {
  EVENT_CATALOG_NAMES,
  EVENT_EXAMPLES,
  type EventFactoryName,
} from "./examples.generated.js";
export type { EventInput, MessageContentInput, MessageEventInput } from "./factories.js";
export type { DeepPartial } from "./merge.js";

/**
 * One factory per NapCat event. Message factories take text (`"ping"`), `{ text }`,
 * `{ message }` (CQ string or segments) plus fields to change; the others take the
 * fields to change. Changes are deep-merged into the catalog example; `time` is now
 * and message ids are fresh on every call.
 */
export const events = {
  /** OneBot `meta_event.lifecycle` (`sub_type: "connect"`). */
  lifecycle: factory<LifecyclePayload>("lifecycle"),
  /** OneBot `meta_event.heartbeat`. */
  heartbeat: factory<HeartbeatPayload>("heartbeat"),
  /** OneBot `message.private` (friend message by default). */
  privateMessage: messageFactory<PrivateMessagePayload>("privateMessage", "received"),
  /** OneBot `message.group`. */
  groupMessage: messageFactory<GroupMessagePayload>("groupMessage", "received"),
  /** NapCat `message_sent.private`: the bot's own private message. */
  privateMessageSent: messageFactory<PrivateMessageSentPayload>("privateMessageSent", "sent"),
  /** NapCat `message_sent.group`: the bot's own group message. */
  groupMessageSent: messageFactory<GroupMessageSentPayload>("groupMessageSent", "sent"),
  /** OneBot `notice.group_upload`. */
  groupUpload: factory<GroupUploadNoticePayload>("groupUpload"),
  /** OneBot `notice.group_admin` (`set` / `unset`). */
  groupAdmin: factory<GroupAdminNoticePayload>("groupAdmin"),
  /** OneBot `notice.group_decrease` (`leave` / `kick` / `kick_me` / `disband`). */
  groupDecrease: factory<GroupDecreaseNoticePayload>("groupDecrease"),
  /** OneBot `notice.group_increase` (`approve` / `invite`). */
  groupIncrease: factory<GroupIncreaseNoticePayload>("groupIncrease"),
  /** OneBot `notice.group_ban` (`ban` / `lift_ban`). */
  groupBan: factory<GroupBanNoticePayload>("groupBan"),
  /** OneBot `notice.friend_add`. */
  friendAdd: factory<FriendAddNoticePayload>("friendAdd"),
  /** OneBot `notice.group_recall`. */
  groupRecall: factory<GroupRecallNoticePayload>("groupRecall"),
  /** OneBot `notice.friend_recall`. */
  friendRecall: factory<FriendRecallNoticePayload>("friendRecall"),
  /** OneBot `notice.notify.poke` in a group. */
  poke: factory<GroupPokeNotifyPayload>("poke"),
  /** OneBot `notice.notify.poke` in a private chat (has `sender_id`, no `group_id`). */
  friendPoke: factory<FriendPokeNotifyPayload>("friendPoke"),
  /** NapCat `notice.notify.group_name`. */
  groupName: factory<GroupNameNotifyPayload>("groupName"),
  /** NapCat `notice.notify.title`. */
  title: factory<TitleNotifyPayload>("title"),
  /** NapCat `notice.notify.profile_like`. */
  profileLike: factory<ProfileLikeNotifyPayload>("profileLike"),
  /** NapCat `notice.notify.input_status`. */
  inputStatus: factory<InputStatusNotifyPayload>("inputStatus"),
  /** NapCat `notice.notify.gray_tip`. */
  grayTip: factory<GrayTipNotifyPayload>("grayTip"),
  /** NapCat `notice.group_card`. */
  groupCard: factory<GroupCardNoticePayload>("groupCard"),
  /** NapCat `notice.essence` (`add`). */
  essence: factory<EssenceNoticePayload>("essence"),
  /** NapCat `notice.group_msg_emoji_like`. */
  groupMsgEmojiLike: factory<GroupMsgEmojiLikeNoticePayload>("groupMsgEmojiLike"),
  /** NapCat `notice.bot_offline`. */
  botOffline: factory<BotOfflineNoticePayload>("botOffline"),
  /** NapCat `notice.online_file_receive` (`cancel`). */
  onlineFileReceive: factory<OnlineFileReceiveNoticePayload>("onlineFileReceive"),
  /** NapCat `notice.online_file_send` (`receive` / `refuse`). */
  onlineFileSend: factory<OnlineFileSendNoticePayload>("onlineFileSend"),
  /** OneBot `request.friend`. */
  friendRequest: factory<FriendRequestPayload>("friendRequest"),
  /** OneBot `request.group` (`add` / `invite`). */
  groupRequest: factory<GroupRequestPayload>("groupRequest"),
} as const;

/** The `events` factory table's type. */
export type EventFactories = typeof events;
