/**
 * The one error hook: a failure in a handler, command, scheduled task or plugin
 * lifecycle becomes a `HandlerError` and goes to `bot.catch(...)`, never to the chat
 * and never to a sibling handler.
 *
 * @module
 */

/** Where a failure happened. */
export type HandlerErrorSource =
  | "handler"
  | "command"
  | "task"
  | "bus"
  | "load"
  | "onLoad"
  | "onClose"
  | "config"
  | "data"
  | "dispose";

/** What the failing code was: its name, its plugin, the event it handled. */
export interface HandlerErrorInfo {
  /** The handler's, task's or listener's name (for lifecycle failures: the hook's name). */
  handler: string;
  /** The plugin that registered it, if any. */
  plugin?: string | undefined;
  /** The event being handled, if any (an event object, or a bus message). */
  event?: unknown;
  /** One line describing the event (`message.group group=1 user=2 "hi"`), if any. */
  eventSummary?: string | undefined;
  /** What kind of code failed. Default `"handler"`. */
  source?: HandlerErrorSource;
  /** Where the handler was registered (`bot.ts:12:3`), if known. */
  at?: string | undefined;
}

/**
 * A failure inside user code, with everything needed to find it: the original
 * `error`, the `plugin` and `handler` names, the `event`.
 *
 * @example
 * ```ts
 * bot.catch((err) => {
 *   console.error(`[${err.plugin ?? "bot"}] ${err.handler}:`, err.error);
 * });
 * ```
 */
export class HandlerError extends Error {
  override name = "HandlerError";
  /** What was thrown (or the rejection reason). */
  readonly error: unknown;
  /** The handler's, task's or hook's name. */
  readonly handler: string;
  /** The plugin it belongs to; undefined for handlers registered on the bot itself. */
  readonly plugin: string | undefined;
  /** The event being handled, if any. */
  readonly event: unknown;
  /** One line describing the event, if any. */
  readonly eventSummary: string | undefined;
  /** What kind of code failed. */
  readonly source: HandlerErrorSource;
  /** Where the handler was registered (`file:line:col` of the registering call), if known. */
  readonly at: string | undefined;

  constructor(error: unknown, info: HandlerErrorInfo) {
    const source = info.source ?? "handler";
    const reason = error instanceof Error ? error.message : String(error);
    const where =
      info.plugin && !reason.includes(`plugin "${info.plugin}"`) ? `plugin "${info.plugin}": ` : "";
    super(
      source === "load"
        ? `${where}${reason}`
        : `${where}${source} "${info.handler}" failed: ${reason}`,
      {
        cause: error,
      },
    );
    this.error = error;
    this.handler = info.handler;
    this.plugin = info.plugin;
    this.event = info.event;
    this.eventSummary = info.eventSummary;
    this.source = source;
    this.at = info.at;
  }
}

/** The error hook set with `bot.catch(...)`. May be async; its own failures are logged. */
export type ErrorHook = (error: HandlerError) => unknown;
