/**
 * Checks an outgoing message before it is sent. NapCat skips validation for the
 * `send_*msg` actions, so the client does it (see `protocol/napcat/README.md`).
 *
 * @module
 */
import { InvalidMessageError } from "../errors.js";
import {
  NODE_SEGMENT_TYPE,
  SEND_UNSUPPORTED_SEGMENT_TYPES,
  SINGLE_ONLY_SEGMENT_TYPES,
} from "../protocol/index.js";
import { MessageArray } from "./message-array.js";
import type { MessageSegment } from "./types.js";

const SINGLE_ONLY: ReadonlySet<string> = new Set<string>(SINGLE_ONLY_SEGMENT_TYPES);
const UNSUPPORTED: ReadonlySet<string> = new Set<string>(SEND_UNSUPPORTED_SEGMENT_TYPES);

/** NapCat allows node content to nest this deep. */
const MAX_NODE_DEPTH = 3;

const UNSUPPORTED_HINTS: Readonly<Record<string, string>> = {
  poke: "use bot.api.sendPoke / groupPoke / friendPoke instead",
  location: "NapCat ignores its data and sends the text '测试'; send a json card instead",
  xml: "send a json (Ark) card instead",
  miniapp: "get a signed Ark with bot.api.getMiniAppArk and send it as a json segment",
  onlinefile: "use bot.api.sendOnlineFile instead",
  flashtransfer: "use bot.api.sendFlashMsg instead",
  shake: "NapCat does not implement it",
  anonymous: "NapCat does not implement it",
  share: "send a json (Ark) card instead, e.g. from bot.api.sendArkShare",
};

/** Options of {@link validateOutgoing}. */
export interface ValidateOptions {
  /** Let through segment types NapCat cannot send (poke, xml, share...). Default `false`. */
  allowUnsupported?: boolean;
}

function isEmptyText(s: MessageSegment): boolean {
  return s.type === "text" && s.data.text === "";
}

function nodeContent(s: MessageSegment): readonly MessageSegment[] | undefined {
  const content = (s.data as { content?: unknown }).content;
  if (Array.isArray(content)) return content as readonly MessageSegment[];
  if (typeof content === "object" && content !== null && "segments" in content) {
    return (content as { segments: readonly MessageSegment[] }).segments;
  }
  return undefined;
}

function check(
  segments: readonly MessageSegment[],
  where: string,
  depth: number,
  options?: ValidateOptions,
): void {
  if (segments.length === 0 || segments.every(isEmptyText)) {
    throw new InvalidMessageError(
      `${where} is empty${segments.length === 0 ? "" : " (only empty text)"}. ` +
        "QQ cannot send an empty message: add some text or another segment.",
    );
  }
  const hasNode = segments.some((s) => s.type === NODE_SEGMENT_TYPE);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as MessageSegment;
    if (options?.allowUnsupported !== true && UNSUPPORTED.has(s.type)) {
      throw new InvalidMessageError(
        `${where} has a "${s.type}" segment (index ${i}), which NapCat cannot send: ${UNSUPPORTED_HINTS[s.type] ?? "remove it"}.`,
      );
    }
    if (hasNode && s.type !== NODE_SEGMENT_TYPE) {
      throw new InvalidMessageError(
        `${where} mixes forward nodes with a "${s.type}" segment (index ${i}). ` +
          "A merged forward must contain node segments only: send the other segments as a separate message.",
      );
    }
    if (SINGLE_ONLY.has(s.type) && segments.length > 1) {
      throw new InvalidMessageError(
        `${where} has a "${s.type}" segment (index ${i}) together with ${segments.length - 1} other segment(s). ` +
          `QQ sends "${s.type}" as a message of its own: send it alone and the rest in another message.`,
      );
    }
    if (s.type === NODE_SEGMENT_TYPE) {
      const content = nodeContent(s);
      if (content === undefined) continue;
      if (depth >= MAX_NODE_DEPTH) {
        throw new InvalidMessageError(
          `${where}: forward nodes nest deeper than ${MAX_NODE_DEPTH} levels (node at index ${i}). Flatten the forward.`,
        );
      }
      check(content, `Forward node ${i} of ${where.toLowerCase()}`, depth + 1, options);
    }
  }
}

/**
 * Throws when a message cannot be sent as given:
 * - it is empty (no segments, or only empty text);
 * - a single-only segment (record, video, file, dice, music...) is mixed with others;
 * - node segments are mixed with other segments (NapCat: "转发消息不能和普通消息混在一起发送");
 * - a segment type NapCat cannot send is present (unless `allowUnsupported`);
 * - a custom forward node's content breaks the same rules, or nodes nest deeper than 3.
 *
 * @throws InvalidMessageError saying which segment is wrong and what to do.
 */
export function validateOutgoing(
  segments: readonly MessageSegment[] | MessageArray,
  options?: ValidateOptions,
): void {
  const list = segments instanceof MessageArray ? segments.segments : segments;
  check(list, "The message", 0, options);
}
