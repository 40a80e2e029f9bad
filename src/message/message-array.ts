/**
 * `MessageArray` (alias `MessageChain`): NcatBot's message object, an immutable
 * list of segments with helpers to read, build and serialise messages.
 *
 * @module
 */
import { InvalidMessageError } from "../errors.js";
import type { NumberLike, SegmentType, SendSegment } from "../protocol/index.js";
import { parseCQ, toCQ } from "./cq.js";
import type { MessagePart, MessageSegment, MessageSegmentOf, WireOptions } from "./types.js";
import { resolveMedia, toWirePure } from "./wire.js";

/** Options of {@link MessageArray.isUserAt}. */
export interface IsUserAtOptions {
  /** Count `@全体成员` (`qq: "all"`) as mentioning the user. Default `false`. */
  allowAll?: boolean;
}

function isSegmentLike(value: unknown): value is MessageSegment {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { type?: unknown; data?: unknown };
  return typeof v.type === "string" && typeof v.data === "object" && v.data !== null;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return `an object without string "type" and object "data"`;
  return `a ${typeof value}`;
}

function badPart(value: unknown, where: string): InvalidMessageError {
  return new InvalidMessageError(
    `Cannot build a message from ${describe(value)}${where}. ` +
      'Pass strings (literal text), segments like Segment.text("hi") / { type, data }, arrays of segments, or MessageArrays.',
  );
}

function pushPart(out: MessageSegment[], part: unknown): void {
  if (typeof part === "string") {
    if (part !== "") out.push({ type: "text", data: { text: part } });
  } else if (part instanceof MessageArray) {
    for (const s of part.segments) out.push(s);
  } else if (Array.isArray(part)) {
    for (let i = 0; i < part.length; i++) {
      const s: unknown = part[i];
      if (!isSegmentLike(s)) throw badPart(s, ` at index ${i} of an array part`);
      out.push(s);
    }
  } else if (isSegmentLike(part)) {
    out.push(part);
  } else {
    throw badPart(part, "");
  }
}

/**
 * A message: an immutable list of segments (send, receive or draft forms).
 * NcatBot's `MessageArray`; also exported as `MessageChain`.
 *
 * Plain strings given to {@link MessageArray.from} / {@link MessageArray.concat}
 * are always literal text: `MessageArray.from("[CQ:at,qq=all]")` is one text
 * segment and its `toCQ()` is escaped. Parse CQ code only with {@link MessageArray.fromCQ}.
 *
 * @example
 * ```ts
 * const msg = MessageArray.from(Segment.at(123), " hi ", Segment.image("./cat.png"));
 * msg.filter("at")[0]?.data.qq; // 123
 * await bot.api.sendGroupMsg({ group_id: 1, message: msg.toWire({ napcatIsLocal: true }) });
 * ```
 */
export class MessageArray implements Iterable<MessageSegment> {
  /** The segments, in order. Never mutated by this class; do not mutate it yourself. */
  readonly segments: readonly MessageSegment[];

  private constructor(segments: readonly MessageSegment[]) {
    this.segments = segments;
  }

  /**
   * Builds a message from parts: strings (literal text; empty strings are skipped),
   * segments, arrays of segments, or MessageArrays.
   *
   * @throws InvalidMessageError when a part is none of these.
   */
  static from(...parts: readonly MessagePart[]): MessageArray {
    if (parts.length === 1 && parts[0] instanceof MessageArray) return parts[0];
    const out: MessageSegment[] = [];
    for (const part of parts) pushPart(out, part);
    return new MessageArray(out);
  }

  /**
   * Wraps a segment array without copying it (e.g. an event's `message`). The
   * caller gives up the right to mutate the array.
   */
  static wrap(segments: readonly MessageSegment[]): MessageArray {
    return new MessageArray(segments);
  }

  /**
   * Parses a CQ-code string (see {@link parseCQ}). Malformed codes stay literal text; never throws.
   * Never pass user-provided text through it: escape each piece with `escapeCQText` first,
   * or build the message with {@link MessageArray.from} (which never parses).
   */
  static fromCQ(cq: string): MessageArray {
    return new MessageArray(parseCQ(cq));
  }

  /** Number of segments. */
  get length(): number {
    return this.segments.length;
  }

  /** Iterates over the segments. */
  [Symbol.iterator](): Iterator<MessageSegment> {
    return this.segments[Symbol.iterator]();
  }

  /** A new message with `parts` appended (same rules as {@link MessageArray.from}). */
  concat(...parts: readonly MessagePart[]): MessageArray {
    if (parts.length === 0) return this;
    const out = this.segments.slice();
    for (const part of parts) pushPart(out, part);
    return new MessageArray(out);
  }

  /** Alias of {@link MessageArray.concat}: a new message with `parts` appended. */
  add(...parts: readonly MessagePart[]): MessageArray {
    return this.concat(...parts);
  }

  /**
   * The segments of one type, typed by it.
   *
   * @example msg.filter("image").map((s) => s.data.file)
   */
  filter<T extends SegmentType>(type: T): MessageSegmentOf<T>[] {
    const out: MessageSegmentOf<T>[] = [];
    for (const s of this.segments) if (s.type === type) out.push(s as MessageSegmentOf<T>);
    return out;
  }

  /** All text segments' text joined together (NcatBot `concatenate_text`). */
  concatenateText(): string {
    let out = "";
    for (const s of this.segments) {
      if (s.type === "text") out += s.data.text;
    }
    return out;
  }

  /**
   * Whether the message mentions `userId` with an `at` segment (NcatBot `is_user_at`).
   * An `@all` mention (`qq: "all"`, shown as @everyone in QQ) counts only with `{ allowAll: true }`.
   */
  isUserAt(userId: NumberLike, options?: IsUserAtOptions): boolean {
    const id = String(userId);
    const allowAll = options?.allowAll === true;
    for (const s of this.segments) {
      if (s.type !== "at") continue;
      const qq = String(s.data.qq);
      if (qq === id || (allowAll && qq === "all")) return true;
    }
    return false;
  }

  /**
   * The message as a CQ-code string (OneBot 11 string format). Bytes are shown as
   * `base64://`; local paths as written (use `toWire` first to resolve them).
   */
  toCQ(): string {
    return toCQ(toWirePure(this.segments));
  }

  /** Same as {@link MessageArray.toCQ}. */
  toString(): string {
    return this.toCQ();
  }

  /**
   * The wire segment array, without file-system access: bytes become `base64://`,
   * `URL`s their `href`; local paths stay as written. Used by `JSON.stringify`.
   */
  toJSON(): SendSegment[] {
    return [...toWirePure(this.segments)];
  }

  /**
   * The wire segment array ready for `send_*_msg`: every media input is resolved
   * (local paths become `file://` when NapCat is local, else `base64://`).
   *
   * @throws InvalidMessageError when a local media file does not exist.
   */
  toWire(options: WireOptions): SendSegment[] {
    return resolveMedia(this.segments, options);
  }
}

/** Alias of {@link MessageArray} (the same class). */
export const MessageChain = MessageArray;
/** Alias of {@link MessageArray} (the same class). */
export type MessageChain = MessageArray;
