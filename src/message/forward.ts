/**
 * `ForwardConstructor` (NcatBot's name): builds a merged forward (合并转发) node by node.
 *
 * @module
 */
import { InvalidMessageError } from "../errors.js";
import type { NumberLike } from "../protocol/index.js";
import { file, image, node, nodeRef, video } from "./builders.js";
import { MessageArray } from "./message-array.js";
import type { DraftSegmentOf, MediaInput, MessagePart, MessageSegment } from "./types.js";

/** NapCat's default shown name for a custom node without a nickname. */
const DEFAULT_NICKNAME = "QQ用户";

/** Something that holds forward nodes: a ForwardConstructor, a MessageArray or a segment array. */
export type ForwardSource = ForwardConstructor | MessageArray | readonly MessageSegment[];

/**
 * Builds a merged forward (OneBot 11 / NapCat `node` segments). Each `attach*` adds
 * one node shown as sent by the current author (or the one given to that call).
 * Send the result with `send_group_forward_msg` / `send_private_forward_msg`
 * (`messages: ctor.toNodes()`) or as a message of its own (`ctor.toForward()`).
 *
 * @example
 * ```ts
 * const fwd = new ForwardConstructor(123456, "Alice")
 *   .attachText("first")
 *   .attachImage("./cat.png")
 *   .attachMessageId(event.message_id);
 * await bot.api.sendGroupForwardMsg({ group_id, messages: fwd.toForward().toWire({ napcatIsLocal: true }) });
 * ```
 */
export class ForwardConstructor {
  private userId: NumberLike | undefined;
  private nickname: string;
  private readonly nodes: DraftSegmentOf<"node">[] = [];

  /**
   * @param userId QQ number shown as the sender of the nodes (default: the bot).
   * @param nickname Name shown as the sender (default: the generic "QQ user" name NapCat shows, in Chinese).
   */
  constructor(userId?: NumberLike, nickname?: string) {
    this.userId = userId;
    this.nickname = nickname ?? DEFAULT_NICKNAME;
  }

  /** Sets the author of the nodes attached from now on. */
  setAuthor(userId: NumberLike, nickname: string): this {
    this.userId = userId;
    this.nickname = nickname;
    return this;
  }

  /** Number of nodes attached so far. */
  get length(): number {
    return this.nodes.length;
  }

  /**
   * Attaches one custom node whose content is `message` (strings are literal text).
   * `userId` / `nickname` override the current author for this node only.
   */
  attach(
    message: MessagePart | readonly MessagePart[],
    userId?: NumberLike,
    nickname?: string,
  ): this {
    const uid = userId ?? this.userId;
    const options =
      uid === undefined
        ? { nickname: nickname ?? this.nickname }
        : { user_id: uid, nickname: nickname ?? this.nickname };
    this.nodes.push(node(message, options));
    return this;
  }

  /** Attaches a node with one text segment (literal, never CQ-parsed). */
  attachText(text: string, userId?: NumberLike, nickname?: string): this {
    if (text === "") {
      throw new InvalidMessageError(
        "attachText got an empty string: a forward node needs some text.",
      );
    }
    return this.attach(text, userId, nickname);
  }

  /** Attaches a node with one image (URL, path, bytes...; resolved by `toWire`). */
  attachImage(source: MediaInput, userId?: NumberLike, nickname?: string): this {
    return this.attach(image(source), userId, nickname);
  }

  /** Attaches a node with one file. */
  attachFile(source: MediaInput, userId?: NumberLike, nickname?: string): this {
    return this.attach(file(source), userId, nickname);
  }

  /** Attaches a node with one video. */
  attachVideo(source: MediaInput, userId?: NumberLike, nickname?: string): this {
    return this.attach(video(source), userId, nickname);
  }

  /**
   * Attaches a nested forward: one node whose content is the given nodes (NapCat
   * allows nesting 3 deep).
   *
   * @throws InvalidMessageError when the source holds no nodes or a non-node segment.
   */
  attachForward(forward: ForwardSource, userId?: NumberLike, nickname?: string): this {
    const nodes =
      forward instanceof ForwardConstructor
        ? forward.toNodes()
        : forward instanceof MessageArray
          ? forward.segments
          : forward;
    if (nodes.length === 0) {
      throw new InvalidMessageError(
        "attachForward got no nodes: attach at least one node to the nested forward.",
      );
    }
    const index = nodes.findIndex((s) => s.type !== "node");
    if (index !== -1) {
      throw new InvalidMessageError(
        `attachForward got a "${nodes[index]?.type}" segment at index ${index}: a nested forward holds node segments only ` +
          "(build it with another ForwardConstructor).",
      );
    }
    return this.attach(nodes, userId, nickname);
  }

  /** Attaches a node that includes an existing message by its `message_id` (sender and time are the original's). */
  attachMessageId(messageId: NumberLike): this {
    this.nodes.push(nodeRef(messageId));
    return this;
  }

  /** The attached nodes, as a new array (media still unresolved; see `MessageArray.toWire`). */
  toNodes(): DraftSegmentOf<"node">[] {
    return this.nodes.slice();
  }

  /** The nodes as a MessageArray: a merged forward when sent (all segments are nodes). */
  toForward(): MessageArray {
    return MessageArray.wrap(this.nodes.slice());
  }
}
