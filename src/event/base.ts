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
import type { QuickOperation } from "./quick.js";
import { deleteMessage, quickOperation } from "./shortcuts.js";

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

  // The quick operation's two faces, written once for every event that has one. Only
  // the event classes whose base names a quick-operation type (see QuickOperations) show them.

  /** See {@link QuickOperations.quickOperation}. */
  quickOperation(operation: QuickOperation): Promise<void> {
    return quickOperation.run(this, operation);
  }

  /** See {@link QuickOperations.quickOperationSync}. */
  quickOperationSync(operation: QuickOperation): void {
    quickOperation.runSync(this, operation);
  }
}

/** The OneBot quick operation of an event whose operation has the fields of `Q`. */
export interface QuickOperations<Q> {
  /**
   * OneBot quick operation (the fields of `Q`: `reply`, `approve`, ...). In HTTP POST mode the
   * operation rides back in the response to NapCat's POST (no extra request); otherwise it
   * is sent as `.handle_quick_operation` with this event as context.
   */
  quickOperation(operation: Q): Promise<void>;
  /** Blocking form of {@link QuickOperations.quickOperation}. */
  quickOperationSync(operation: Q): void;
}

/** {@link QuickOperations} of `Q`, or nothing for events without a quick operation (`never`). */
type QuickFaces<Q> = [Q] extends [never] ? unknown : QuickOperations<Q>;

/** The event core without the quick-operation faces (shown only through {@link QuickFaces}). */
type CoreFields = Omit<EventCore, "quickOperation" | "quickOperationSync">;

/** Constructor type of an event class carrying the wire payload `P` (and quick operation `Q`). */
export type EventBase<P, Q = never> = new (
  payload: P,
  api: BotAPI,
) => CoreFields & QuickFaces<Q> & Readonly<P>;

/**
 * A base class whose instances carry `P`'s fields (typed), e.g. `class X extends eventBase<P>() {}`;
 * with `Q`, also `quickOperation` / `quickOperationSync` taking `Q`.
 */
export function eventBase<P extends object, Q = never>(): EventBase<P, Q> {
  return EventCore as unknown as EventBase<P, Q>;
}

const RAW_MESSAGE = Symbol("ncatbot.rawMessage");
const PARSED_MESSAGE = Symbol("ncatbot.parsedMessage");

interface MessageSlots {
  [RAW_MESSAGE]?: unknown;
  [PARSED_MESSAGE]?: MessageArray | undefined;
}

/** Constructor type of a message event class carrying the wire payload `P` (and quick operation `Q`). */
export type MessageEventBase<P, Q = never> = new (
  payload: P,
  api: BotAPI,
) => Omit<MessageEventCore, "quickOperation" | "quickOperationSync"> &
  QuickFaces<Q> &
  Readonly<Omit<P, "message">>;

/**
 * A base class for message events: `message` is a lazily built MessageArray instead of raw
 * segments, and `delete` / `deleteSync` recall the message; with `Q`, also the quick operation.
 */
export function messageEventBase<P extends { message: unknown }, Q = never>(): MessageEventBase<
  P,
  Q
> {
  return MessageEventCore as unknown as MessageEventBase<P, Q>;
}

/** The runtime base of message events (see {@link messageEventBase}). */
export class MessageEventCore extends EventCore {
  /**
   * Recall this message (`delete_msg`). In a group the bot must be admin unless it sent
   * the message; QQ only lets recent messages be recalled.
   */
  delete(): Promise<void> {
    return deleteMessage.run(this as this & { readonly message_id: number });
  }

  /** Blocking form of `delete`: recall this message (`delete_msg`). */
  deleteSync(): void {
    deleteMessage.runSync(this as this & { readonly message_id: number });
  }

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
