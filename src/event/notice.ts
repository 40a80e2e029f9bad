/**
 * Notice events (OneBot `post_type: "notice"`), one class per `notice_type`
 * (and per `notify` sub type). Fields keep their wire names.
 *
 * @module
 */
import type { MessageId } from "../api/compose.js";
import { eventBase, need } from "./base.js";
import type { ReplyContent } from "./message.js";
import type { Flatten, NoticeWire, NotifyWire } from "./payloads.js";
import { sendAnswer, shortcut } from "./shortcuts.js";

/** `notice.group_upload`: a file was uploaded to the group (`file`: id, name, size, busid). */
export class GroupUploadNoticeEvent extends eventBase<NoticeWire<"group_upload">>() {}

/** `notice.group_admin`: a member became admin (`sub_type: "set"`) or stopped being one (`"unset"`). */
export class GroupAdminNoticeEvent extends eventBase<NoticeWire<"group_admin">>() {}

/** `notice.group_decrease`: leave / kick / kick_me / disband. */
export class GroupDecreaseNoticeEvent extends eventBase<NoticeWire<"group_decrease">>() {}

/** `notice.group_increase`: a member joined (approve / invite), possibly the bot itself. */
export class GroupIncreaseNoticeEvent extends eventBase<NoticeWire<"group_increase">>() {
  /** Greet the new member in the group: @ them followed by `content` (`send_group_msg`). Resolves to the message_id. */
  welcome(content: ReplyContent): Promise<MessageId> {
    return welcomeMember.run(this, content);
  }

  /** Blocking form of {@link GroupIncreaseNoticeEvent.welcome}: greet the new member (`send_group_msg`); returns the message_id. */
  welcomeSync(content: ReplyContent): MessageId {
    return welcomeMember.runSync(this, content);
  }
}

const welcomeMember = shortcut(function* (event: GroupIncreaseNoticeEvent, content: ReplyContent) {
  return yield* sendAnswer(event, { group_id: event.group_id }, content, { at: event.user_id });
});

/** `notice.group_ban`: a member was muted (`ban`, `duration` seconds) or unmuted (`lift_ban`); user_id 0 = whole group. */
export class GroupBanNoticeEvent extends eventBase<NoticeWire<"group_ban">>() {}

/** `notice.friend_add`: a new friend was added. */
export class FriendAddNoticeEvent extends eventBase<NoticeWire<"friend_add">>() {}

/** `notice.group_recall`: a group message was recalled (`operator_id` recalled `user_id`'s `message_id`). */
export class GroupRecallNoticeEvent extends eventBase<NoticeWire<"group_recall">>() {}

/** `notice.friend_recall`: a private message was recalled. */
export class FriendRecallNoticeEvent extends eventBase<NoticeWire<"friend_recall">>() {}

/** `notice.group_card`: a member's group card changed (`card_old` -> `card_new`). */
export class GroupCardNoticeEvent extends eventBase<NoticeWire<"group_card">>() {}

/** `notice.essence`: a message was set as essence. */
export class EssenceNoticeEvent extends eventBase<NoticeWire<"essence">>() {}

/** `notice.group_msg_emoji_like` (NapCat): an emoji reaction was added or removed (`is_add`, `likes`). */
export class GroupMsgEmojiLikeNoticeEvent extends eventBase<NoticeWire<"group_msg_emoji_like">>() {}

/** `notice.bot_offline` (NapCat): the account was kicked offline (`tag`, `message`). */
export class BotOfflineNoticeEvent extends eventBase<NoticeWire<"bot_offline">>() {}

/** `notice.online_file_receive` (NapCat): the peer cancelled an online file transfer. */
export class OnlineFileReceiveNoticeEvent extends eventBase<NoticeWire<"online_file_receive">>() {}

/** `notice.online_file_send` (NapCat): the peer accepted (`receive`) or refused an online file you sent. */
export class OnlineFileSendNoticeEvent extends eventBase<NoticeWire<"online_file_send">>() {}

/**
 * `notice.notify.poke`: someone poked someone, in a group (`group_id` set) or a private chat.
 * `reply` answers where the poke happened.
 */
export class PokeNotifyEvent extends eventBase<Flatten<NotifyWire<"poke">>>() {
  /** True when the poke happened in a group. */
  get isGroup(): boolean {
    return this.group_id !== undefined && this.group_id !== null;
  }

  /** Answer in the group (@ing the poker) or privately; resolves to the message_id. */
  reply(content: ReplyContent): Promise<MessageId> {
    return answerPoke.run(this, content);
  }

  /** Blocking form of {@link PokeNotifyEvent.reply}: answer in the group (@ing the poker) or privately; returns the message_id. */
  replySync(content: ReplyContent): MessageId {
    return answerPoke.runSync(this, content);
  }
}

const answerPoke = shortcut(function* (event: PokeNotifyEvent, content: ReplyContent) {
  const userId = need(event.user_id, "user_id", "PokeNotifyEvent.reply");
  if (!event.isGroup) return yield* sendAnswer(event, { user_id: userId }, content, {});
  return yield* sendAnswer(event, { group_id: event.group_id as number }, content, { at: userId });
});

/** `notice.notify.group_name` (NapCat): the group was renamed (`name_new`). */
export class GroupNameNotifyEvent extends eventBase<NotifyWire<"group_name">>() {}

/** `notice.notify.title`: a member got a special title (`title`). */
export class TitleNotifyEvent extends eventBase<NotifyWire<"title">>() {}

/** `notice.notify.profile_like` (NapCat): someone liked the bot's profile (`operator_id`, `times`). */
export class ProfileLikeNotifyEvent extends eventBase<NotifyWire<"profile_like">>() {}

/** `notice.notify.input_status` (NapCat): a private-chat peer started/stopped typing. */
export class InputStatusNotifyEvent extends eventBase<NotifyWire<"input_status">>() {}

/** `notice.notify.gray_tip` (NapCat): a group gray tip NapCat does not understand (may be forged). */
export class GrayTipNotifyEvent extends eventBase<NotifyWire<"gray_tip">>() {}
