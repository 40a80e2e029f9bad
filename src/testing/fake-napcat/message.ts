/**
 * Turns an outgoing message (CQ string, one segment, or a segment array, as the
 * `send_*` actions accept it) into the segments NapCat would report on receive,
 * failing with NapCat's messages for unknown types and empty messages.
 *
 * @module
 */
import { parseCqString, type WireSegment } from "./cq.js";
import { badParam, failed } from "./errors.js";
import type { IdSource } from "./ids.js";

/** Segment types NapCat can send (segments.json `send.supported`). */
const SENDABLE = new Set([
  "text",
  "at",
  "reply",
  "face",
  "mface",
  "image",
  "record",
  "video",
  "file",
  "rps",
  "dice",
  "music",
  "contact",
  "location",
  "json",
  "markdown",
  "node",
  "forward",
]);

/** NapCat's error for an unknown segment type. */
export function unknownTypeMessage(type: string): string {
  return `未知的消息类型：${type}`;
}

/** NapCat's error when nothing in the message could be sent. */
export const EMPTY_MESSAGE = "消息体无法解析, 请检查是否发送了不支持的消息类型";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function toSegment(value: unknown, index: number): WireSegment {
  if (!isRecord(value) || typeof value.type !== "string") {
    throw badParam(
      `message[${index}] must be a segment object like {"type":"text","data":{"text":"hi"}}`,
    );
  }
  const data = value.data === undefined ? {} : value.data;
  if (!isRecord(data)) throw badParam(`message[${index}].data must be an object`);
  return { type: value.type, data: { ...data } };
}

/**
 * Reads the `message` param of a send action into send-form segments.
 *
 * @throws FakeActionError 1400 when missing or malformed, 1200 for unknown types
 *   or an empty message (NapCat's wording).
 */
export function readOutgoing(message: unknown, autoEscape: boolean): WireSegment[] {
  if (message === undefined || message === null) {
    throw badParam('param "message" is required: pass a CQ string or an array of segments');
  }
  let segments: WireSegment[];
  if (typeof message === "string") {
    segments = autoEscape ? [{ type: "text", data: { text: message } }] : parseCqString(message);
  } else if (Array.isArray(message)) {
    segments = message.map(toSegment);
  } else {
    segments = [toSegment(message, 0)];
  }
  for (const seg of segments) {
    if (!SENDABLE.has(seg.type)) throw failed(unknownTypeMessage(seg.type));
  }
  const hasNode = segments.some((s) => s.type === "node");
  if (hasNode && segments.some((s) => s.type !== "node")) {
    throw failed(
      "node segments cannot be mixed with other segments: send a forward message on its own",
    );
  }
  const meaningful = segments.filter((s) => !(s.type === "text" && s.data.text === ""));
  if (meaningful.length === 0) throw failed(EMPTY_MESSAGE);
  return meaningful;
}

function str(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function requireField(seg: WireSegment, name: string): string {
  const v = str(seg.data[name]);
  if (v === "") throw failed(`${seg.type} segment needs data.${name}`);
  return v;
}

function fileSource(seg: WireSegment): string {
  const src = str(seg.data.url) || str(seg.data.file) || str(seg.data.path);
  if (src === "")
    throw failed(`${seg.type} segment needs data.file (a URL, a path, base64://... or a file id)`);
  return src;
}

function fileName(src: string, ids: IdSource, ext: string): string {
  if (src.startsWith("base64://") || src.startsWith("data:"))
    return `${ids.nextHex().toUpperCase()}${ext}`;
  const path = src.split(/[?#]/)[0] ?? src;
  const last = path.split(/[\\/]/).pop() ?? "";
  return last === "" ? `${ids.nextHex().toUpperCase()}${ext}` : last;
}

/** Where the receiving side is: group chats keep `at`, private chats drop it (as NapCat does). */
export interface ReceiveContext {
  isGroup: boolean;
  ids: IdSource;
}

/** Converts send-form segments to what NapCat reports when the message is received. */
export function toReceiveSegments(
  segments: readonly WireSegment[],
  ctx: ReceiveContext,
): WireSegment[] {
  const out: WireSegment[] = [];
  for (const seg of segments) {
    const d = seg.data;
    switch (seg.type) {
      case "text":
        out.push({ type: "text", data: { text: str(d.text) } });
        break;
      case "at":
        if (ctx.isGroup) out.push({ type: "at", data: { qq: requireField(seg, "qq") } });
        break;
      case "reply":
        out.push({ type: "reply", data: { id: str(d.id) || str(d.seq) } });
        break;
      case "face":
        out.push({ type: "face", data: { id: requireField(seg, "id") } });
        break;
      case "image":
      case "mface": {
        const src = seg.type === "image" ? fileSource(seg) : "";
        const http = /^https?:\/\//.test(src);
        out.push({
          type: "image",
          data: {
            summary: str(d.summary),
            file: seg.type === "image" ? fileName(src, ctx.ids, ".jpg") : `${str(d.emoji_id)}.gif`,
            sub_type: seg.type === "image" ? Number(str(d.sub_type) || "0") : 1,
            url: http
              ? src
              : `https://multimedia.nt.qq.com.cn/download?fileid=${ctx.ids.nextHex()}`,
            file_size: "0",
          },
        });
        break;
      }
      case "record":
        out.push({
          type: "record",
          data: {
            file: fileName(fileSource(seg), ctx.ids, ".amr"),
            path: "",
            url: "",
            file_size: "0",
          },
        });
        break;
      case "video": {
        const src = fileSource(seg);
        out.push({
          type: "video",
          data: {
            file: fileName(src, ctx.ids, ".mp4"),
            url: /^https?:\/\//.test(src) ? src : "",
            file_size: "0",
          },
        });
        break;
      }
      case "file":
        out.push({
          type: "file",
          data: {
            file: str(d.name) || fileName(fileSource(seg), ctx.ids, ""),
            file_id: ctx.ids.nextHex(),
            file_size: "0",
          },
        });
        break;
      case "rps":
        out.push({ type: "rps", data: { result: String(1 + Math.floor(Math.random() * 3)) } });
        break;
      case "dice":
        out.push({ type: "dice", data: { result: String(1 + Math.floor(Math.random() * 6)) } });
        break;
      case "json":
        out.push({ type: "json", data: { data: requireField(seg, "data") } });
        break;
      case "markdown":
        out.push({ type: "markdown", data: { content: requireField(seg, "content") } });
        break;
      case "forward":
        out.push({ type: "forward", data: { id: requireField(seg, "id") } });
        break;
      default:
        // music, contact, location: QQ delivers them as ark cards (json segments).
        out.push({
          type: "json",
          data: { data: JSON.stringify({ app: `fake.${seg.type}`, meta: d }) },
        });
    }
  }
  if (out.length === 0) throw failed(EMPTY_MESSAGE);
  return out;
}
