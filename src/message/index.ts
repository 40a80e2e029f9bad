/**
 * The message model: segment builders, `MessageArray`, the CQ-code codec, media
 * inputs, outgoing validation and `ForwardConstructor`.
 *
 * @module
 */
export {
  anonymous,
  at,
  contact,
  customMusic,
  dice,
  face,
  file,
  flashtransfer,
  forward,
  image,
  json,
  location,
  markdown,
  mface,
  miniapp,
  music,
  type NodeOptions,
  node,
  nodeRef,
  onlinefile,
  poke,
  record,
  reply,
  rps,
  Segment,
  shake,
  share,
  text,
  video,
  xml,
} from "./builders.js";
export {
  type CQSegmentLike,
  escapeCQParam,
  escapeCQText,
  parseCQ,
  segmentToCQ,
  toCQ,
  unescapeCQ,
} from "./cq.js";
export { ForwardConstructor, type ForwardSource } from "./forward.js";
export { isLoopbackHost, type MediaFileOptions, toMediaFile, toMediaFilePure } from "./media.js";
export { type IsUserAtOptions, MessageArray, MessageChain } from "./message-array.js";
export type {
  DraftSegment,
  DraftSegmentDataMap,
  DraftSegmentOf,
  FileDraftData,
  ImageDraftData,
  MediaInput,
  MediaSegmentType,
  MessagePart,
  MessageSegment,
  MessageSegmentOf,
  NodeCustomDraftData,
  RecordDraftData,
  VideoDraftData,
  WireOptions,
} from "./types.js";
export { type ValidateOptions, validateOutgoing } from "./validate.js";
export { resolveMedia, toWirePure } from "./wire.js";
