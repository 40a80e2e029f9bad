/**
 * Message events (OneBot `post_type: "message"`) and the bot's own messages
 * (go-cqhttp `post_type: "message_sent"`), with `reply` / `delete` / `kick` / `ban`
 * shortcuts and a `Sync` twin of each.
 *
 * @module
 */

import { checkArg, SHORTCUT_SIGNATURES } from "../api/arguments.js";
import type { Id, MessageId, MessageInput, PostGroupMsgOptions } from "../api/compose.js";
import { step } from "../api/runner.js";
import { messageEventBase } from "./base.js";
import type {
  GroupMessageSentWire,
  GroupMessageWire,
  PrivateMessageSentWire,
  PrivateMessageWire,
} from "./payloads.js";
import type { MessageQuickOperation } from "./quick.js";
import { sendAnswer, shortcut } from "./shortcuts.js";

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
export class GroupMessageEvent extends messageEventBase<GroupMessageWire, MessageQuickOperation>() {
  /**
   * Reply in the group: quotes the message and @s the sender unless told otherwise
   * (NcatBot 4.x behaviour). Sends `send_group_msg`; resolves to the new message_id.
   */
  reply(content: ReplyContent, options?: GroupReplyOptions): Promise<MessageId> {
    return reply.run(this, content, options);
  }

  /**
   * Blocking form of {@link GroupMessageEvent.reply}: reply in the group, quoting the
   * message and @ing the sender unless told otherwise (`send_group_msg`); returns the message_id.
   */
  replySync(content: ReplyContent, options?: GroupReplyOptions): MessageId {
    return reply.runSync(this, content, options);
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
}

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
export class PrivateMessageEvent extends messageEventBase<
  PrivateMessageWire,
  Pick<MessageQuickOperation, "reply" | "auto_escape">
>() {
  /** Reply to the sender (`send_private_msg`), quoting the message unless `quote: false`. Resolves to the message_id. */
  reply(content: ReplyContent, options?: PrivateReplyOptions): Promise<MessageId> {
    return reply.run(this, content, options);
  }

  /** Blocking form of {@link PrivateMessageEvent.reply}: reply to the sender (`send_private_msg`); returns the message_id. */
  replySync(content: ReplyContent, options?: PrivateReplyOptions): MessageId {
    return reply.runSync(this, content, options);
  }
}

/**
 * `reply` of a group or a private message: quotes it unless `quote: false`; in a
 * group also @s the sender unless `at: false`.
 */
const reply = shortcut(function* (
  event: GroupMessageEvent | PrivateMessageEvent,
  content: ReplyContent,
  options: GroupReplyOptions | undefined,
) {
  checkArg("msg.reply", SHORTCUT_SIGNATURES.reply, 0, content);
  checkArg("msg.reply", SHORTCUT_SIGNATURES.reply, 1, options);
  const prefix: { reply?: MessageId; at?: Id } = {};
  if (options?.quote !== false) prefix.reply = event.message_id;
  if (event.message_type !== "group") {
    return yield* sendAnswer(event, { user_id: event.user_id }, content, prefix);
  }
  if (options?.at !== false) prefix.at = event.user_id;
  return yield* sendAnswer(event, { group_id: event.group_id }, content, prefix);
});

/** The bot's own group message (go-cqhttp `message_sent.group`, needs NapCat's reportSelfMessage). */
export class GroupMessageSentEvent extends messageEventBase<GroupMessageSentWire>() {}

/** The bot's own private message (go-cqhttp `message_sent.private`). */
export class PrivateMessageSentEvent extends messageEventBase<PrivateMessageSentWire>() {}
