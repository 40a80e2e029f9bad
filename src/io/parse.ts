/**
 * The JSON steps every I/O path shares: serializing call params once, parsing each
 * frame from NapCat once, telling what a parsed frame is (the one classifier of the
 * engines and of `bot.handleEvent`) and routing it ({@link routeFrame}).
 *
 * @module
 */
import { framePreview } from "../transport/frame-preview.js";
import type { PendingCalls } from "../transport/pending-calls.js";
import type { LogLevel } from "../transport/types.js";
import type { EventObject } from "./types.js";

/** Where {@link parseFrame} reports a frame it drops. */
export type FrameLog = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

/**
 * The JSON text of a call's params (OneBot `params`).
 *
 * @throws TypeError naming the action when the params cannot be JSON (a cycle, a BigInt).
 */
export function serializeParams(action: string, params: object): string {
  try {
    return JSON.stringify(params);
  } catch (error) {
    throw new TypeError(
      `Params of "${action}" cannot be sent as JSON (${(error as Error).message}): pass plain objects, strings, numbers and arrays only`,
    );
  }
}

/**
 * {@link serializeParams} for async calls, which reject instead of throwing: the JSON
 * text, or the error to reject with.
 */
export function paramsJsonOrError(action: string, params: object): string | TypeError {
  try {
    return serializeParams(action, params);
  } catch (error) {
    return error as TypeError;
  }
}

/**
 * Parses one frame (JSON text, or its UTF-8 bytes); `undefined`, and a warning
 * through `log`, when it is not a JSON object.
 */
export function parseFrame(
  raw: string | Buffer,
  log: FrameLog,
): Record<string, unknown> | undefined {
  const text = typeof raw === "string" ? raw : raw.toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    log("warn", "dropped a frame that is not JSON; NapCat should never send one", {
      frame: framePreview(text),
    });
    return undefined;
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  log("warn", "dropped a frame that is not a JSON object: not a OneBot event", {
    frame: framePreview(text),
  });
  return undefined;
}

/**
 * What a parsed frame from NapCat is: an `"event"` (a string `post_type`), a
 * `"response"` to some call (`echo` or `retcode`, no `post_type`), or `"neither"`.
 */
export type FrameKind = "event" | "response" | "neither";

/** Classifies a parsed frame (see {@link FrameKind}). */
export function classifyFrame(frame: Record<string, unknown>): FrameKind {
  if (typeof frame.post_type === "string") return "event";
  return frame.echo !== undefined || frame.retcode !== undefined ? "response" : "neither";
}

/**
 * Logs a frame that is not handed on: a response nobody waits for (late, after a
 * timeout, or not ours) at debug, anything else at warn; both with a short, masked
 * preview of the frame.
 */
export function logDroppedFrame(
  kind: "response" | "neither",
  raw: string | Buffer,
  log: FrameLog,
): void {
  if (kind === "response") {
    log("debug", "dropped a late or unknown response frame", { frame: framePreview(raw) });
  } else {
    log("warn", "dropped a frame without post_type: not a OneBot event", {
      frame: framePreview(raw),
    });
  }
}

/**
 * One frame from NapCat, parsed once and routed: an answer to one of `calls` settles
 * it; an event is returned for the engine to deliver; anything else is logged (see
 * {@link logDroppedFrame}) and dropped. Both engines route every frame through here.
 */
export function routeFrame(
  raw: string | Buffer,
  calls: Pick<PendingCalls, "settle">,
  log: FrameLog,
): EventObject | undefined {
  const obj = parseFrame(raw, log);
  if (obj === undefined) return undefined;
  const kind = classifyFrame(obj);
  if (kind === "event") return obj as EventObject;
  if (kind === "neither" || !calls.settle(obj)) logDroppedFrame(kind, raw, log);
  return undefined;
}
