/**
 * Types of the message model: what a {@link MessageArray} may hold before it is
 * turned into wire segments.
 *
 * @module
 */
import type {
  FileSendData,
  ImageSendData,
  NodeCustomSendData,
  NodeReferenceSendData,
  ReceiveSegment,
  RecordSendData,
  SegmentType,
  SendSegment,
  VideoSendData,
} from "../protocol/index.js";
import type { MessageArray } from "./message-array.js";

/**
 * A media file as a user may give it: a string (URL, `file://` URI, `base64://`,
 * `data:` URI, local path or NapCat file id), a `Buffer` / `Uint8Array` (bytes),
 * or a `URL` object. Converted to a NapCat `file` string by {@link toMediaFile}.
 */
export type MediaInput = string | Uint8Array | URL;

/** Media segment types whose `file` (and `thumb`) may hold a {@link MediaInput}. */
export type MediaSegmentType = "image" | "record" | "video" | "file";

/** `image` data before media resolution: `file` / `thumb` may be bytes or a URL. */
export interface ImageDraftData extends Omit<ImageSendData, "file" | "thumb"> {
  /** The image; see {@link MediaInput}. */
  file: MediaInput;
  /** Accepted, unused for images. */
  thumb?: MediaInput;
}

/** `record` data before media resolution. */
export interface RecordDraftData extends Omit<RecordSendData, "file"> {
  /** The audio; see {@link MediaInput}. */
  file: MediaInput;
}

/** `video` data before media resolution. */
export interface VideoDraftData extends Omit<VideoSendData, "file" | "thumb"> {
  /** The video; see {@link MediaInput}. */
  file: MediaInput;
  /** Cover image; see {@link MediaInput}. */
  thumb?: MediaInput;
}

/** `file` data before media resolution. */
export interface FileDraftData extends Omit<FileSendData, "file"> {
  /** The file; see {@link MediaInput}. */
  file: MediaInput;
}

/** A custom `node` whose content is a segment list that may still hold media drafts. */
export interface NodeCustomDraftData extends Omit<NodeCustomSendData, "content"> {
  /** Node content (segments, kept literal: never parsed as CQ code). */
  content: readonly MessageSegment[] | MessageArray;
}

/** Draft data per media / node type. */
export interface DraftSegmentDataMap {
  image: ImageDraftData;
  record: RecordDraftData;
  video: VideoDraftData;
  file: FileDraftData;
  node: NodeCustomDraftData | NodeReferenceSendData;
}

/**
 * A segment built by the builders that still holds un-resolved media input
 * (bytes, `URL`, local path) or draft node content. `MessageArray.toWire()` turns it
 * into a {@link SendSegment}.
 */
export type DraftSegment = {
  [T in keyof DraftSegmentDataMap]: { type: T; data: DraftSegmentDataMap[T] };
}[keyof DraftSegmentDataMap];

/** The draft form of one media / node type. */
export type DraftSegmentOf<T extends keyof DraftSegmentDataMap> = Extract<
  DraftSegment,
  { type: T }
>;

/** Anything a {@link MessageArray} can hold: a send, receive or draft segment. */
export type MessageSegment = SendSegment | ReceiveSegment | DraftSegment;

/** Every form (send, receive, draft) of one segment type, e.g. `MessageSegmentOf<"at">`. */
export type MessageSegmentOf<T extends SegmentType> = Extract<MessageSegment, { type: T }>;

/**
 * One argument of `MessageArray.from()` / `.concat()`: a plain string (LITERAL text,
 * never parsed as CQ code), a segment, an array of segments, or a MessageArray.
 */
export type MessagePart = string | MessageSegment | readonly MessageSegment[] | MessageArray;

/** Options for turning a message into wire segments. */
export interface WireOptions {
  /**
   * True when NapCat runs on this machine and can read its files: local paths are
   * sent as `file:///abs/path`. False: local files are read and sent as `base64://`.
   * Default used by the client: the NapCat URI host is loopback ({@link isLoopbackHost}).
   */
  napcatIsLocal: boolean;
}
