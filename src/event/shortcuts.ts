/**
 * Event shortcuts (`reply` / `replySync`, `delete` / `deleteSync`, `approve` /
 * `approveSync`, ...), each written ONCE: a generator that `yield*`s the NapCat
 * actions it needs (api/runner.ts `step`), driven asynchronously by the async
 * method and synchronously by its `Sync` twin, exactly as `bot.api`'s convenience
 * senders are. The event classes only declare the two faces (with their TSDoc) and
 * hand over to the definition here.
 *
 * @module
 */
import {
  composeReply,
  type Id,
  type MessageId,
  type MessageInput,
  messageIdOf,
  type PostGroupMsgOptions,
} from "../api/compose.js";
import type { BotAPI } from "../api/index.js";
import { type ActionSteps, runAsync, runSync, step } from "../api/runner.js";
import type { ActionCaller, EngineCallOptions } from "../io/types.js";
import { QUICK_OPERATION_SLOT, type QuickOperation, type QuickOperationHolder } from "./quick.js";

/** What every shortcut reads from its event: the API of the account that received it. */
export interface ShortcutTarget {
  readonly api: BotAPI;
}

/** One shortcut's two faces, from one definition. */
export interface Shortcut<E extends ShortcutTarget, A extends unknown[], R> {
  /** Runs the shortcut with async calls (the `reply` face). */
  run(event: E, ...args: A): Promise<R>;
  /** Runs it with blocking calls (the `replySync` face): the same result, or the same error thrown. */
  runSync(event: E, ...args: A): R;
}

/** The caller the runner drives: `bot.api`'s own `call` / `callSync` (bound to the event's account). */
function callerOf(event: ShortcutTarget): ActionCaller {
  return event.api as unknown as ActionCaller;
}

/** Shortcuts compose their params themselves (see `EngineCallOptions.composedParams`). */
const COMPOSED: EngineCallOptions = { composedParams: true };

/**
 * Defines a shortcut once, as a generator over its actions.
 *
 * @example
 * ```ts
 * const recall = shortcut(function* (e: { api: BotAPI; message_id: number }) {
 *   yield* step("delete_msg", { message_id: e.message_id });
 * });
 * await recall.run(event);   // async
 * recall.runSync(event);     // blocking
 * ```
 */
export function shortcut<E extends ShortcutTarget, A extends unknown[], R>(
  body: (event: E, ...args: A) => ActionSteps<R>,
): Shortcut<E, A, R> {
  return {
    run: (event, ...args) => {
      try {
        return runAsync(body(event, ...args), callerOf(event), COMPOSED);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    runSync: (event, ...args) => runSync(body(event, ...args), callerOf(event), undefined),
  };
}

type WithSlot = { [QUICK_OPERATION_SLOT]?: QuickOperationHolder };

/**
 * The OneBot quick operation of any event: into the HTTP POST response when the
 * event came that way (no request at all), else as `.handle_quick_operation` with
 * the event's wire fields as context.
 */
export const quickOperation = shortcut(function* (
  event: ShortcutTarget,
  operation: QuickOperation,
) {
  const holder = (event as WithSlot)[QUICK_OPERATION_SLOT];
  if (holder !== undefined) {
    holder.operation = { ...holder.operation, ...operation };
    return;
  }
  // The wire fields are the event's own enumerable string keys (`message` is lazy and left out).
  const context = { ...(event as unknown as Record<string, unknown>) };
  yield* step(".handle_quick_operation", {
    context: context as never,
    operation: { ...operation },
  });
});

/** Recall the event's message (`delete_msg`). */
export const deleteMessage = shortcut(function* (
  event: ShortcutTarget & { readonly message_id: number | string },
) {
  yield* step("delete_msg", { message_id: event.message_id });
});

/**
 * The last step of every shortcut that answers with a message (`reply`, `welcome`,
 * a poke's `reply`): composes `content` after `prefix` (a quote, an @) and sends it
 * to the group, or else to the user. Returns the new message_id.
 */
export function* sendAnswer(
  event: ShortcutTarget,
  to: { readonly group_id: Id } | { readonly user_id: Id },
  content: MessageInput | PostGroupMsgOptions,
  prefix: { reply?: MessageId; at?: Id },
): ActionSteps<MessageId> {
  const message = composeReply(event.api, content, prefix);
  if ("group_id" in to) {
    const sent = yield* step("send_group_msg", { group_id: to.group_id, message });
    return messageIdOf(sent, "send_group_msg");
  }
  const sent = yield* step("send_private_msg", { user_id: to.user_id, message });
  return messageIdOf(sent, "send_private_msg");
}
