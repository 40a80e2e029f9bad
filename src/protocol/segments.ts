/**
 * The 26 OneBot 11 / NapCat message segment types, in the form a bot sends them
 * ("send") and the form NapCat emits them in events ("receive").
 * Source: `protocol/napcat/segments.json` (NapCat v4.18.19). Types and name
 * lists only: no runtime logic lives here.
 *
 * Ids that NapCat accepts as either a number or a string are typed `number | string`
 * on send. On receive NapCat sends ids as strings (e.g. `at.qq`, `reply.id`).
 * Numeric send fields also accept numeric strings, because CQ codes carry every
 * value as a string and NapCat feeds them to the same converters.
 *
 * @module
 */

/** A scalar NapCat accepts as a number or as a numeric string. */
export type NumberLike = number | string;

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

/**
 * All 26 segment type names, in the order of `segments.json`.
 * Maps to the OneBot 11 / NapCat `type` field of a message segment.
 */
export const SEGMENT_TYPES = [
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
  "poke",
  "music",
  "contact",
  "location",
  "json",
  "xml",
  "markdown",
  "miniapp",
  "node",
  "forward",
  "onlinefile",
  "flashtransfer",
  "shake",
  "anonymous",
  "share",
] as const;

/** One of the 26 segment type names (OneBot 11 / NapCat segment `type`). */
export type SegmentType = (typeof SEGMENT_TYPES)[number];

/**
 * Segment types that must be the only segment of a message (QQ sends them as a
 * message of their own). `segments.json` does not list such a set: NapCat itself
 * only enforces the `node` rule (a forward is all nodes, see
 * {@link NODE_SEGMENT_TYPE}); these come from how QQ NT builds these elements
 * (voice, video, file, dice, rps, poke, cards are stand-alone messages).
 * `share` cannot be sent at all by NapCat (see {@link SEND_UNSUPPORTED_SEGMENT_TYPES}).
 */
export const SINGLE_ONLY_SEGMENT_TYPES = [
  "music",
  "forward",
  "file",
  "record",
  "video",
  "dice",
  "rps",
  "poke",
  "contact",
  "location",
  "share",
] as const satisfies readonly SegmentType[];

/** A segment type from {@link SINGLE_ONLY_SEGMENT_TYPES}. */
export type SingleOnlySegmentType = (typeof SINGLE_ONLY_SEGMENT_TYPES)[number];

/**
 * The `node` type: a message that contains one node must consist of nodes only
 * (NapCat: "转发消息不能和普通消息混在一起发送"). Several nodes together form a merged forward.
 */
export const NODE_SEGMENT_TYPE = "node" as const satisfies SegmentType;

/**
 * Segment types NapCat v4.18.19 cannot send (`send.supported` is `false` or
 * `"broken"` in `segments.json`): they are dropped silently, sent wrongly
 * (`location` always says "测试") or fail with "未知的消息类型".
 */
export const SEND_UNSUPPORTED_SEGMENT_TYPES = [
  "poke",
  "location",
  "xml",
  "miniapp",
  "onlinefile",
  "flashtransfer",
  "shake",
  "anonymous",
  "share",
] as const satisfies readonly SegmentType[];

/**
 * Segment types NapCat emits in received messages (`receive.emitted` is `true`).
 * The others never appear in events: music, contact and location cards arrive as
 * `json`, market stickers (`mface`) as `image`, forwards as `forward`.
 */
export const RECEIVED_SEGMENT_TYPES = [
  "text",
  "at",
  "reply",
  "face",
  "image",
  "record",
  "video",
  "file",
  "rps",
  "dice",
  "poke",
  "json",
  "markdown",
  "forward",
  "onlinefile",
  "flashtransfer",
] as const satisfies readonly SegmentType[];

// ---------------------------------------------------------------------------
// Send data
// ---------------------------------------------------------------------------

/** `text` 纯文本 / plain text. */
export interface TextSendData {
  /** The text, sent literally (no CQ parsing). */
  text: string;
}

/** `at` @某人 / mention (groups only; dropped in private chats). */
export interface AtSendData {
  /** QQ number, or `"all"` for @全体成员. */
  qq: NumberLike | "all";
  /** Accepted but ignored: NapCat fills in the member card / nickname itself. */
  name?: string;
}

/** `reply` 回复 / quote a message. Give `id` or `seq`. */
export interface ReplySendData {
  /** `message_id` (short id) of the message to quote. */
  id?: NumberLike;
  /** QQ message sequence in the same chat; preferred over `id` when given. */
  seq?: NumberLike;
}

/** `face` QQ 表情 / QQ system face. */
export interface FaceSendData {
  /** QQ face id; must exist in NapCat's face_config.json, else the segment is dropped. */
  id: NumberLike;
  /** Result id for interactive faces. */
  resultId?: string;
  /** Chain (combo) count. */
  chainCount?: NumberLike;
}

/** `mface` 商城表情 / market sticker (NapCat extension). */
export interface MfaceSendData {
  /** Sticker package id. */
  emoji_package_id: NumberLike;
  /** Sticker id. */
  emoji_id: string;
  /** Sticker key. */
  key: string;
  /** Display text (NapCat uses "[商城表情]" when empty). */
  summary: string;
}

/**
 * Where a media file comes from, as NapCat reads it: `http(s)://` URL, `file://` URI,
 * absolute path on the NapCat host, `base64://<data>`, `data:<mime>;base64,<data>`,
 * or a file id / name from a received segment (kept by NapCat for 24 h).
 */
export type MediaFileSource = string;

/** Fields shared by the four media segments (`image`, `record`, `video`, `file`). */
export interface MediaSendData {
  /** The file; see {@link MediaFileSource}. */
  file: MediaFileSource;
  /** Alternative to `file` (NapCat uses the first non-empty of url, file, path). */
  url?: string;
  /** Alternative to `file`. */
  path?: string;
  /** File name. */
  name?: string;
}

/** `image` 图片 / image. */
export interface ImageSendData extends MediaSendData {
  /** Preview text, e.g. "[动画表情]". */
  summary?: string;
  /** PicSubType: 0 normal image, 1 sticker (custom face); 2-7 other NT kinds. */
  sub_type?: NumberLike;
  /** Accepted, unused for images. */
  thumb?: string;
}

/** `record` 语音 / voice (any ffmpeg-readable audio, converted to SILK by NapCat). */
export interface RecordSendData extends MediaSendData {}

/** `video` 视频 / video. */
export interface VideoSendData extends MediaSendData {
  /** Cover image (same sources as `file`); otherwise extracted with ffmpeg. */
  thumb?: string;
}

/** `file` 文件 / file message (NapCat extension; a group file in groups). */
export interface FileSendData extends MediaSendData {}

/** Data of segments that carry no fields when sent (`rps`, `dice`, `shake`, `anonymous`...). NapCat ignores any data. */
export type EmptySendData = Record<string, string>;

/** `poke` 戳一戳 (legacy poke face). NapCat drops it on send: use `send_poke` / `group_poke` / `friend_poke`. */
export interface PokeSendData {
  /** Poke type. */
  type: string;
  /** Poke id. */
  id: string;
}

/** Music platforms NapCat's signer knows. */
export type MusicPlatform = "qq" | "163" | "kugou" | "kuwo" | "migu";

/** `music` 音乐分享 from a platform, signed by NapCat's music-card service. */
export interface MusicPlatformSendData {
  /** qq | 163 | kugou | kuwo | migu. */
  type: MusicPlatform;
  /** Song id on that platform. */
  id: NumberLike;
}

/** `music` 自定义音乐分享 / custom music card. */
export interface MusicCustomSendData {
  /** "custom" (or a platform name). */
  type: "custom" | MusicPlatform;
  /** Jump URL. */
  url: string;
  /** Cover image URL. */
  image: string;
  /** Audio URL. */
  audio?: string;
  /** Title. */
  title?: string;
  /** Description; sent to the signer as the singer. */
  content?: string;
}

/** `music` 音乐分享 / music card (platform or custom). */
export type MusicSendData = MusicPlatformSendData | MusicCustomSendData;

/** `contact` 推荐好友/群 / contact card (sent as an Ark json). */
export interface ContactSendData {
  /** "qq" (default) or "group". */
  type: "qq" | "group";
  /** QQ number or group id to recommend. */
  id: NumberLike;
}

/** `location` 位置 / location. Broken in NapCat (always sends "测试"): treat as unsupported. */
export interface LocationSendData {
  /** Latitude. */
  lat: NumberLike;
  /** Longitude. */
  lon: NumberLike;
  /** Title. */
  title?: string;
  /** Content. */
  content?: string;
}

/** `json` JSON 卡片 / Ark card. Usually needs a signed Ark (see `get_mini_app_ark`). */
export interface JsonSendData {
  /** Ark JSON; objects are JSON.stringify-ed by NapCat. */
  data: string | object;
  /** `{ token }`; accepted but unused. */
  config?: { token: string };
}

/** `xml` XML 卡片. Dropped by NapCat on send. */
export interface XmlSendData {
  /** XML text. */
  data: string;
}

/** `markdown` Markdown (NapCat extension; rendered only where QQ allows it). */
export interface MarkdownSendData {
  /** Markdown text. */
  content: string;
}

/** `miniapp` 小程序 (NapCat extension). Dropped on send: send mini-app cards as `json`. */
export interface MiniappSendData {
  /** Mini-app data. */
  data: string;
}

/** `node` 合并转发节点 referencing an existing message. */
export interface NodeReferenceSendData {
  /** `message_id` (short id) or NT msgId of the message to include. */
  id: NumberLike;
}

/** `node` 合并转发自定义节点 / custom forward node. */
export interface NodeCustomSendData {
  /** Shown sender QQ (alias `uin`); defaults to the parent node or the bot. */
  user_id?: NumberLike;
  /** go-cqhttp alias of `user_id`. */
  uin?: NumberLike;
  /** Shown sender name (alias `name`; NapCat default "QQ用户"). */
  nickname: string;
  /** go-cqhttp alias of `nickname`. */
  name?: string;
  /** Node content: CQ string, one segment or segments; may contain nodes (max depth 3). */
  content: string | SendSegment | readonly SendSegment[];
  /** Card title for a nested forward. */
  source?: string;
  /** Card preview lines for a nested forward. */
  news?: readonly { text: string }[];
  /** Card summary for a nested forward. */
  summary?: string;
  /** Card prompt for a nested forward. */
  prompt?: string;
  /** Shown time (unix seconds). */
  time?: NumberLike;
}

/** `node` 合并转发节点 / forward node: a reference or a custom node. */
export type NodeSendData = NodeReferenceSendData | NodeCustomSendData;

/** `forward` 合并转发 / re-send an existing merged forward by its res_id. */
export interface ForwardSendData {
  /** `res_id` / `forward_id` of an existing merged forward. */
  id: string;
}

/** `onlinefile` 在线文件. Receive-only: send with the `send_online_file` action. */
export interface OnlinefileSendData {
  /** NT msgId. */
  msgId?: string;
  /** NT elementId. */
  elementId?: string;
}

/** `flashtransfer` 闪传. Receive-only: send with the `send_flash_msg` action. */
export interface FlashtransferSendData {
  /** Flash-transfer fileset id. */
  fileSetId: string;
}

/**
 * `share` 链接分享 (OneBot 11 fields). Not implemented by NapCat: sending fails
 * with "未知的消息类型：share"; link cards arrive as `json`.
 */
export interface ShareSendData {
  /** Link URL. */
  url: string;
  /** Title. */
  title: string;
  /** Description. */
  content?: string;
  /** Image URL. */
  image?: string;
}

/** Send-form data of every segment type. */
export interface SendSegmentDataMap {
  text: TextSendData;
  at: AtSendData;
  reply: ReplySendData;
  face: FaceSendData;
  mface: MfaceSendData;
  image: ImageSendData;
  record: RecordSendData;
  video: VideoSendData;
  file: FileSendData;
  rps: EmptySendData;
  dice: EmptySendData;
  poke: PokeSendData;
  music: MusicSendData;
  contact: ContactSendData;
  location: LocationSendData;
  json: JsonSendData;
  xml: XmlSendData;
  markdown: MarkdownSendData;
  miniapp: MiniappSendData;
  node: NodeSendData;
  forward: ForwardSendData;
  onlinefile: OnlinefileSendData;
  flashtransfer: FlashtransferSendData;
  shake: EmptySendData;
  anonymous: EmptySendData;
  share: ShareSendData;
}

/**
 * A segment as a bot sends it: `{ type, data }` (OneBot 11 array message format).
 * Discriminated by `type`.
 */
export type SendSegment = {
  [T in SegmentType]: { type: T; data: SendSegmentDataMap[T] };
}[SegmentType];

/** The send form of one segment type, e.g. `SendSegmentOf<"at">`. */
export type SendSegmentOf<T extends SegmentType> = Extract<SendSegment, { type: T }>;

// ---------------------------------------------------------------------------
// Receive data
// ---------------------------------------------------------------------------

/** Received `text`: lone `\r` line breaks are converted to `\n`. */
export interface TextReceiveData {
  /** Plain text. */
  text: string;
}

/** Received `at`. */
export interface AtReceiveData {
  /** QQ number as a string, or "all". */
  qq: string;
}

/** Received `reply`. */
export interface ReplyReceiveData {
  /** Short message_id of the quoted message, as a string. */
  id: string;
}

/** Received `face`. Faces 358 / 359 arrive as `dice` / `rps`, poke faces as `poke`. */
export interface FaceReceiveData {
  /** Face id. */
  id: string;
  /** Raw NT faceElement (faceIndex, faceText, faceType, stickerId, ...). */
  raw?: Record<string, unknown>;
  /** Result id (may be absent). */
  resultId?: string;
  /** Chain count (may be absent). */
  chainCount?: number;
}

/** Received `image` (market stickers also arrive as images, with the mface fields). */
export interface ImageReceiveData {
  /** Preview text ("" or "[动画表情]"). */
  summary: string;
  /** Image file name (e.g. `<MD5>.jpg`); usable with get_image / get_file for 24 h. */
  file: string;
  /** 0 normal image, 1 sticker. */
  sub_type: number;
  /** Download URL (or a local path when URL lookup is disabled). */
  url: string;
  /** Size in bytes, as a string. */
  file_size: string;
  /** Only for market stickers. */
  key?: string;
  /** Only for market stickers. */
  emoji_id?: string;
  /** Only for market stickers. */
  emoji_package_id?: number;
}

/** Received `record`. */
export interface RecordReceiveData {
  /** NapCat file id (resolvable with get_record / get_file for 24 h). */
  file: string;
  /** Local path of the voice file on the NapCat host. */
  path: string;
  /** Download URL, or the local path. */
  url: string;
  /** Size in bytes. */
  file_size: string;
}

/** Received `video`. */
export interface VideoReceiveData {
  /** NapCat file id (resolvable with get_file for 24 h). */
  file: string;
  /** Download URL (or local path as fallback). */
  url: string;
  /** Size in bytes. */
  file_size: string;
}

/** Received `file`. */
export interface FileReceiveData {
  /** File name. */
  file: string;
  /** NT fileUuid; name and file_id both resolve with get_file for 24 h. */
  file_id: string;
  /** Size in bytes. */
  file_size: string;
  /** Download URL; only when the packet backend is available. */
  url?: string;
}

/** Received `rps` / `dice`. */
export interface ResultReceiveData {
  /** dice: "1"-"6"; rps: "1"-"3" (rock, scissors, paper). */
  result: string;
}

/** Received `poke` (legacy poke face only; 拍一拍 arrives as a `notice.notify.poke` event). */
export interface PokeReceiveData {
  /** pokeType of the face. */
  type: string;
  /** Face index. */
  id: string;
}

/** Received `json`. */
export interface JsonReceiveData {
  /** Ark JSON string (music, contact, mini-app, location, forward cards, ...). */
  data: string;
}

/** Received `markdown`. */
export interface MarkdownReceiveData {
  /** Markdown text. */
  content: string;
}

/** Received `forward`. */
export interface ForwardReceiveData {
  /** NT msgId of the message carrying the forward; pass it to get_forward_msg. */
  id: string;
  /** Parsed node messages; only when NapCat's `parseMultMsg` is on. */
  content?: readonly unknown[];
}

/** Received `onlinefile` (use msgId / elementId with receive_online_file / refuse_online_file). */
export interface OnlinefileReceiveData {
  /** NT msgId. */
  msgId: string;
  /** NT elementId. */
  elementId: string;
  /** File or folder name. */
  fileName: string;
  /** Size. */
  fileSize: string;
  /** True for an online folder. */
  isDir: boolean;
}

/** Received `flashtransfer`. */
export interface FlashtransferReceiveData {
  /** Fileset id (use with get_fileset_info, get_flash_file_list, download_fileset). */
  fileSetId: string;
}

/** Data of a type NapCat never emits in events; listed so the union covers all 26 names. */
export type NotEmittedData = Record<string, unknown>;

/** Receive-form data of every segment type. */
export interface ReceiveSegmentDataMap {
  text: TextReceiveData;
  at: AtReceiveData;
  reply: ReplyReceiveData;
  face: FaceReceiveData;
  mface: NotEmittedData;
  image: ImageReceiveData;
  record: RecordReceiveData;
  video: VideoReceiveData;
  file: FileReceiveData;
  rps: ResultReceiveData;
  dice: ResultReceiveData;
  poke: PokeReceiveData;
  music: NotEmittedData;
  contact: NotEmittedData;
  location: NotEmittedData;
  json: JsonReceiveData;
  xml: NotEmittedData;
  markdown: MarkdownReceiveData;
  miniapp: NotEmittedData;
  node: NotEmittedData;
  forward: ForwardReceiveData;
  onlinefile: OnlinefileReceiveData;
  flashtransfer: FlashtransferReceiveData;
  shake: NotEmittedData;
  anonymous: NotEmittedData;
  share: NotEmittedData;
}

/**
 * A segment as NapCat emits it in an event's `message` array (OneBot 11
 * `messagePostFormat: array`). Discriminated by `type`.
 */
export type ReceiveSegment = {
  [T in SegmentType]: { type: T; data: ReceiveSegmentDataMap[T] };
}[SegmentType];

/** The receive form of one segment type, e.g. `ReceiveSegmentOf<"image">`. */
export type ReceiveSegmentOf<T extends SegmentType> = Extract<ReceiveSegment, { type: T }>;
