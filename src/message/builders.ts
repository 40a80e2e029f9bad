/**
 * One builder per segment type. Builders are pure: media inputs are stored as
 * given and resolved later by `MessageArray.toWire()`.
 *
 * @example
 * ```ts
 * import { Segment, MessageArray } from "ncatbot";
 * const msg = MessageArray.from(Segment.at(123456), " 你好 ", Segment.face(14));
 * ```
 *
 * @module
 */
import type {
  ContactSendData,
  FaceSendData,
  JsonSendData,
  LocationSendData,
  MfaceSendData,
  MusicCustomSendData,
  MusicPlatform,
  NodeCustomSendData,
  NodeReferenceSendData,
  NumberLike,
  SendSegmentOf,
  ShareSendData,
} from "../protocol/index.js";
import { MessageArray } from "./message-array.js";
import type {
  DraftSegmentOf,
  FileDraftData,
  ImageDraftData,
  MediaInput,
  MessagePart,
  RecordDraftData,
  VideoDraftData,
} from "./types.js";

/** `text` 纯文本: literal text (never parsed as CQ code). */
export function text(content: string): SendSegmentOf<"text"> {
  return { type: "text", data: { text: content } };
}

/** `at` @某人: mention a QQ number, or `"all"` for @全体成员. Groups only. */
export function at(qq: NumberLike | "all"): SendSegmentOf<"at"> {
  return { type: "at", data: { qq } };
}

/** `reply` 回复: quote a message by its `message_id`. Put it first in the message. */
export function reply(messageId: NumberLike): SendSegmentOf<"reply"> {
  return { type: "reply", data: { id: messageId } };
}

/** `face` QQ 表情: a system face by id (see NapCat's face_config.json). */
export function face(id: NumberLike, options?: Omit<FaceSendData, "id">): SendSegmentOf<"face"> {
  return { type: "face", data: { id, ...options } };
}

/** `mface` 商城表情: a market sticker. */
export function mface(data: MfaceSendData): SendSegmentOf<"mface"> {
  return { type: "mface", data: { ...data } };
}

/** `image` 图片: from a URL, local path, bytes, `base64://` or `data:` URI, or a NapCat file id. */
export function image(
  source: MediaInput,
  options?: Omit<ImageDraftData, "file">,
): DraftSegmentOf<"image"> {
  return { type: "image", data: { file: source, ...options } };
}

/** `record` 语音: an audio file (any ffmpeg-readable format). Sent alone. */
export function record(
  source: MediaInput,
  options?: Omit<RecordDraftData, "file">,
): DraftSegmentOf<"record"> {
  return { type: "record", data: { file: source, ...options } };
}

/** `video` 视频: a video file, with an optional cover `thumb`. Sent alone. */
export function video(
  source: MediaInput,
  options?: Omit<VideoDraftData, "file">,
): DraftSegmentOf<"video"> {
  return { type: "video", data: { file: source, ...options } };
}

/**
 * `file` 文件: a file message (a group file in groups). `options` may be just the
 * shown file name. Sent alone.
 */
export function file(
  source: MediaInput,
  options?: string | Omit<FileDraftData, "file">,
): DraftSegmentOf<"file"> {
  if (typeof options === "string") return { type: "file", data: { file: source, name: options } };
  return { type: "file", data: { file: source, ...options } };
}

/** `rps` 猜拳: rock-paper-scissors; the result is random. Sent alone. */
export function rps(): SendSegmentOf<"rps"> {
  return { type: "rps", data: {} };
}

/** `dice` 骰子: a die roll; the result is random. Sent alone. */
export function dice(): SendSegmentOf<"dice"> {
  return { type: "dice", data: {} };
}

/**
 * `poke` 戳一戳 (legacy poke face). NapCat drops it on send: use the `send_poke`,
 * `group_poke` or `friend_poke` actions instead.
 */
export function poke(type: string, id: string): SendSegmentOf<"poke"> {
  return { type: "poke", data: { type, id } };
}

/** `music` 音乐分享: a song on qq / 163 / kugou / kuwo / migu, signed by NapCat. Sent alone. */
export function music(platform: MusicPlatform, id: NumberLike): SendSegmentOf<"music"> {
  return { type: "music", data: { type: platform, id } };
}

/** `music` 自定义音乐分享 (`type: "custom"`): jump `url` and cover `image` are required. Sent alone. */
export function customMusic(
  url: string,
  image: string,
  options?: Omit<MusicCustomSendData, "type" | "url" | "image">,
): SendSegmentOf<"music"> {
  return { type: "music", data: { type: "custom", url, image, ...options } };
}

/** `contact` 推荐好友/群: a contact card for a QQ user (`"qq"`, default) or a group. Sent alone. */
export function contact(
  id: NumberLike,
  type: ContactSendData["type"] = "qq",
): SendSegmentOf<"contact"> {
  return { type: "contact", data: { type, id } };
}

/** `location` 位置. Broken in NapCat (always sends "测试"); kept for completeness. */
export function location(
  lat: NumberLike,
  lon: NumberLike,
  options?: Omit<LocationSendData, "lat" | "lon">,
): SendSegmentOf<"location"> {
  return { type: "location", data: { lat, lon, ...options } };
}

/** `json` JSON 卡片: an Ark card (string or object). Needs a signed Ark, see `get_mini_app_ark`. */
export function json(data: JsonSendData["data"]): SendSegmentOf<"json"> {
  return { type: "json", data: { data } };
}

/** `xml` XML 卡片. Dropped by NapCat on send; kept for completeness. */
export function xml(data: string): SendSegmentOf<"xml"> {
  return { type: "xml", data: { data } };
}

/** `markdown` Markdown: rendered only for accounts / chats QQ allows. */
export function markdown(content: string): SendSegmentOf<"markdown"> {
  return { type: "markdown", data: { content } };
}

/** `miniapp` 小程序. Dropped by NapCat on send: send mini-app cards with {@link json}. */
export function miniapp(data: string): SendSegmentOf<"miniapp"> {
  return { type: "miniapp", data: { data } };
}

/** Options of a custom forward node: who it is shown as sent by, and nested-forward card texts. */
export type NodeOptions = Partial<Omit<NodeCustomSendData, "content" | "uin" | "name">>;

/**
 * `node` 合并转发自定义节点: a custom forward node. Content parts are kept literal
 * (strings are text, never CQ code). `nickname` defaults to "QQ用户"; `user_id` to the bot.
 */
export function node(
  content: MessagePart | readonly MessagePart[],
  options?: NodeOptions,
): DraftSegmentOf<"node"> {
  const parts = Array.isArray(content)
    ? (content as readonly MessagePart[])
    : [content as MessagePart];
  return {
    type: "node",
    data: { nickname: "QQ用户", ...options, content: MessageArray.from(...parts).segments },
  };
}

/** `node` 合并转发节点 that includes an existing message by its `message_id`. */
export function nodeRef(messageId: NumberLike): { type: "node"; data: NodeReferenceSendData } {
  return { type: "node", data: { id: messageId } };
}

/** `forward` 合并转发: re-send an existing merged forward by its `res_id`. Sent alone. */
export function forward(resId: string): SendSegmentOf<"forward"> {
  return { type: "forward", data: { id: resId } };
}

/** `onlinefile` 在线文件. Receive-only in NapCat: send with the `send_online_file` action. */
export function onlinefile(msgId: string, elementId: string): SendSegmentOf<"onlinefile"> {
  return { type: "onlinefile", data: { msgId, elementId } };
}

/** `flashtransfer` 闪传. Receive-only in NapCat: send with the `send_flash_msg` action. */
export function flashtransfer(fileSetId: string): SendSegmentOf<"flashtransfer"> {
  return { type: "flashtransfer", data: { fileSetId } };
}

/** `shake` 窗口抖动. Not implemented by NapCat ("未知的消息类型"). */
export function shake(): SendSegmentOf<"shake"> {
  return { type: "shake", data: {} };
}

/** `anonymous` 匿名. Not implemented by NapCat ("未知的消息类型"). */
export function anonymous(): SendSegmentOf<"anonymous"> {
  return { type: "anonymous", data: {} };
}

/** `share` 链接分享 (OneBot 11). Not implemented by NapCat ("未知的消息类型"); send a `json` card. */
export function share(
  url: string,
  title: string,
  options?: Omit<ShareSendData, "url" | "title">,
): SendSegmentOf<"share"> {
  return { type: "share", data: { url, title, ...options } };
}

/**
 * All segment builders in one object (NcatBot's segment classes, as functions).
 *
 * @example MessageArray.from(Segment.reply(id), Segment.text("收到"), Segment.image("./cat.png"))
 */
export const Segment = {
  text,
  at,
  reply,
  face,
  mface,
  image,
  record,
  video,
  file,
  rps,
  dice,
  poke,
  music,
  customMusic,
  contact,
  location,
  json,
  xml,
  markdown,
  miniapp,
  node,
  nodeRef,
  forward,
  onlinefile,
  flashtransfer,
  shake,
  anonymous,
  share,
} as const;
