/**
 * The errors NcatBot throws. Every field is public and typed so a handler can
 * branch on it; every message says what happened and what to do next.
 * Secrets (tokens, signing secrets) never appear in any of them.
 *
 * @module
 */

/** Base class of every error NcatBot throws on purpose. */
export class NcatBotError extends Error {
  override name = "NcatBotError";
}

/**
 * The fields of a failed NapCat action response, as they came over the wire
 * (declared once, on {@link ActionFailedError}).
 */
export type ActionFailure = Pick<
  ActionFailedError,
  "action" | "params" | "retcode" | "status" | "napcatMessage" | "wording" | "echo"
>;

const RETCODE_HINTS: Readonly<Record<number, string>> = {
  1400: "NapCat rejected the parameters: check names and types against the action's docs",
  1403: "NapCat rejected the access token: check the setting `wsToken` (env NCATBOT_WS_TOKEN)",
  1404: "NapCat does not know this action: check its name or update NapCat",
  1200: "NapCat failed while handling the action: see NapCat's own log for the cause",
};

/**
 * A NapCat action answered `status: "failed"` (or a non-zero retcode).
 *
 * @example
 * ```ts
 * try { await bot.api.setGroupBan({ group_id: 1, user_id: 2, duration: 60 }); }
 * catch (e) { if (e instanceof ActionFailedError && e.retcode === 1400) ... }
 * ```
 */
export class ActionFailedError extends NcatBotError {
  override name = "ActionFailedError";
  /** NapCat action name, e.g. `send_group_msg`. */
  readonly action: string;
  /**
   * The call's params, the same in every connection mode: the object you passed
   * (`bot.api.sendGroupMsg(params)`, `bot.api.call(action, params)`), or, for the
   * convenience senders and event shortcuts that build the params themselves
   * (`postGroupMsg`, `sendGroupText`, `e.reply`, ...), those params as they were sent.
   * Never contains a token (tokens travel in headers).
   */
  readonly params: unknown;
  /** OneBot `retcode`: 1400 bad params, 1403 bad token, 1404 unknown action, 1200 handler error, ... */
  readonly retcode: number;
  /** OneBot `status`, normally `"failed"`. */
  readonly status: string;
  /** NapCat's `message` field (English, technical). */
  readonly napcatMessage: string;
  /** NapCat's `wording` field (often Chinese, user-facing). */
  readonly wording: string;
  /** The `echo` that correlated request and response, if any. */
  readonly echo: unknown;

  constructor(failure: ActionFailure) {
    const detail = failure.wording || failure.napcatMessage || "no message";
    const hint = RETCODE_HINTS[failure.retcode];
    super(
      `Action "${failure.action}" failed (retcode ${failure.retcode}): ${detail}` +
        (hint ? `. ${hint}.` : ""),
    );
    this.action = failure.action;
    this.params = failure.params;
    this.retcode = failure.retcode;
    this.status = failure.status;
    this.napcatMessage = failure.napcatMessage;
    this.wording = failure.wording;
    this.echo = failure.echo;
  }
}

/** A NapCat action got no answer within its timeout (`apiTimeoutMs`, default 30000). */
export class ActionTimeoutError extends NcatBotError {
  override name = "ActionTimeoutError";
  readonly action: string;
  readonly timeoutMs: number;

  constructor(action: string, timeoutMs: number) {
    super(
      `Action "${action}" got no answer from NapCat within ${timeoutMs} ms. ` +
        "NapCat may be overloaded or the connection stalled; raise `apiTimeoutMs` if the action is slow (e.g. file uploads).",
    );
    this.action = action;
    this.timeoutMs = timeoutMs;
  }
}

/** An action was called while no connection to NapCat was open. */
export class NotConnectedError extends NcatBotError {
  override name = "NotConnectedError";
  readonly action: string;

  constructor(action: string, detail = "") {
    super(
      `Cannot call "${action}": not connected to NapCat${detail ? ` (${detail})` : ""}. ` +
        "Call it after `await bot.start()` resolves, or from an event handler.",
    );
    this.action = action;
  }
}

/** The connection failed underneath an action or a start-up (socket closed, refused, bad frame...). */
export class TransportError extends NcatBotError {
  override name = "TransportError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A setting is missing or wrong. Names the setting, what was wrong and how to fix it. */
export class ConfigError extends NcatBotError {
  override name = "ConfigError";
  /** The setting, e.g. `wsToken` (env `NCATBOT_WS_TOKEN`). */
  readonly key: string;
  /** What was wrong with it. */
  readonly problem: string;
  /** What to do about it. */
  readonly fix: string;

  constructor(key: string, problem: string, fix: string) {
    super(`Config "${key}": ${problem}. ${fix}`);
    this.key = key;
    this.problem = problem;
    this.fix = fix;
  }
}

/** A message was refused before sending (empty, or a single-only segment mixed with others). Nothing was sent. */
export class InvalidMessageError extends NcatBotError {
  override name = "InvalidMessageError";
}

/**
 * A `bot.api` method (or an event shortcut such as `msg.reply`) was called with a wrong
 * argument: a missing id, a missing or unknown parameter, content of the wrong kind. Thrown
 * (or, for async methods, the promise rejects) BEFORE anything is sent. The message names
 * the argument and shows the correct call.
 *
 * @example
 * ```ts
 * await bot.api.postGroupMsg({ text: "hi" });
 * // InvalidArgumentError: bot.api.postGroupMsg: the 1st argument (groupId) must be a group id
 * // (a number or numeric string), got an object. Call it as:
 * //   bot.api.postGroupMsg(123456, { text: "你好" })
 * ```
 */
export class InvalidArgumentError extends NcatBotError {
  override name = "InvalidArgumentError";
  /** The method as a user writes it, e.g. `bot.api.postGroupMsg`. */
  readonly method: string;
  /** The argument or parameter at fault, e.g. `groupId` or `params.group_id`. */
  readonly argument: string;
  /** The correct call, e.g. `bot.api.postGroupMsg(123456, { text: "hi" })`. */
  readonly usage: string;

  constructor(method: string, argument: string, problem: string, usage: string) {
    super(`${method}: ${problem}. Call it as:\n  ${usage}`);
    this.method = method;
    this.argument = argument;
    this.usage = usage;
  }
}
