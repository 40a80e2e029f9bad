/**
 * Event objects: one class per NapCat event, wire fields under their wire names,
 * shortcuts (`reply`, `delete`, `kick`, `ban`, `approve`...) each with a `Sync` twin.
 *
 * @module
 */
export { EventCore } from "./base.js";
export {
  type BotEvent,
  createEvent,
  type EventByKey,
  type EventClassByLeafKey,
  type EventClassFor,
  isFriendRequest,
  isGroupMessage,
  isGroupRequest,
  isMessage,
  isMessageSent,
  isMetaEvent,
  isNotice,
  isPrivateMessage,
  isRequest,
  leafKeyOf,
  type MessageEvent,
  type MessageSentEvent,
  type MetaEvent,
  type NoticeEvent,
  type RequestEvent,
  UnknownEvent,
} from "./factory.js";
export {
  DEFAULT_BAN_SECONDS,
  GroupMessageEvent,
  GroupMessageSentEvent,
  type GroupReplyOptions,
  PrivateMessageEvent,
  PrivateMessageSentEvent,
  type PrivateReplyOptions,
  type ReplyContent,
} from "./message.js";
export { HeartbeatEvent, LifecycleEvent } from "./meta.js";
export * from "./notice.js";
export {
  type FriendRequestQuickOperation,
  type GroupRequestQuickOperation,
  type MessageQuickOperation,
  QUICK_OPERATION_SLOT,
  type QuickOperation,
  type QuickOperationHolder,
} from "./quick.js";
export { FriendRequestEvent, GroupRequestEvent } from "./request.js";
