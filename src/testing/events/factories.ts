/**
 * Event factories: one per event NapCat emits (all 29 of events.json). Each
 * returns a payload with exactly the catalog example's fields, typed with the
 * protocol payload types, ready for `bot.handleEvent(payload)` (no network) or
 * `fake.emit(payload)` (over the wire).
 *
 * @module
 */
import { escapeText, parseCqString, toCqString, type WireSegment } from "../fake-napcat/cq.js";
import { EVENT_EXAMPLES, type EventFactoryName } from "./examples.generated.js";
import { type DeepPartial, deepMergeInto } from "./merge.js";

/** Input of a non-message factory: fields to change (deep-merged), and/or the same under `overrides`. */
export type EventInput<P> = DeepPartial<P> & {
  /** Deep-merged after the top-level fields. `undefined` removes a field. */
  overrides?: DeepPartial<P>;
};

/** What a message factory accepts as content: literal text, a CQ string, or segments. */
export interface MessageContentInput {
  /** Literal text: one `text` segment; `raw_message` is its CQ-escaped form (`[` -> `&#91;`...). */
  text?: string;
  /** A CQ string (parsed into segments) or receive-form segments; wins over `text`. */
  message?: string | readonly WireSegment[];
}

/**
 * Input of a message factory: content, plus fields to change (deep-merged).
 * `user_id` also sets `sender.user_id` (and `target_id` of a received private
 * message); `message_id` also sets `message_seq` and `real_id`, unless those are given.
 */
export type MessageEventInput<P> = MessageContentInput &
  Omit<DeepPartial<P>, "message"> & {
    /** Deep-merged after everything else. */
    overrides?: Omit<DeepPartial<P>, "message">;
  };

let nextMessageId = 1_847_400_000;

/** A fresh positive int32 message id (NapCat's ids are int32 hashes). */
function freshMessageId(): number {
  nextMessageId = nextMessageId >= 2_147_000_000 ? 1_847_400_000 : nextMessageId + 1;
  return nextMessageId;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function clone(name: EventFactoryName): Record<string, unknown> {
  return structuredClone(EVENT_EXAMPLES[name]) as unknown as Record<string, unknown>;
}

/** Deep-merges an input's top-level fields (minus `skip`), then its `overrides`, into `payload`. */
function applyInput(
  payload: Record<string, unknown>,
  input: object | undefined,
  skip: readonly string[],
): void {
  if (input === undefined) return;
  const { overrides, ...fields } = input as { overrides?: Record<string, unknown> };
  for (const key of skip) delete (fields as Record<string, unknown>)[key];
  deepMergeInto(payload, fields);
  if (overrides !== undefined) deepMergeInto(payload, overrides);
}

function build<P>(name: EventFactoryName, input: object | undefined): P {
  const payload = clone(name);
  payload.time = nowSeconds();
  applyInput(payload, input, []);
  return payload as P;
}

/** Whether the input names `key` (or `key.sub`), top level or under `overrides`, even as `undefined`. */
function mentions(input: object | undefined, key: string, sub?: string): boolean {
  if (input === undefined) return false;
  const overrides = (input as { overrides?: unknown }).overrides;
  return [input, overrides].some((level) => {
    if (typeof level !== "object" || level === null || !(key in level)) return false;
    if (sub === undefined) return true;
    const inner = (level as Record<string, unknown>)[key];
    return typeof inner === "object" && inner !== null && sub in inner;
  });
}

function segmentsOf(content: MessageContentInput): WireSegment[] | undefined {
  if (content.message !== undefined) {
    return typeof content.message === "string"
      ? parseCqString(content.message)
      : content.message.map((s) => ({ type: s.type, data: { ...s.data } }));
  }
  if (content.text !== undefined) return [{ type: "text", data: { text: content.text } }];
  return undefined;
}

function buildMessage<P>(
  name: EventFactoryName,
  input: (MessageContentInput & object) | undefined,
  kind: "received" | "sent",
): P {
  const payload = clone(name);
  const id = freshMessageId();
  payload.time = nowSeconds();
  payload.message_id = id;
  payload.message_seq = id;
  payload.real_id = id;
  const segments = input ? segmentsOf(input) : undefined;
  if (segments) {
    payload.message = segments;
    payload.raw_message =
      input?.message === undefined && input?.text !== undefined
        ? escapeText(input.text)
        : toCqString(segments);
  }
  applyInput(payload, input, ["text", "message"]);
  const has = (key: string, sub?: string) => mentions(input, key, sub);
  const sender = payload.sender;
  if (kind === "sent" && has("self_id") && !has("user_id")) payload.user_id = payload.self_id;
  if (typeof sender === "object" && sender !== null && !has("sender", "user_id")) {
    (sender as Record<string, unknown>).user_id = payload.user_id;
  }
  if (has("message_id")) {
    if (!has("message_seq")) payload.message_seq = payload.message_id;
    if (!has("real_id")) payload.real_id = payload.message_id;
  }
  const isPrivate = payload.message_type === "private";
  if (kind === "received" && isPrivate && has("user_id") && !has("target_id")) {
    payload.target_id = payload.user_id;
  }
  if (kind === "sent" && !isPrivate && has("group_id") && !has("target_id")) {
    payload.target_id = payload.group_id;
  }
  return payload as P;
}

/** Builds the factory of a non-message event from its catalog example. */
export function factory<P>(name: EventFactoryName): (input?: EventInput<P>) => P {
  return (input) => build<P>(name, input);
}

/**
 * Builds the factory of a message event from its catalog example. A string
 * argument is short for `{ text }`.
 */
export function messageFactory<P>(
  name: EventFactoryName,
  kind: "received" | "sent",
): (input?: MessageEventInput<P> | string) => P {
  return (input) =>
    buildMessage<P>(name, typeof input === "string" ? { text: input } : input, kind);
}
