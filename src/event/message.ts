/**
 * Message events (OneBot `post_type: "message"`) and the bot's own messages
 * (go-cqhttp `post_type: "message_sent"`), with `reply` / `delete` / `kick` / `ban`
 * shortcuts and a `Sync` twin of each.
 *
 * @module
 */
import {
  composeReply,
  type Id,
  type MessageId,
  type MessageInput,
  messageIdOf,
  type PostGroupMsgOptions,
} from "../api/compose.js";
import { messageEventBase } from "./base.js";
import type {
  GroupMessageSentWire,
  GroupMessageWire,
  PrivateMessageSentWire,
  PrivateMessageWire,
} from "./payloads.js";
import { type MessageQuickOperation, quickOperation, quickOperationSync } from "./quick.js";

/** `send_group_msg`'s answer -> its message_id (shared by every reply). */
const GROUP_MESSAGE_ID = (result: unknown): MessageId => messageIdOf(result, "send_group_msg");
/** `send_private_msg`'s answer -> its message_id (shared by every reply). */
const PRIVATE_MESSAGE_ID = (result: unknown): MessageId => messageIdOf(result, "send_private_msg");

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
  #replyParams(content: ReplyContent, options: GroupReplyOptions | undefined) {
    const prefix: { reply?: MessageId; at?: Id } = {};
    if (options?.quote !== false) prefix.reply = this.message_id;
    if (options?.at !== false) prefix.at = this.user_id;
    return { group_id: this.group_id, message: composeReply(this.api, content, prefix) };
  }

  /**
   * Reply in the group: quotes the message and @s the sender unless told otherwise
   * (NcatBot 4.x behaviour). Sends `send_group_msg`; resolves to the new message_id.
   */
  reply(content: ReplyContent, options?: GroupReplyOptions): Promise<MessageId> {
    // Not `async`: one promise fewer per reply; a validation error still rejects.
    try {
      return this.api.sendGroupMsg(this.#replyParams(content, options)).then(GROUP_MESSAGE_ID);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Blocking twin of {@link GroupMessageEvent.reply}. */
  replySync(content: ReplyContent, options?: GroupReplyOptions): MessageId {
    return messageIdOf(
      this.api.sendGroupMsgSync(this.#replyParams(content, options)),
      "send_group_msg",
    );
  }

  /** Recall this message (`delete_msg`). The bot must be admin unless it sent it. */
  async delete(): Promise<void> {
    await this.api.deleteMsg({ message_id: this.message_id });
  }

  /** Blocking twin of {@link GroupMessageEvent.delete}. */
  deleteSync(): void {
    this.api.deleteMsgSync({ message_id: this.message_id });
  }

  /** Kick the sender from the group (`set_group_kick`); `reject` also blocks re-joining. */
  async kick(reject = false): Promise<void> {
    await this.api.setGroupKick({
      group_id: this.group_id,
      user_id: this.user_id,
      reject_add_request: reject,
    });
  }

  /** Blocking twin of {@link GroupMessageEvent.kick}. */
  kickSync(reject = false): void {
    this.api.setGroupKickSync({
      group_id: this.group_id,
      user_id: this.user_id,
      reject_add_request: reject,
    });
  }

  /** Mute the sender (`set_group_ban`) for `durationSeconds` (0 lifts the mute; default 60). */
  async ban(durationSeconds: number = DEFAULT_BAN_SECONDS): Promise<void> {
    await this.api.setGroupBan({
      group_id: this.group_id,
      user_id: this.user_id,
      duration: durationSeconds,
    });
  }

  /** Blocking twin of {@link GroupMessageEvent.ban}. */
  banSync(durationSeconds: number = DEFAULT_BAN_SECONDS): void {
    this.api.setGroupBanSync({
      group_id: this.group_id,
      user_id: this.user_id,
      duration: durationSeconds,
    });
  }

  /**
   * OneBot quick operation: `reply`, `at_sender`, `delete`, `kick`, `ban`, `ban_duration`. In HTTP POST mode the operation rides back in the response to NapCat's
   * POST (no extra request); otherwise it is sent as `.handle_quick_operation`.
   */
  async quickOperation(operation: MessageQuickOperation): Promise<void> {
    await quickOperation(this, this.api, operation);
  }

  /** Blocking twin of {@link GroupMessageEvent.quickOperation}. */
  quickOperationSync(operation: MessageQuickOperation): void {
    quickOperationSync(this, this.api, operation);
  }
}

/**
 * A private message (OneBot `message.private`, friend or group temp session).
 * No `kick` / `ban`: they need a group.
 */
export class PrivateMessageEvent extends messageEventBase<PrivateMessageWire>() {
  #replyParams(content: ReplyContent, options: PrivateReplyOptions | undefined) {
    const prefix: { reply?: MessageId } = {};
    if (options?.quote !== false) prefix.reply = this.message_id;
    return { user_id: this.user_id, message: composeReply(this.api, content, prefix) };
  }

  /** Reply to the sender (`send_private_msg`), quoting the message unless `quote: false`. Resolves to the message_id. */
  reply(content: ReplyContent, options?: PrivateReplyOptions): Promise<MessageId> {
    // Not `async`: one promise fewer per reply; a validation error still rejects.
    try {
      return this.api.sendPrivateMsg(this.#replyParams(content, options)).then(PRIVATE_MESSAGE_ID);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Blocking twin of {@link PrivateMessageEvent.reply}. */
  replySync(content: ReplyContent, options?: PrivateReplyOptions): MessageId {
    return messageIdOf(
      this.api.sendPrivateMsgSync(this.#replyParams(content, options)),
      "send_private_msg",
    );
  }

  /** Recall this message (`delete_msg`; QQ only lets you recall recent messages). */
  async delete(): Promise<void> {
    await this.api.deleteMsg({ message_id: this.message_id });
  }

  /** Blocking twin of {@link PrivateMessageEvent.delete}. */
  deleteSync(): void {
    this.api.deleteMsgSync({ message_id: this.message_id });
  }

  /**
   * OneBot quick operation: `reply` (and `auto_escape`). In HTTP POST mode the operation rides back in the response to NapCat's
   * POST (no extra request); otherwise it is sent as `.handle_quick_operation`.
   */
  async quickOperation(
    operation: Pick<MessageQuickOperation, "reply" | "auto_escape">,
  ): Promise<void> {
    await quickOperation(this, this.api, operation);
  }

  /** Blocking twin of {@link PrivateMessageEvent.quickOperation}. */
  quickOperationSync(operation: Pick<MessageQuickOperation, "reply" | "auto_escape">): void {
    quickOperationSync(this, this.api, operation);
  }
}

/** The bot's own group message (go-cqhttp `message_sent.group`, needs NapCat's reportSelfMessage). */
export class GroupMessageSentEvent extends messageEventBase<GroupMessageSentWire>() {
  /** Recall this message (`delete_msg`). */
  async delete(): Promise<void> {
    await this.api.deleteMsg({ message_id: this.message_id });
  }

  /** Blocking twin of {@link GroupMessageSentEvent.delete}. */
  deleteSync(): void {
    this.api.deleteMsgSync({ message_id: this.message_id });
  }
}

/** The bot's own private message (go-cqhttp `message_sent.private`). */
export class PrivateMessageSentEvent extends messageEventBase<PrivateMessageSentWire>() {
  /** Recall this message (`delete_msg`). */
  async delete(): Promise<void> {
    await this.api.deleteMsg({ message_id: this.message_id });
  }

  /** Blocking twin of {@link PrivateMessageSentEvent.delete}. */
  deleteSync(): void {
    this.api.deleteMsgSync({ message_id: this.message_id });
  }
}
