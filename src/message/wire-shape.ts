/**
 * Received messages whose shape is wrong (a number, `null` segments, segments
 * without a string `type`): NapCat never sends them, but anything on its port can.
 * They are found once per event and repaired so that nothing downstream (filters,
 * `MessageArray`, handlers) meets a value it cannot read.
 *
 * @module
 */
import type { MessageSegment } from "./types.js";

function isPlainSegment(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { type?: unknown; data?: unknown };
  return typeof v.type === "string" && typeof v.data === "object" && v.data !== null;
}

/**
 * Why `message` is not a received message (a CQ string, or an array of
 * `{ type: string, data: object }`), or `undefined` when it is one.
 */
export function messageShapeProblem(message: unknown): string | undefined {
  if (typeof message === "string") return undefined;
  if (!Array.isArray(message)) {
    return `message is ${message === null ? "null" : typeof message}, not a segment array or a CQ string`;
  }
  for (let i = 0; i < message.length; i++) {
    const s: unknown = message[i];
    if (!isPlainSegment(s)) {
      const what =
        s === null
          ? "null"
          : typeof s !== "object"
            ? `a ${typeof s}`
            : Array.isArray(s)
              ? "an array"
              : typeof (s as { type?: unknown }).type !== "string"
                ? 'an object without string "type"'
                : 'an object without object "data"';
      return `segment ${i} is ${what}`;
    }
  }
  return undefined;
}

/**
 * The readable part of a malformed message: its segments with a string `type`
 * (a missing or non-object `data` becomes `{}`); everything else is dropped, and a
 * value that is not an array gives no segments. The wire's `raw_message` is kept as is.
 */
export function repairMessage(message: unknown): MessageSegment[] {
  if (!Array.isArray(message)) return [];
  const out: MessageSegment[] = [];
  for (const s of message as unknown[]) {
    if (typeof s !== "object" || s === null || Array.isArray(s)) continue;
    const { type, data } = s as { type?: unknown; data?: unknown };
    if (typeof type !== "string") continue;
    const safeData = typeof data === "object" && data !== null && !Array.isArray(data) ? data : {};
    out.push({ type, data: safeData } as MessageSegment);
  }
  return out;
}
