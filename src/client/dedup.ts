/**
 * An optional replay filter for HTTP POST mode. OneBot's HTTP POST has no replay
 * protection: the HMAC signature proves who sent an event, not that it is new, so a
 * captured request can be posted again. With `connection.events.dedupWindowMs` set,
 * an event seen within the window (by `message_id`, else by `time`, type and ids)
 * is dropped.
 *
 * @module
 */
import type { RawPayload } from "../event/payloads.js";

function show(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

/** The identity of an event for de-duplication. */
export function eventIdentity(payload: RawPayload): string {
  if (payload.message_id !== undefined && payload.post_type !== "notice") {
    return `m:${show(payload.self_id)}:${show(payload.message_id)}`;
  }
  return [
    "e",
    show(payload.self_id),
    show(payload.time),
    show(payload.post_type),
    show(
      payload.message_type ??
        payload.notice_type ??
        payload.request_type ??
        payload.meta_event_type,
    ),
    show(payload.sub_type),
    show(payload.group_id),
    show(payload.user_id),
    show(payload.operator_id ?? payload.target_id),
    show(payload.message_id ?? payload.flag),
  ].join(":");
}

/** Remembers event identities for `windowMs`; bounded by expiry (oldest first). */
export class RecentEvents {
  readonly #seen = new Map<string, number>();
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(windowMs: number, now: () => number = Date.now) {
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** True when `payload` was seen within the window (then it should be dropped); records it otherwise. */
  isReplay(payload: RawPayload): boolean {
    const now = this.#now();
    // Map keeps insertion order: expired entries are at the front.
    for (const [key, at] of this.#seen) {
      if (now - at <= this.#windowMs) break;
      this.#seen.delete(key);
    }
    const id = eventIdentity(payload);
    if (this.#seen.has(id)) return true;
    this.#seen.set(id, now);
    return false;
  }

  /** Identities remembered right now. */
  get size(): number {
    return this.#seen.size;
  }
}
