/**
 * The base of every event object: the wire fields copied under their wire names,
 * plus `api` for the shortcuts (a prototype getter over a symbol-keyed slot, so it
 * is not an enumerable field and costs one store per event). Construction is one
 * `Object.assign`; nothing else runs until a field or method is used. A payload
 * with an own `__proto__`, `constructor` or `prototype` key (JSON.parse makes
 * `__proto__` an own key) is copied field by field without those keys, so the wire
 * can never replace an event's prototype (its class and shortcuts).
 *
 * @module
 */
import type { BotAPI } from "../api/index.js";
import { NcatBotError } from "../errors.js";
import { MessageArray } from "../message/index.js";
import { messageShapeProblem, repairMessage } from "../message/wire-shape.js";

const API = Symbol("ncatbot.api");

const hasOwn = Object.prototype.hasOwnProperty;

/** Keys whose assignment would change an object's prototype or shadow its class. */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** True when `payload` carries a key `Object.assign` must not copy. */
function hasUnsafeKey(payload: object): boolean {
  return (
    hasOwn.call(payload, "__proto__") ||
    hasOwn.call(payload, "constructor") ||
    hasOwn.call(payload, "prototype")
  );
}

/** Copies `payload`'s own enumerable string keys onto `target`, skipping {@link UNSAFE_KEYS}. */
function assignSafely(target: object, payload: object): void {
  const out = target as Record<string, unknown>;
  const from = payload as Record<string, unknown>;
  for (const key of Object.keys(from)) if (!UNSAFE_KEYS.has(key)) out[key] = from[key];
}

interface ApiSlot {
  [API]: BotAPI;
}

/** Shared runtime base of all event classes. */
export class EventCore {
  constructor(payload: object, api: BotAPI) {
    if (hasUnsafeKey(payload)) assignSafely(this, payload);
    else Object.assign(this, payload);
    (this as unknown as ApiSlot)[API] = api;
  }

  /** The `bot.api` of the account that received this event (used by the shortcuts). */
  get api(): BotAPI {
    return (this as unknown as ApiSlot)[API];
  }

  /** Ignores a wire field named `api` (the shortcuts' API always wins). */
  set api(_ignored: unknown) {}
}

/** Constructor type of an event class carrying the wire payload `P`. */
export type EventBase<P> = new (payload: P, api: BotAPI) => EventCore & Readonly<P>;

/** A base class whose instances carry `P`'s fields (typed), e.g. `class X extends eventBase<P>() {}`. */
export function eventBase<P extends object>(): EventBase<P> {
  return EventCore as unknown as EventBase<P>;
}

const RAW_MESSAGE = Symbol("ncatbot.rawMessage");
const PARSED_MESSAGE = Symbol("ncatbot.parsedMessage");

interface MessageSlots {
  [RAW_MESSAGE]?: unknown;
  [PARSED_MESSAGE]?: MessageArray | undefined;
}

/** A base class for message events: `message` is a lazily built MessageArray instead of raw segments. */
export function messageEventBase<P extends { message: unknown }>(): new (
  payload: P,
  api: BotAPI,
) => EventCore & Readonly<Omit<P, "message">> & { readonly message: MessageArray } {
  return MessageEventCore as unknown as new (
    payload: P,
    api: BotAPI,
  ) => EventCore & Readonly<Omit<P, "message">> & { readonly message: MessageArray };
}

class MessageEventCore extends EventCore {
  /** The message as a MessageArray, built on first access from the wire segments (or CQ string). */
  get message(): MessageArray {
    const self = this as unknown as MessageSlots;
    const cached = self[PARSED_MESSAGE];
    if (cached !== undefined) return cached;
    const raw = self[RAW_MESSAGE];
    const parsed =
      typeof raw === "string"
        ? MessageArray.fromCQ(raw)
        : Array.isArray(raw) && messageShapeProblem(raw) === undefined
          ? MessageArray.wrap(raw) // no copy: the wire array belongs to this event
          : MessageArray.wrap(repairMessage(raw)); // malformed: the dispatcher warned already
    self[PARSED_MESSAGE] = parsed;
    return parsed;
  }

  /** Receives the wire `message` during construction (`Object.assign`); keeps it for the lazy getter. */
  set message(raw: unknown) {
    const self = this as unknown as MessageSlots;
    self[RAW_MESSAGE] = raw;
    // Only reset a cache that exists: during construction no slot is added (a smaller event).
    if (self[PARSED_MESSAGE] !== undefined) self[PARSED_MESSAGE] = undefined;
  }
}

/** Throw a clear error when a shortcut needs a field this event does not carry. */
export function need<T>(value: T | undefined | null, field: string, shortcut: string): T {
  if (value === undefined || value === null) {
    throw new NcatBotError(
      `${shortcut} needs the event's "${field}", which this event does not carry. ` +
        "Call the matching bot.api method with explicit ids instead.",
    );
  }
  return value;
}
