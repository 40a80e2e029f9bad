/**
 * Conversations: `await e.prompt("你叫什么名字？", { timeout: 30_000 })` waits for the
 * same user's next message in the same chat. The answer is taken out of the event
 * stream (no handler or command sees it); everyone else keeps being served.
 *
 * There is no `promptSync`: a handler blocking its thread until the next message
 * would stop the bot from receiving that very message (events are delivered on the
 * same thread), and would stall every other user and chat meanwhile.
 *
 * @module
 */
import type { BotAPI } from "../api/index.js";
import { NcatBotError } from "../errors.js";
import { GroupMessageEvent, PrivateMessageEvent, type ReplyContent } from "../event/index.js";

/** Options of `prompt`. */
export interface PromptOptions {
  /** Give up after this many ms and resolve to `undefined`. Default 60000. */
  timeout?: number;
}

/** The message events `prompt` answers with. */
export type PromptAnswer = GroupMessageEvent | PrivateMessageEvent;

/** What a message event gains: `prompt`. */
export interface Promptable {
  /**
   * Sends `question` (as a reply, unless it is `undefined`), then resolves to the same
   * user's next message in the same chat, or to `undefined` after `timeout` ms.
   * That message goes to no handler or command. No Sync twin (see the module notes).
   */
  prompt(question: ReplyContent | undefined, options?: PromptOptions): Promise<this | undefined>;
}

interface Waiter {
  readonly resolve: (event: unknown) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** A raw or built message event's conversation key: `self:group:user` or `self:p:user`; undefined for others. */
export function conversationKey(payload: {
  readonly post_type?: unknown;
  readonly message_type?: unknown;
  readonly group_id?: unknown;
  readonly user_id?: unknown;
  readonly self_id?: unknown;
}): string | undefined {
  if (payload.post_type !== "message") return undefined;
  const where = payload.message_type === "group" ? String(payload.group_id) : "p";
  return `${String(payload.self_id)}:${where}:${String(payload.user_id)}`;
}

/** The pending prompts of one bot. */
export class Conversations {
  readonly #waiters = new Map<string, Waiter>();

  /** Number of prompts waiting. */
  get size(): number {
    return this.#waiters.size;
  }

  /** Waits for the next message with `key`; a second wait on the same key ends the first (undefined). */
  wait<E>(key: string, timeoutMs: number): Promise<E | undefined> {
    this.#settle(key, undefined);
    return new Promise<E | undefined>((resolve) => {
      const timer = setTimeout(() => this.#settle(key, undefined), timeoutMs);
      timer.unref?.();
      this.#waiters.set(key, { resolve: resolve as (event: unknown) => void, timer });
    });
  }

  /** Ends a wait early (e.g. the question could not be sent). */
  cancel(key: string): void {
    this.#settle(key, undefined);
  }

  /**
   * Offers an incoming payload: when a prompt waits for it, builds the event with
   * `build`, hands it over and returns true (consumed).
   */
  offer(payload: Record<string, unknown>, build: () => unknown): boolean {
    const key = conversationKey(payload);
    if (key === undefined || !this.#waiters.has(key)) return false;
    this.#settle(key, build());
    return true;
  }

  /** Resolves every waiting prompt to `undefined` (the bot stops). */
  cancelAll(): void {
    for (const key of [...this.#waiters.keys()]) this.#settle(key, undefined);
  }

  #settle(key: string, value: unknown): void {
    const waiter = this.#waiters.get(key);
    if (!waiter) return;
    this.#waiters.delete(key);
    clearTimeout(waiter.timer);
    waiter.resolve(value);
  }
}

const BY_API = new WeakMap<object, Conversations>();

/** Makes `prompt` on events carrying `api` use `conversations` (BotClient does this). */
export function bindConversations(api: BotAPI, conversations: Conversations): void {
  BY_API.set(api, conversations);
}

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * `event.prompt(...)` as a function, for any message event of a bot.
 *
 * @example
 * ```ts
 * const answer = await prompt(e, "你叫什么名字？", { timeout: 30_000 });
 * ```
 */
export async function prompt<E extends PromptAnswer>(
  event: E,
  question: ReplyContent | undefined,
  options: PromptOptions = {},
): Promise<E | undefined> {
  const conversations = BY_API.get(event.api);
  if (conversations === undefined) {
    throw new NcatBotError("prompt() needs an event received by a BotClient.");
  }
  const key = conversationKey(event) as string;
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  if (!(Number.isFinite(timeout) && timeout > 0)) {
    throw new NcatBotError(`prompt(): timeout must be a positive number of ms, got ${timeout}.`);
  }
  // Wait first, then ask: a quick answer cannot slip past.
  const answer = conversations.wait<E>(key, timeout);
  if (question !== undefined) {
    try {
      await event.reply(question);
    } catch (error) {
      conversations.cancel(key);
      await answer;
      throw error;
    }
  }
  return answer;
}

// Every message event gets `prompt` on its prototype (no per-event cost). Typed
// for command handlers through `CommandEvent`; plain handlers may call `prompt(e, ...)`.
for (const proto of [GroupMessageEvent.prototype, PrivateMessageEvent.prototype]) {
  if (!Object.hasOwn(proto, "prompt")) {
    Object.defineProperty(proto, "prompt", {
      configurable: true,
      writable: true,
      value: function (
        this: PromptAnswer,
        question: ReplyContent | undefined,
        options?: PromptOptions,
      ) {
        return prompt(this, question, options);
      },
    });
  }
}
