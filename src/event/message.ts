/**
 * Message events (OneBot `post_type: "message"`) and the bot's own messages
 * (go-cqhttp `post_type: "message_sent"`), with `reply` / `delete` / `kick` / `ban`
 * shortcuts and a `Sync` twin of each.
 *
 * @module
 */

import { checkArg, SHORTCUT_SIGNATURES } from "../api/arguments.js";
import {
  composeReply,
  type Id,
  type MessageId,
  type MessageInput,
  messageIdOf,
  type PostGroupMsgOptions,
} from "../api/compose.js";
import { step } from "../api/runner.js";
import { messageEventBase } from "./base.js";
import type {
  GroupMessageSentWire,
  GroupMessageWire,
  PrivateMessageSentWire,
  PrivateMessageWire,
} from "./payloads.js";
import type { MessageQuickOperation } from "./quick.js";
import { deleteMessage, quickOperation, shortcut } from "./shortcuts.js";

/** What `reply` accepts: literal text, a MessageArray, wire segments, or `postGroupMsg`-style options. */
export type ReplyContent = MessageInput | PostGroupMsgOptions;

/** Options of `GroupMessageEvent.reply`. */
export interface GroupReplyOptions {
  /** @ the sender (followed by a space) in front of the content. Default `true` (NcatBot 4.x). */
  at?: boolean;
  /** Quote the message (a `reply` segment). Default `true` (NcatBot 4.x). */
  quote?: boolean;
}

/** Options of `PrivateMessageEvent.reply`. */
export interface PrivateReplyOptions {
  /** Quote the message (a `reply` segment). Default `true`, like NcatBot 4.x. */
  quote?: boolean;
}

/** Default ban length of `GroupMessageEvent.ban` in seconds (NcatBot 4.x `ban_duration=60`). */
export const DEFAULT_BAN_SECONDS = 60;

/**
 * A group message (OneBot `message.group`). Wire fields under their wire names
 * (`group_id`, `user_id`, `message_id`, `raw_message`, `sender`...); `message` is a MessageArray.
 *
 * @example
 * ```ts
 * bot.onGroupMessage(async (e) => { if (e.raw_message === "ping") await e.reply("pong"); });
 * ```
 */
export class GroupMessageEvent extends messageEventBase<GroupMessageWire>() {
  /**
   * Reply in the group: quotes the message and @s the sender unless told otherwise
   * (NcatBot 4.x behaviour). Sends `send_group_msg`; resolves to the new message_id.
   */
  reply(content: ReplyContent, options?: GroupReplyOptions): Promise<MessageId> {
    return groupReply.run(this, content, options);
  }

  /**
   * Blocking form of {@link GroupMessageEvent.reply}: reply in the group, quoting the
   * message and @ing the sender unless told otherwise (`send_group_msg`); returns the message_id.
   */
  replySync(content: ReplyContent, options?: GroupReplyOptions): MessageId {
    return groupReply.runSync(this, content, options);
  }

  /** Recall this message (`delete_msg`). The bot must be admin unless it sent it. */
  delete(): Promise<void> {
    return deleteMessage.run(this);
  }

  /** Blocking form of {@link GroupMessageEvent.delete}: recall this message (`delete_msg`). */
  deleteSync(): void {
    deleteMessage.runSync(this);
  }

  /** Kick the sender from the group (`set_group_kick`); `reject` also blocks re-joining. */
  kick(reject = false): Promise<void> {
    return kickSender.run(this, reject);
  }

  /** Blocking form of {@link GroupMessageEvent.kick}: kick the sender (`set_group_kick`). */
  kickSync(reject = false): void {
    kickSender.runSync(this, reject);
  }

  /** Mute the sender (`set_group_ban`) for `durationSeconds` (0 lifts the mute; default 60). */
  ban(durationSeconds: number = DEFAULT_BAN_SECONDS): Promise<void> {
    return banSender.run(this, durationSeconds);
  }

  /** Blocking form of {@link GroupMessageEvent.ban}: mute the sender (`set_group_ban`; 0 lifts the mute; default 60 s). */
  banSync(durationSeconds: number = DEFAULT_BAN_SECONDS): void {
    banSender.runSync(this, durationSeconds);
  }

  /**
   * OneBot quick operation: `reply`, `at_sender`, `delete`, `kick`, `ban`, `ban_duration`. In HTTP POST mode the operation rides back in the response to NapCat's
   * POST (no extra request); otherwise it is sent as `.handle_quick_operation`.
   */
  quickOperation(operation: MessageQuickOperation): Promise<void> {
    return quickOperation.run(this, operation);
  }

  /** Blocking form of {@link GroupMessageEvent.quickOperation}. */
  quickOperationSync(operation: MessageQuickOperation): void {
    quickOperation.runSync(this, operation);
  }
}

const groupReply = shortcut(function* (
  event: GroupMessageEvent,
  content: ReplyContent,
  options: GroupReplyOptions | undefined,
) {
  checkArg("msg.reply", SHORTCUT_SIGNATURES.reply, 0, content);
  checkArg("msg.reply", SHORTCUT_SIGNATURES.reply, 1, options);
  const prefix: { reply?: MessageId; at?: Id } = {};
  if (options?.quote !== false) prefix.reply = event.message_id;
  if (options?.at !== false) prefix.at = event.user_id;
  const message = composeReply(event.api, content, prefix);
  const sent = yield* step("send_group_msg", { group_id: event.group_id, message });
  return messageIdOf(sent, "send_group_msg");
});

const kickSender = shortcut(function* (event: GroupMessageEvent, reject: boolean) {
  yield* step("set_group_kick", {
    group_id: event.group_id,
    user_id: event.user_id,
    reject_add_request: reject,
  });
});

const banSender = shortcut(function* (event: GroupMessageEvent, durationSeconds: number) {
  checkArg("msg.ban", SHORTCUT_SIGNATURES.ban, 0, durationSeconds);
  yield* step("set_group_ban", {
    group_id: event.group_id,
    user_id: event.user_id,
    duration: durationSeconds,
  });
});

/**
 * A private message (OneBot `message.private`, friend or group temp session).
 * No `kick` / `ban`: they need a group.
 */
export class PrivateMessageEvent extends messageEventBase<PrivateMessageWire>() {
  /** Reply to the sender (`send_private_msg`), quoting the message unless `quote: false`. Resolves to the message_id. */
  reply(content: ReplyContent, options?: PrivateReplyOptions): Promise<MessageId> {
    return privateReply.run(this, content, options);
  }

  /** Blocking form of {@link PrivateMessageEvent.reply}: reply to the sender (`send_private_msg`); returns the message_id. */
  replySync(content: ReplyContent, options?: PrivateReplyOptions): MessageId {
    return privateReply.runSync(this, content, options);
  }

  /** Recall this message (`delete_msg`; QQ only lets you recall recent messages). */
  delete(): Promise<void> {
    return deleteMessage.run(this);
  }

  /** Blocking form of {@link PrivateMessageEvent.delete}: recall this message (`delete_msg`). */
  deleteSync(): void {
    deleteMessage.runSync(this);
  }

  /**
   * OneBot quick operation: `reply` (and `auto_escape`). In HTTP POST mode the operation rides back in the response to NapCat's
   * POST (no extra request); otherwise it is sent as `.handle_quick_operation`.
   */
  quickOperation(operation: Pick<MessageQuickOperation, "reply" | "auto_escape">): Promise<void> {
    return quickOperation.run(this, operation);
  }

  /** Blocking form of {@link PrivateMessageEvent.quickOperation}. */
  quickOperationSync(operation: Pick<MessageQuickOperation, "reply" | "auto_escape">): void {
    quickOperation.runSync(this, operation);
  }
}

const privateReply = shortcut(function* (
  event: PrivateMessageEvent,
  content: ReplyContent,
  options: PrivateReplyOptions | undefined,
) {
  checkArg("msg.reply", SHORTCUT_SIGNATURES.reply, 0, content);
  checkArg("msg.reply", SHORTCUT_SIGNATURES.reply, 1, options);
  const prefix: { reply?: MessageId } = {};
  if (options?.quote !== false) prefix.reply = event.message_id;
  const message = composeReply(event.api, content, prefix);
  const sent = yield* step("send_private_msg", { user_id: event.user_id, message });
  return messageIdOf(sent, "send_private_msg");
});

/** The bot's own group message (go-cqhttp `message_sent.group`, needs NapCat's reportSelfMessage). */
export class GroupMessageSentEvent extends messageEventBase<GroupMessageSentWire>() {
  /** Recall this message (`delete_msg`). */
  delete(): Promise<void> {
    return deleteMessage.run(this);
  }

  /** Blocking form of {@link GroupMessageSentEvent.delete}: recall this message (`delete_msg`). */
  deleteSync(): void {
    deleteMessage.runSync(this);
  }
}

/** The bot's own private message (go-cqhttp `message_sent.private`). */
export class PrivateMessageSentEvent extends messageEventBase<PrivateMessageSentWire>() {
  /** Recall this message (`delete_msg`). */
  delete(): Promise<void> {
    return deleteMessage.run(this);
  }

  /** Blocking form of {@link PrivateMessageSentEvent.delete}: recall this message (`delete_msg`). */
  deleteSync(): void {
    deleteMessage.runSync(this);
  }
}
