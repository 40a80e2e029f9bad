/**
 * NcatBot 4.x's convenience senders (`post_group_msg`, `send_group_text`, ...),
 * camelCased, each written ONCE as a generator of action steps. `bot-api.ts`
 * turns every entry into an async method and its `xxxSync` twin.
 *
 * Names that equal a generated action method (`sendGroupForwardMsg`,
 * `sendPrivateForwardMsg`, `sendPoke`, `groupPoke`, `friendPoke`...) are NOT
 * defined here: the action's params form wins. NcatBot's `post_group_forward_msg`
 * / `post_private_forward_msg` cover forwards.
 *
 * @module
 */
import { InvalidMessageError } from "../errors.js";
import {
  ForwardConstructor,
  MessageArray,
  type MessagePart,
  type MessageSegment,
  Segment,
} from "../message/index.js";
import type { MusicPlatform, SendSegment } from "../protocol/index.js";
import {
  type ComposeContext,
  checked,
  composeOptions,
  type Id,
  type MediaInput,
  type MessageId,
  type MessageInput,
  messageIdOf,
  type PostGroupMsgOptions,
  type PostPrivateMsgOptions,
  wireOf,
} from "./compose.js";
import { type ActionSteps, step } from "./runner.js";

/** Options of `postGroupFile` / `postPrivateFile` (NcatBot `post_group_file`): give exactly one media source. */
export interface PostFileOptions {
  /** An image source. */
  image?: MediaInput;
  /** A voice record source. */
  record?: MediaInput;
  /** A video source. */
  video?: MediaInput;
  /** A file source (sent as a `file` segment). */
  file?: MediaInput;
  /** Displayed file name, for `file` only. */
  name?: string;
}

/** Options of `sendGroupCustomMusic` / `sendPrivateCustomMusic` (a `music` segment of type `custom`). */
export interface CustomMusicOptions {
  /** Jump URL. */
  url: string;
  /** Audio URL. */
  audio: string;
  /** Title. */
  title: string;
  /** Description line (sent to the signer as the singer). */
  content?: string;
  /** Cover image URL (required: NapCat drops a custom card without one). */
  image: string;
}

/** Card texts of a merged-forward message (`send_group_forward_msg` extras). */
export interface ForwardCardOptions {
  /** Preview lines. */
  news?: readonly { text: string }[];
  /** External preview text. */
  prompt?: string;
  /** Summary line. */
  summary?: string;
  /** Card title. */
  source?: string;
}

/** A forward to send: a ForwardConstructor or ready `node` segments. */
export type ForwardInput = ForwardConstructor | readonly MessageSegment[];

/** One group's outcome in `postAllGroupMsg`. */
export type GroupSendResult =
  | { readonly group_id: Id; readonly ok: true; readonly message_id: MessageId }
  | { readonly group_id: Id; readonly ok: false; readonly error: unknown };

type Target = { kind: "group"; id: Id } | { kind: "private"; id: Id };

function* sendTo(target: Target, message: SendSegment[]): ActionSteps<MessageId> {
  if (target.kind === "group") {
    const result = yield* step("send_group_msg", { group_id: target.id, message });
    return messageIdOf(result, "send_group_msg");
  }
  const result = yield* step("send_private_msg", { user_id: target.id, message });
  return messageIdOf(result, "send_private_msg");
}

function segmentsOf(ctx: ComposeContext, ...parts: MessagePart[]): SendSegment[] {
  return checked(wireOf(ctx, ...parts));
}

function fileSegments(ctx: ComposeContext, options: PostFileOptions): SendSegment[] {
  const given = (["image", "record", "video", "file"] as const).filter(
    (k) => options[k] !== undefined,
  );
  if (given.length !== 1) {
    throw new InvalidMessageError(
      `postGroupFile/postPrivateFile need exactly one of image, record, video or file (got ${given.length === 0 ? "none" : given.join(", ")}). Nothing was sent.`,
    );
  }
  if (options.image !== undefined) return segmentsOf(ctx, Segment.image(options.image));
  if (options.record !== undefined) return segmentsOf(ctx, Segment.record(options.record));
  if (options.video !== undefined) return segmentsOf(ctx, Segment.video(options.video));
  return segmentsOf(ctx, fileSegment(options.file as MediaInput, options.name));
}

function customMusicSegment(music: CustomMusicOptions) {
  const { url, image, ...rest } = music;
  return Segment.customMusic(url, image, rest);
}

function fileSegment(file: MediaInput, name: string | undefined) {
  return name === undefined ? Segment.file(file) : Segment.file(file, { name });
}

function nodesOf(ctx: ComposeContext, forward: ForwardInput): SendSegment[] {
  const nodes = forward instanceof ForwardConstructor ? forward.toNodes() : forward;
  if (nodes.length === 0) {
    throw new InvalidMessageError("A forward message needs at least one node. Nothing was sent.");
  }
  return checked(wireOf(ctx, nodes));
}

function* sendForward(
  ctx: ComposeContext,
  target: Target,
  forward: ForwardInput,
  card: ForwardCardOptions | undefined,
): ActionSteps<MessageId> {
  const message = nodesOf(ctx, forward);
  if (target.kind === "group") {
    const result = yield* step("send_group_forward_msg", { ...card, group_id: target.id, message });
    return messageIdOf(result, "send_group_forward_msg");
  }
  const result = yield* step("send_private_forward_msg", { ...card, user_id: target.id, message });
  return messageIdOf(result, "send_private_forward_msg");
}

/** Senders that exist for both groups and users, written once over a {@link Target}. */
function twoWay(kind: Target["kind"]) {
  const t = (id: Id): Target => ({ kind, id });
  return {
    text: function* (ctx: ComposeContext, id: Id, text: string) {
      return yield* sendTo(t(id), checked(wireOf(ctx, MessageArray.fromCQ(text))));
    },
    plainText: function* (ctx: ComposeContext, id: Id, text: string) {
      return yield* sendTo(t(id), segmentsOf(ctx, Segment.text(text)));
    },
    array: function* (ctx: ComposeContext, id: Id, message: MessageInput) {
      return yield* sendTo(t(id), checked(wireOf(ctx, message)));
    },
    image: function* (ctx: ComposeContext, id: Id, image: MediaInput) {
      return yield* sendTo(t(id), segmentsOf(ctx, Segment.image(image)));
    },
    record: function* (ctx: ComposeContext, id: Id, record: MediaInput) {
      return yield* sendTo(t(id), segmentsOf(ctx, Segment.record(record)));
    },
    video: function* (ctx: ComposeContext, id: Id, video: MediaInput) {
      return yield* sendTo(t(id), segmentsOf(ctx, Segment.video(video)));
    },
    file: function* (ctx: ComposeContext, id: Id, file: MediaInput, name?: string) {
      return yield* sendTo(t(id), segmentsOf(ctx, fileSegment(file, name)));
    },
    music: function* (ctx: ComposeContext, id: Id, type: MusicPlatform, musicId: Id) {
      return yield* sendTo(t(id), segmentsOf(ctx, Segment.music(type, musicId)));
    },
    customMusic: function* (ctx: ComposeContext, id: Id, music: CustomMusicOptions) {
      return yield* sendTo(t(id), segmentsOf(ctx, customMusicSegment(music)));
    },
    dice: function* (ctx: ComposeContext, id: Id, _value?: number) {
      return yield* sendTo(t(id), segmentsOf(ctx, Segment.dice()));
    },
    rps: function* (ctx: ComposeContext, id: Id, _value?: number) {
      return yield* sendTo(t(id), segmentsOf(ctx, Segment.rps()));
    },
    postFile: function* (ctx: ComposeContext, id: Id, options: PostFileOptions) {
      return yield* sendTo(t(id), fileSegments(ctx, options));
    },
    forward: function* (
      ctx: ComposeContext,
      id: Id,
      forward: ForwardInput,
      card?: ForwardCardOptions,
    ) {
      return yield* sendForward(ctx, t(id), forward, card);
    },
  };
}

const group = twoWay("group");
const priv = twoWay("private");

/**
 * The convenience table: method name -> generator definition `(ctx, ...args)`.
 * Each entry becomes `bot.api.<name>(...args): Promise<R>` and `bot.api.<name>Sync(...args): R`.
 */
export const CONVENIENCE = {
  /** NcatBot `post_group_msg`: reply, at, text, image(s), face(s), rtf, in that order. Resolves to the message_id. */
  postGroupMsg: function* (ctx: ComposeContext, groupId: Id, options: PostGroupMsgOptions) {
    return yield* sendTo({ kind: "group", id: groupId }, composeOptions(ctx, options));
  },
  /** NcatBot `post_private_msg`: reply, text, image(s), face(s), rtf. Resolves to the message_id. */
  postPrivateMsg: function* (ctx: ComposeContext, userId: Id, options: PostPrivateMsgOptions) {
    return yield* sendTo({ kind: "private", id: userId }, composeOptions(ctx, options));
  },
  /** NcatBot `post_group_array_msg`: send a MessageArray (or wire segments, or literal text) to a group. */
  postGroupArrayMsg: group.array,
  /** NcatBot `post_private_array_msg`: send a MessageArray (or wire segments, or literal text) to a user. */
  postPrivateArrayMsg: priv.array,
  /**
   * NcatBot `send_group_text`: CQ codes in `text` become segments.
   * Never pass user-provided text through it (`[CQ:at,qq=all]` would become an @all):
   * use `sendGroupPlainText` / `postGroupMsg({ text })`, or escape each piece with
   * `escapeCQText(userText)` before putting it into a CQ string.
   */
  sendGroupText: group.text,
  /**
   * NcatBot `send_private_text`: CQ codes in `text` become segments.
   * Never pass user-provided text through it (`[CQ:at,qq=all]` would become an @all):
   * use `sendGroupPlainText` / `postGroupMsg({ text })`, or escape each piece with
   * `escapeCQText(userText)` before putting it into a CQ string.
   */
  sendPrivateText: priv.text,
  /** NcatBot `send_group_plain_text`: `text` is sent literally. */
  sendGroupPlainText: group.plainText,
  /** NcatBot `send_private_plain_text`: `text` is sent literally. */
  sendPrivatePlainText: priv.plainText,
  /** NcatBot `send_group_image`: one image. */
  sendGroupImage: group.image,
  /** NcatBot `send_private_image`: one image. */
  sendPrivateImage: priv.image,
  /** NcatBot `send_group_record`: one voice record. */
  sendGroupRecord: group.record,
  /** NcatBot `send_private_record`: one voice record. */
  sendPrivateRecord: priv.record,
  /** One video to a group. */
  sendGroupVideo: group.video,
  /** One video to a user. */
  sendPrivateVideo: priv.video,
  /** NcatBot `send_group_file`: a `file` segment with an optional display name. */
  sendGroupFile: group.file,
  /** NcatBot `send_private_file`: a `file` segment with an optional display name. */
  sendPrivateFile: priv.file,
  /** A platform music card (`type` qq | 163 | kugou | kuwo | migu, song `id`). */
  sendGroupMusic: group.music,
  /** A platform music card to a user. */
  sendPrivateMusic: priv.music,
  /** A custom music card. */
  sendGroupCustomMusic: group.customMusic,
  /** A custom music card to a user. */
  sendPrivateCustomMusic: priv.customMusic,
  /** A dice; NapCat picks the value (the `value` argument is accepted for NcatBot compatibility and ignored). */
  sendGroupDice: group.dice,
  /** A dice to a user; the value is random. */
  sendPrivateDice: priv.dice,
  /** Rock-paper-scissors; NapCat picks the result. */
  sendGroupRps: group.rps,
  /** Rock-paper-scissors to a user. */
  sendPrivateRps: priv.rps,
  /** NcatBot `post_group_file`: exactly one of image / record / video / file as a message. */
  postGroupFile: group.postFile,
  /** NcatBot `post_private_file`: exactly one of image / record / video / file as a message. */
  postPrivateFile: priv.postFile,
  /** NcatBot `post_group_forward_msg`: a merged forward (ForwardConstructor or node segments) via `send_group_forward_msg`. */
  postGroupForwardMsg: group.forward,
  /** NcatBot `post_private_forward_msg`: a merged forward via `send_private_forward_msg`. */
  postPrivateForwardMsg: priv.forward,
  /**
   * NcatBot `post_all_group_msg`: `get_group_list`, then send the same message to every group.
   * One failure never stops the rest; resolves to one result per group.
   */
  postAllGroupMsg: function* (ctx: ComposeContext, content: MessageInput | PostGroupMsgOptions) {
    const message = isOptions(content)
      ? composeOptions(ctx, content)
      : checked(wireOf(ctx, content));
    const groups = (yield* step("get_group_list", {})) as unknown;
    const results: GroupSendResult[] = [];
    for (const groupId of groupIdsOf(groups)) {
      try {
        const messageId = yield* sendTo({ kind: "group", id: groupId }, message);
        results.push({ group_id: groupId, ok: true, message_id: messageId });
      } catch (error) {
        results.push({ group_id: groupId, ok: false, error });
      }
    }
    return results;
  },
};

function isOptions(content: MessageInput | PostGroupMsgOptions): content is PostGroupMsgOptions {
  return (
    typeof content === "object" && !(content instanceof MessageArray) && !Array.isArray(content)
  );
}

function groupIdsOf(list: unknown): Id[] {
  if (!Array.isArray(list)) return [];
  const ids: Id[] = [];
  for (const entry of list as unknown[]) {
    if (typeof entry !== "object" || entry === null) continue;
    const id = (entry as { group_id?: unknown }).group_id;
    if (typeof id === "number" || typeof id === "string") ids.push(id);
  }
  return ids;
}

/** Name of a convenience sender. */
export type ConvenienceName = keyof typeof CONVENIENCE;
