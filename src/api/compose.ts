/**
 * Building outgoing messages for the convenience senders: options objects
 * (`{ text, at, reply, image, face, rtf }`) become wire segments in NcatBot's
 * order, media is resolved for where NapCat runs, and the result is validated
 * before anything is sent.
 *
 * @module
 */
import { NcatBotError } from "../errors.js";
import {
  type MediaInput,
  MessageArray,
  type MessagePart,
  type MessageSegment,
  Segment,
  validateOutgoing,
} from "../message/index.js";
import type { SendSegment } from "../protocol/index.js";

/** A QQ number or group id: NapCat accepts both numbers and numeric strings. */
export type Id = number | string;

/** A message id as NapCat returns it: ids beyond `Number.MAX_SAFE_INTEGER` arrive (and stay) strings. */
export type MessageId = number | string;

/** An image / record / video / file source (path, URL, `data:` URI, `base64://`, bytes): the message model's `MediaInput`. */
export type { MediaInput };

/**
 * Message content for senders and `reply`: a string is LITERAL text (no CQ parsing),
 * a `MessageArray` or an array of wire segments is sent as is.
 */
export type MessageInput = string | MessageArray | readonly MessageSegment[];

/** What the convenience senders need to know about the connection. */
export interface ComposeContext {
  /** NapCat runs on this machine: local paths are passed as paths instead of being inlined. */
  readonly napcatIsLocal: boolean;
}

/**
 * Options of `postGroupMsg` (NcatBot `post_group_msg`). Segments are built in this order:
 * reply, at, text, image(s), face(s), then `rtf` appended.
 */
export interface PostGroupMsgOptions {
  /** Literal text (CQ codes are NOT parsed here; use `sendGroupText` for that). */
  text?: string;
  /** QQ number to @ (or `"all"`). */
  at?: Id;
  /** message_id to quote (a `reply` segment). */
  reply?: MessageId;
  /** One image or several, each a path, URL, data: URI or Buffer. */
  image?: MediaInput | readonly MediaInput[];
  /** One QQ face id or several. */
  face?: number | readonly number[];
  /** Rich content appended last: a MessageArray or wire segments. */
  rtf?: MessageArray | readonly MessageSegment[];
}

/** Options of `postPrivateMsg` (NcatBot `post_private_msg`): like the group one without `at`. */
export type PostPrivateMsgOptions = Omit<PostGroupMsgOptions, "at">;

/** Turn any {@link MessageInput} into a MessageArray (strings stay literal text). */
export function toMessageArray(input: MessageInput): MessageArray {
  if (input instanceof MessageArray) return input;
  return MessageArray.from(input as MessagePart);
}

/** Wire segments for `input`, media resolved for `ctx`, NOT yet validated. */
export function wireOf(ctx: ComposeContext, ...parts: MessagePart[]): SendSegment[] {
  return MessageArray.from(...parts).toWire({ napcatIsLocal: ctx.napcatIsLocal });
}

/** Validate and return: throws InvalidMessageError (nothing sent) when the message is empty or mixes single-only segments. */
export function checked(segments: SendSegment[]): SendSegment[] {
  validateOutgoing(segments);
  return segments;
}

function listOf<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/**
 * The common case without media or rich content (reply / at / text only): the
 * segments built directly, equal to what the general path builds and validates.
 * Undefined when the general path must run (media, rtf, or an empty message, whose
 * error it raises).
 */
function composeSimple(
  options: PostGroupMsgOptions,
  spaceAfterAt: boolean,
): SendSegment[] | undefined {
  if (options.image !== undefined || options.face !== undefined || options.rtf !== undefined) {
    return undefined;
  }
  let text = options.text ?? "";
  if (typeof text !== "string") return undefined;
  const out: SendSegment[] = [];
  if (options.reply !== undefined) out.push({ type: "reply", data: { id: options.reply } });
  if (options.at !== undefined) {
    out.push({ type: "at", data: { qq: options.at } });
    if (spaceAfterAt) text = ` ${text}`;
  }
  if (text !== "") out.push({ type: "text", data: { text } });
  return out.length === 0 ? undefined : out;
}

/** Segments of `postGroupMsg` / `postPrivateMsg` options, validated, in NcatBot's order. */
export function composeOptions(
  ctx: ComposeContext,
  options: PostGroupMsgOptions,
  spaceAfterAt = false,
): SendSegment[] {
  const simple = composeSimple(options, spaceAfterAt);
  if (simple !== undefined) return simple;
  const parts: MessagePart[] = [];
  if (options.reply !== undefined) parts.push(Segment.reply(options.reply));
  let text = options.text ?? "";
  if (options.at !== undefined) {
    parts.push(Segment.at(options.at));
    // "@someone hello": the space joins the text when there is one, else stands alone.
    if (spaceAfterAt) text = ` ${text}`;
  }
  if (text !== "") parts.push(Segment.text(text));
  for (const image of listOf(options.image)) parts.push(Segment.image(image));
  for (const face of listOf(options.face)) parts.push(Segment.face(face));
  if (options.rtf !== undefined) parts.push(options.rtf);
  return checked(wireOf(ctx, ...parts));
}

/** Wire segments for `content` with an optional quote and @ in front (used by `reply`). */
export function composeReply(
  ctx: ComposeContext,
  content: MessageInput | PostGroupMsgOptions,
  prefix: { reply?: MessageId; at?: Id },
): SendSegment[] {
  const isOptions =
    typeof content === "object" && !(content instanceof MessageArray) && !Array.isArray(content);
  const options: PostGroupMsgOptions = isOptions
    ? { ...(content as PostGroupMsgOptions) }
    : typeof content === "string"
      ? { text: content }
      : { rtf: toMessageArray(content as MessageInput) };
  if (prefix.reply !== undefined) options.reply = prefix.reply;
  if (prefix.at !== undefined) options.at = prefix.at;
  return composeOptions(ctx, options, prefix.at !== undefined);
}

/**
 * The `message_id` of a send action's answer (`{ message_id, ... }`).
 * Throws NcatBotError when NapCat answered without one.
 */
export function messageIdOf(result: unknown, action: string): MessageId {
  if (typeof result === "object" && result !== null && "message_id" in result) {
    const id = (result as { message_id: unknown }).message_id;
    if (typeof id === "number" || typeof id === "string") return id;
  }
  throw new NcatBotError(
    `NapCat answered "${action}" without a message_id; the message may not have been sent. ` +
      "Check NapCat's log; if this keeps happening, report it with your NapCat version.",
  );
}
