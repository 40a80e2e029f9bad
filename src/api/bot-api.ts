/**
 * `bot.api`: every NapCat action as a camelCase method, NcatBot's convenience
 * senders, the raw `call` escape hatch, and a blocking `xxxSync` twin of each.
 *
 * All methods live on one prototype, each built from the protocol table or the
 * convenience table the first time any instance reads it (lazy-methods.ts): after
 * that, `bot.api.sendGroupMsg` is an ordinary prototype function.
 *
 * @module
 */
import type { ActionCaller, CallOptions, EngineCallOptions, SelfId } from "../io/types.js";
import {
  ACTION_METHODS,
  type ActionMethodName,
  type ActionName,
  type ActionResult,
  type SendSegment,
} from "../protocol/index.js";
import { checkArg, checkArgs, SIGNATURES, type Signature } from "./arguments.js";
import {
  type ComposeContext,
  composeOptions,
  type Id,
  type MessageId,
  messageIdOf,
  type PostGroupMsgOptions,
} from "./compose.js";
import { CONVENIENCE } from "./convenience.js";
import { type ActionArgs, generatedMethod } from "./generated-methods.js";
import { buildMethodsOnFirstAccess, type Method } from "./lazy-methods.js";
import type { GeneratedMethods, GeneratedSyncMethods } from "./methods.generated.js";
import { type ActionSteps, runAsync, runSync } from "./runner.js";

type ConvenienceTable = typeof CONVENIENCE;
type StepArgs<F> = F extends (ctx: ComposeContext, ...args: infer P) => ActionSteps<unknown>
  ? P
  : never;
type StepResult<F> = F extends (...args: never[]) => ActionSteps<infer R> ? R : never;

/** Convenience names that lose to a generated action method of the same name (none today; checked by a test). */
type ShadowedConvenience = keyof ConvenienceTable & ActionMethodName;

/** NcatBot's convenience senders, async (`postGroupMsg`, `sendGroupText`, ...). */
export type ConvenienceMethods = {
  readonly [K in Exclude<keyof ConvenienceTable, ShadowedConvenience>]: (
    ...args: StepArgs<ConvenienceTable[K]>
  ) => Promise<StepResult<ConvenienceTable[K]>>;
};

/** Blocking twins of the convenience senders (`postGroupMsgSync`, ...). */
export type ConvenienceSyncMethods = {
  readonly [K in Exclude<keyof ConvenienceTable, ShadowedConvenience> as `${K}Sync`]: (
    ...args: StepArgs<ConvenienceTable[K]>
  ) => StepResult<ConvenienceTable[K]>;
};

/** The raw escape hatch: typed for known actions, `unknown` for any other name. */
export interface RawCallMethods {
  /**
   * Call any action by its NapCat name. Known actions are typed by the protocol table;
   * other names are accepted and resolve to `unknown`.
   *
   * @example
   * ```ts
   * const me = await bot.api.call("get_login_info"); // { user_id, nickname }
   * const x = await bot.api.call("some_new_action", { foo: 1 }); // unknown
   * ```
   */
  call<A extends ActionName>(action: A, ...args: ActionArgs<A>): Promise<ActionResult<A>>;
  call<S extends string>(
    action: S extends ActionName ? never : S,
    params?: object,
    options?: CallOptions,
  ): Promise<unknown>;
  /** Blocking twin of {@link RawCallMethods.call}: returns the `data` or throws the same errors. */
  callSync<A extends ActionName>(action: A, ...args: ActionArgs<A>): ActionResult<A>;
  callSync<S extends string>(
    action: S extends ActionName ? never : S,
    params?: object,
    options?: CallOptions,
  ): unknown;
}

/**
 * `bot.api`: NapCat actions (`bot.api.getLoginInfo()`), NcatBot convenience senders
 * (`bot.api.postGroupMsg(groupId, { text })`), `call` / `callSync`, and a `Sync` twin of every method.
 */
export type BotAPI = GeneratedMethods &
  GeneratedSyncMethods &
  ConvenienceMethods &
  ConvenienceSyncMethods &
  RawCallMethods & {
    /** Whether NapCat runs on this machine (decides how local media files are passed). */
    readonly napcatIsLocal: boolean;
    /** The account this API is bound to, if any (passed as `selfId` on every call). */
    readonly selfId: SelfId | undefined;
  };

/** Options of {@link createBotApi}. */
export interface BotApiOptions {
  /** NapCat runs on this machine: local paths are sent as paths, otherwise inlined as base64. */
  napcatIsLocal: boolean;
  /** Bind every call to this account (multi-account reverse WebSocket). */
  selfId?: SelfId;
}

/** Convenience senders with a direct async path: [method, NapCat action, id param]. */
const DIRECT_SENDERS = [
  ["postGroupMsg", "send_group_msg", "group_id"],
  ["postPrivateMsg", "send_private_msg", "user_id"],
] as const;

class BotApiImpl implements ComposeContext {
  readonly napcatIsLocal: boolean;
  readonly selfId: SelfId | undefined;
  readonly #caller: ActionCaller;
  readonly #defaults: CallOptions | undefined;
  /** {@link BotApiImpl.#defaults} for the actions convenience senders compose (see `EngineCallOptions`). */
  readonly #composed: EngineCallOptions;

  constructor(caller: ActionCaller, options: BotApiOptions) {
    this.#caller = caller;
    this.napcatIsLocal = options.napcatIsLocal;
    this.selfId = options.selfId;
    this.#defaults = options.selfId === undefined ? undefined : { selfId: options.selfId };
    this.#composed = { ...this.#defaults, composedParams: true };
  }

  #options(options: CallOptions | undefined): CallOptions | undefined {
    if (this.#defaults === undefined) return options;
    if (options === undefined) return this.#defaults;
    return options.selfId === undefined
      ? { ...options, selfId: this.#defaults.selfId as SelfId }
      : options;
  }

  call(action: string, params?: object, options?: CallOptions): Promise<unknown> {
    return this.#caller.call(action, params, this.#options(options));
  }

  callSync(action: string, params?: object, options?: CallOptions): unknown {
    return this.#caller.callSync(action, params, this.#options(options));
  }

  static {
    buildMethodsOnFirstAccess(BotApiImpl.prototype, (name) => BotApiImpl.#buildMethod(name));
  }

  /**
   * Build the method `name`: a generated action method, a convenience sender, or the `Sync`
   * twin of either; `undefined` for any other name. Inside the class body so the convenience
   * senders can reach the private caller.
   */
  static #buildMethod(name: string): Method | undefined {
    const generated = generatedMethod(name);
    if (generated !== undefined) return generated; // an action's params form wins over a sender
    const sync = name.endsWith("Sync");
    const sender = sync ? name.slice(0, -4) : name;
    if (!Object.hasOwn(CONVENIENCE, sender)) return undefined;
    const label = `bot.api.${name}`;
    const signature = SIGNATURES[sender];
    if (!sync) {
      const direct = DIRECT_SENDERS.find(([directName]) => directName === sender);
      if (direct !== undefined && signature !== undefined) {
        return BotApiImpl.#directSender(direct[1], direct[2], label, signature);
      }
    }
    const definition = CONVENIENCE[sender as keyof ConvenienceTable] as StepsFn;
    return sync
      ? function (this: BotApiImpl, ...args: unknown[]) {
          if (signature !== undefined) checkArgs(label, signature, args);
          return runSync(definition(this, ...args), this.#caller, this.#defaults);
        }
      : function (this: BotApiImpl, ...args: unknown[]) {
          try {
            if (signature !== undefined) checkArgs(label, signature, args);
          } catch (error) {
            return Promise.reject(error);
          }
          // Validation errors thrown before the first step reject the promise instead of throwing.
          return runAsync(definition(this, ...args), this.#caller, this.#composed);
        };
  }

  /**
   * Fast path for the senders users call most: one action, no generator to drive.
   * Same validation (composeOptions), same result (the message_id), same errors.
   */
  static #directSender(
    action: DirectAction,
    key: DirectKey,
    label: string,
    signature: Signature,
  ): Method {
    // One result mapper per sender, shared by every call (no closure per call).
    const toMessageId = (result: unknown): MessageId => messageIdOf(result, action);
    return function (this: BotApiImpl, id: Id, options: PostGroupMsgOptions): Promise<unknown> {
      let message: SendSegment[];
      try {
        checkArg(label, signature, 0, id);
        checkArg(label, signature, 1, options);
        message = composeOptions(this, options);
      } catch (error) {
        return Promise.reject(error);
      }
      return this.#caller.call(
        action,
        key === "group_id" ? { group_id: id, message } : { user_id: id, message },
        this.#composed,
        toMessageId,
      );
    };
  }
}

type StepsFn = (ctx: ComposeContext, ...args: unknown[]) => ActionSteps<unknown>;
type DirectAction = (typeof DIRECT_SENDERS)[number][1];
type DirectKey = (typeof DIRECT_SENDERS)[number][2];

/**
 * Build `bot.api` over an {@link ActionCaller} (the I/O layer, or a fake in tests).
 *
 * @example
 * ```ts
 * const api = createBotApi(caller, { napcatIsLocal: true });
 * const { message_id } = await api.sendGroupMsg({ group_id: 123, message: [{ type: "text", data: { text: "hi" } }] });
 * const id = api.postGroupMsgSync(123, { text: "hi", at: 456 });
 * ```
 */
export function createBotApi(caller: ActionCaller, options: BotApiOptions): BotAPI {
  return new BotApiImpl(caller, options) as unknown as BotAPI;
}

/** Names of every method of `bot.api` that has a `Sync` twin (generated, convenience, `call`), and the twins. */
export function botApiMethodNames(): string[] {
  const proto = BotApiImpl.prototype;
  const bases = new Set(["call", ...Object.keys(ACTION_METHODS), ...Object.keys(CONVENIENCE)]);
  return [...bases]
    .flatMap((name) => [name, `${name}Sync`])
    .filter((name) => typeof Reflect.get(proto, name) === "function");
}
