/**
 * Turning message segments (send, receive or draft) into wire `SendSegment`s:
 * media inputs are resolved, draft node content is converted recursively.
 *
 * @module
 */
import type { SendSegment } from "../protocol/index.js";
import { toMediaFile, toMediaFilePure } from "./media.js";
import type { MediaInput, MessageSegment, WireOptions } from "./types.js";

type MediaConverter = (input: MediaInput) => string;

/** Anything with `segments` (a MessageArray), without importing the class. */
interface HasSegments {
  readonly segments: readonly MessageSegment[];
}

function contentSegments(content: unknown): readonly MessageSegment[] | undefined {
  if (Array.isArray(content)) return content as readonly MessageSegment[];
  if (typeof content === "object" && content !== null && "segments" in content) {
    return (content as HasSegments).segments;
  }
  return undefined;
}

function needsConversion(value: unknown): boolean {
  return typeof value !== "string" && value !== undefined;
}

/** Whether a segment must be rewritten for the wire (media to resolve, node content to convert). */
function isDraftLike(segment: MessageSegment, resolveStrings: boolean): boolean {
  switch (segment.type) {
    case "image":
    case "record":
    case "video":
    case "file": {
      const data = segment.data as { file?: unknown; thumb?: unknown };
      return (
        resolveStrings ||
        needsConversion(data.file) ||
        needsConversion(data.thumb) ||
        (typeof data.file === "string" && data.file.startsWith("data:"))
      );
    }
    case "node": {
      const content = (segment.data as { content?: unknown }).content;
      return content !== undefined && typeof content !== "string";
    }
    default:
      return false;
  }
}

function convertSegment(
  segment: MessageSegment,
  convert: MediaConverter,
  resolveStrings: boolean,
): SendSegment {
  switch (segment.type) {
    case "image":
    case "record":
    case "video":
    case "file": {
      const data: Record<string, unknown> = { ...segment.data };
      const file = data.file;
      if (file !== undefined) data.file = convert(file as MediaInput);
      if (data.thumb !== undefined && data.thumb !== "")
        data.thumb = convert(data.thumb as MediaInput);
      return { type: segment.type, data } as unknown as SendSegment;
    }
    case "node": {
      const content = contentSegments((segment.data as { content?: unknown }).content);
      if (content === undefined) return segment as SendSegment;
      return {
        type: "node",
        data: { ...segment.data, content: convertAll(content, convert, resolveStrings) },
      } as SendSegment;
    }
    default:
      return segment as SendSegment;
  }
}

function convertAll(
  segments: readonly MessageSegment[],
  convert: MediaConverter,
  resolveStrings: boolean,
): SendSegment[] | readonly SendSegment[] {
  let out: SendSegment[] | undefined;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as MessageSegment;
    if (out === undefined) {
      if (!isDraftLike(segment, resolveStrings)) continue;
      out = segments.slice(0, i) as SendSegment[];
    }
    out.push(
      isDraftLike(segment, resolveStrings)
        ? convertSegment(segment, convert, resolveStrings)
        : (segment as SendSegment),
    );
  }
  // Nothing to convert: hand back the same array (no copy).
  return out ?? (segments as readonly SendSegment[]);
}

/**
 * Resolves every media input (bytes, `URL`, `data:` URI, local path) and draft node
 * content into wire segments, reading local files when NapCat is remote.
 * Received segments pass through unchanged.
 *
 * @throws InvalidMessageError when a local media path does not exist.
 */
export function resolveMedia(
  segments: readonly MessageSegment[],
  options: WireOptions,
): SendSegment[] {
  const convert: MediaConverter = (input) => toMediaFile(input, options);
  const out = convertAll(segments, convert, true);
  return out === segments ? [...out] : (out as SendSegment[]);
}

/**
 * Converts without file-system access: bytes become `base64://`, `URL`s their
 * `href`, `data:` URIs `base64://`; local paths are left as written. Returns the
 * same array when nothing needs converting.
 */
export function toWirePure(segments: readonly MessageSegment[]): readonly SendSegment[] {
  return convertAll(segments, toMediaFilePure, false);
}
