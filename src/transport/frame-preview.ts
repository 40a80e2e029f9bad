/**
 * A bounded, masked preview of a frame for log lines. Frames from the wire are
 * never serialized whole: a deeply nested one would overflow `JSON.stringify`'s
 * stack, and a large one would fill the log.
 *
 * @module
 */
import { maskSecretsInText } from "../settings/redact.js";

/** How many characters of a frame a log line shows. */
export const FRAME_PREVIEW_CHARS = 120;

/**
 * The first {@link FRAME_PREVIEW_CHARS} characters of the frame's text (decoding
 * only that many bytes of a Buffer), secrets masked, with the total size when cut.
 */
export function framePreview(raw: string | Buffer, max = FRAME_PREVIEW_CHARS): string {
  const total = raw.length;
  const head =
    typeof raw === "string"
      ? raw.slice(0, max)
      : raw
          .subarray(0, max * 4)
          .toString("utf8")
          .slice(0, max);
  const cut = typeof raw === "string" ? total > max : total > Buffer.byteLength(head);
  return (
    maskSecretsInText(head) +
    (cut ? `… (${total} ${typeof raw === "string" ? "chars" : "bytes"})` : "")
  );
}
