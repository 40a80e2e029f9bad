/**
 * Frames on the wire: the one builder of OneBot request frames, and cheap raw-text
 * sniffing of incoming frames, so event frames are passed on without being parsed
 * where the connection lives.
 *
 * @module
 */
import { SYNC_ECHO_MARKER } from "./pending-calls.js";

/** {@link SYNC_ECHO_MARKER} as bytes, to search raw socket frames without decoding them. */
const SYNC_MARKER_BYTES = Buffer.from(SYNC_ECHO_MARKER, "utf8");

const BAD_TOKEN_MARKER = '"retcode":1403';

/**
 * True when the frame may answer a call correlated on the I/O thread (Sync calls,
 * the login probe): it contains {@link SYNC_ECHO_MARKER}. A quote inside a JSON
 * string is always escaped, so user text can never produce the marker.
 */
export function mayBeSyncResponse(raw: Buffer | string): boolean {
  return typeof raw === "string" ? raw.includes(SYNC_ECHO_MARKER) : raw.includes(SYNC_MARKER_BYTES);
}

/**
 * The OneBot request frame `{"action":..,"params":..,"echo":..}`. `paramsJson` is
 * the params' JSON text (serialized once by the caller); `echo` is one of
 * NcatBot's echoes (`ncb:a12`), which need no escaping.
 */
export function requestFrame(action: string, paramsJson: string, echo: string): string {
  return `{"action":${JSON.stringify(action)},"params":${paramsJson},"echo":"${echo}"}`;
}

/** True when the frame may be a NapCat "bad token" (retcode 1403) frame. */
export function mayBeBadToken(raw: string): boolean {
  return raw.includes(BAD_TOKEN_MARKER);
}

/** Parses a JSON object, or undefined when the text is not one. */
export function parseObject(raw: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === "object" && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A `ws` message payload (Buffer, Buffer[] or ArrayBuffer) as one Buffer, without copying a single Buffer. */
export function frameBytes(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]);
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return Buffer.from(String(data), "utf8");
}

/** Converts a `ws` message payload (Buffer, Buffer[] or ArrayBuffer) to text. */
export function frameText(data: unknown): string {
  if (typeof data === "string") return data;
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]).toString("utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  return String(data);
}
