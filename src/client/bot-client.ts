/**
 * `BotClient`: NcatBot's entry point. Holds the configuration, the connection
 * (through the I/O engine `createIo` picks for the mode), the handler table and `bot.api`.
 *
 * @module
 */
import { join } from "node:path";
import { type BotAPI, createBotApi } from "../api/index.js";
import {
  bindConversations,
  CommandGroup,
  type CommandGroupHandle,
  type CommandGroupOptions,
  type CommandHandler,
  type CommandOptions,
  CommandRouter,
  type CommandScope,
  Conversations,
  commandArgs,
  JsonFileRbacStore,
  MemoryRbacStore,
  Permissions,
  type PromptAnswer,
  type PromptOptions,
  prompt,
  registerHelp,
  registerPermCommands,
  resolveCommandSettings,
  rootInherited,
} from "../command/index.js";
import { NcatBotError, NotConnectedError } from "../errors.js";
import {
  type BotEvent,
  createEvent,
  type EventByKey,
  QUICK_OPERATION_SLOT,
  type QuickOperationHolder,
  type ReplyContent,
} from "../event/index.js";
import type { RawPayload } from "../event/payloads.js";
import { type Clock, systemClock } from "../handle/clock.js";
import type { Filter } from "../handle/filters.js";
import { type ErrorHook, HandlerError } from "../handle/handler-error.js";
import { Scope } from "../handle/scope.js";
import { createIo, type IoEngine, type IoOptions, type IoSink } from "../io/index.js";
import { classifyFrame, type FrameLog, logDroppedFrame, parseFrame } from "../io/parse.js";
import type { ActionCaller, CallOptions, ConnectionState, SelfId } from "../io/types.js";
import {
  EVENT_KEYS,
  type EventKey,
  type EventPayload,
  eventKeysOf,
  type SegmentType,
} from "../protocol/index.js";
import {
  type BotClientExtras,
  type BotClientOptions,
  type ResolvedConfig,
  resolveConfig,
} from "./config.js";
import { RecentEvents } from "./dedup.js";
import {
  Dispatcher,
  type Disposer,
  type Handler,
  type HandlerOptions,
  type HandlerSite,
  summarizeEvent,
} from "./dispatcher.js";
import { toIoOptions } from "./io-options.js";
import { type BotLogger, createLogger } from "./logger.js";
import { checkedPayload } from "./malformed.js";
import type { BotPlugins } from "./plugins.js";
import { sandboxHook, sandboxOptions } from "./sandbox-hook.js";

/** Options of `onGroupMessage` / `onPrivateMessage`. */
export interface MessageHandlerOptions<E = BotEvent> extends HandlerOptions {
  /**
   * Only run when the message contains a segment of this type (or of any of these
   * types; NcatBot's `filter`), or when a filter passes (`groupAdmin`,
   * `and(groupOnly, nonSelf)`, a custom predicate; see docs/commands.md).
   */
  filter?: SegmentType | readonly SegmentType[] | Filter<E>;
}

/** What `onStartup` / `onShutdown` handlers receive. */
export interface LifecycleInfo {
  /** The connected NapCat account(s). */
  selfIds: readonly SelfId[];
}

type LifecyclePhase = "idle" | "starting" | "running" | "stopping" | "stopped";

const EVENT_KEY_SET: ReadonlySet<string> = new Set(EVENT_KEYS);
const LIFECYCLE_SOURCES: ReadonlySet<string> = new Set([
  "load",
  "onLoad",
  "onClose",
  "config",
  "data",
]);

/** A handler that runs only when `filter` passes on its event. */
function filtered<E>(handler: Handler<E>, filter: Filter<E>): Handler<E> {
  const named = (event: E) => (filter(event) ? handler(event) : undefined);
  Object.defineProperty(named, "name", { value: handler.name || "anonymous handler" });
  return named;
}

function segmentFilter(
  filter: SegmentType | readonly SegmentType[],
): (payload: RawPayload) => boolean {
  const types = new Set<string>(typeof filter === "string" ? [filter] : filter);
  return (payload) => {
    const message = payload.message;
    if (Array.isArray(message)) {
      // Repaired before dispatch: every segment is an object with a string type.
      for (const segment of message as { type: string }[]) if (types.has(segment.type)) return true;
      return false;
    }
    if (typeof message === "string") {
      for (const type of types)
        if (type === "text" ? message.length > 0 : message.includes(`[CQ:${type}`)) return true;
    }
    return false;
  };
}

/**
 * A QQ bot connected to NapCat.
 *
 * @example
 * ```ts
 * import { BotClient } from "ncatbot";
 * const bot = new BotClient({ wsUri: "ws://127.0.0.1:3001", wsToken: "secret" });
 * bot.onGroupMessage((msg) => {
 *   if (msg.raw_message === "ping") msg.replySync("pong");
 * });
 * await bot.run();
 * ```
 */
export class BotClient {
  /** Every NapCat action as an async method plus its `Sync` twin, and NcatBot's convenience senders. */
  readonly api: BotAPI;
  /** The settings in force (options, then config file, then environment). Holds the token: do not log it. */
  readonly config: ResolvedConfig;
  /** The logger (pino). Tokens and secrets are redacted. */
  readonly log: BotLogger;

  readonly #dispatcher: Dispatcher<BotEvent>;
  readonly #caller: ActionCaller;
  readonly #apis = new Map<SelfId, BotAPI>();
  readonly #startup: Array<{ handler: Handler<LifecycleInfo>; name: string }> = [];
  readonly #shutdown: Array<{ handler: Handler<LifecycleInfo>; name: string }> = [];
  readonly #ioOptions: IoOptions;
  #engine: IoEngine | undefined;
  #phase: LifecyclePhase = "idle";
  #offline = false;
  #removeSignalHandlers: (() => void) | undefined;
  /** The one stop in progress or done (see {@link BotClient.stop}). */
  #stopped: Promise<void> | undefined;
  // commands (see the "commands" section)
  readonly #conversations = new Conversations();
  #commandRouter: CommandRouter | undefined;
  #permissions: Permissions | undefined;

  constructor(options: BotClientOptions = {}, extras: BotClientExtras = {}) {
    // --- newcomer (issue 11.8): inside `ncatbot sandbox ./bot.ts`, talk to the sandbox's fake.
    const sandbox = sandboxHook();
    if (sandbox) [options, extras] = sandboxOptions(sandbox, options, extras);
    sandbox?.adopt(this);
    this.config = resolveConfig(options, extras.env ?? process.env);
    this.#ioOptions = toIoOptions(this.config);
    this.log =
      extras.logger ??
      createLogger({
        level: this.config.logLevel,
        ...(this.config.logFormat ? { format: this.config.logFormat } : {}),
      });
    this.#caller = {
      call: (action, params, callOptions, mapResult) => {
        try {
          return this.#connectedBridge(action).call(action, params, callOptions, mapResult);
        } catch (error) {
          return Promise.reject(error);
        }
      },
      callSync: (action, params, callOptions) =>
        this.#connectedBridge(action).callSync(action, params, callOptions),
    };
    this.api = createBotApi(this.#caller, { napcatIsLocal: this.config.napcatIsLocal });
    bindConversations(this.api, this.#conversations);
    this.#dispatcher = new Dispatcher<BotEvent>({
      keysOf: (payload) => eventKeysOf(payload as never),
      createEvent: (payload) => createEvent(payload as never, this.#apiForEvent(payload)),
      log: this.log,
      handlerTimeoutMs: this.config.handlerTimeoutMs,
      onError: (error) => this.reportError(error),
    });
    this.#env = extras.env ?? process.env;
    this.#clock = extras.clock ?? systemClock;
    this.#pluginClasses = options.plugins ?? [];
  }

  #connectedBridge(action: string): ActionCaller {
    if (this.#engine === undefined || this.#phase === "stopped") {
      throw new NotConnectedError(
        action,
        this.#phase === "stopped" ? "the bot was stopped" : "the bot is not started",
      );
    }
    return this.#engine;
  }

  #apiForEvent(payload: RawPayload): BotAPI {
    if (this.config.connection.mode !== "reverse-ws") return this.api;
    const selfId = payload.self_id as SelfId | undefined;
    return selfId === undefined ? this.api : this.apiFor(selfId);
  }

  /**
   * `bot.api` bound to one NapCat account, for a reverse WebSocket server that
   * several accounts connect to. Event objects already use their own account's API.
   */
  apiFor(selfId: SelfId): BotAPI {
    let api = this.#apis.get(selfId);
    if (api === undefined) {
      api = createBotApi(this.#caller, { napcatIsLocal: this.config.napcatIsLocal, selfId });
      bindConversations(api, this.#conversations);
      this.#apis.set(selfId, api);
    }
    return api;
  }

  /**
   * The port the bot's own server listens on once started (reverse WebSocket, HTTP POST),
   * useful with `port: 0`. Undefined in forward WebSocket and SSE modes.
   */
  get listenPort(): number | undefined {
    return this.#engine?.listenPort;
  }

  /** The NapCat accounts connected right now (reverse WebSocket may have several). */
  connectedSelfIds(): readonly SelfId[] {
    return this.#engine?.connectedSelfIds() ?? [];
  }

  // ---------------------------------------------------------------- registration

  /**
   * Runs `handler` for every event matching the dotted `key`; the key narrows the
   * event type (`"notice.group_increase"` gives a group-increase notice).
   * Returns a function that removes the handler.
   *
   * @throws NcatBotError when `key` is not a known event key (the message lists them).
   */
  on<K extends EventKey>(
    key: K,
    handler: Handler<EventByKey[K]>,
    options?: HandlerOptions,
  ): Disposer {
    if (!EVENT_KEY_SET.has(key)) {
      throw new NcatBotError(`Unknown event key "${key}". Valid keys: ${EVENT_KEYS.join(", ")}.`);
    }
    return this.#dispatcher.add(key, handler as Handler<never>, options);
  }

  /** Group messages (NcatBot `on_group_message`; 3.x `group_event`). `filter` keeps only messages with that segment type. */
  onGroupMessage(
    handler: Handler<EventByKey["message.group"]>,
    options: MessageHandlerOptions<EventByKey["message.group"]> = {},
  ): Disposer {
    return this.#addMessageHandler("message.group", handler, options);
  }

  /** Private messages (NcatBot `on_private_message`; 3.x `private_event`). */
  onPrivateMessage(
    handler: Handler<EventByKey["message.private"]>,
    options: MessageHandlerOptions<EventByKey["message.private"]> = {},
  ): Disposer {
    return this.#addMessageHandler("message.private", handler, options);
  }

  /**
   * Registers a message handler with its `filter`: a function runs before the handler,
   * a segment type is checked by the dispatcher's own filter.
   */
  #addMessageHandler<E extends EventByKey["message.group" | "message.private"]>(
    key: "message.group" | "message.private",
    handler: Handler<E>,
    options: MessageHandlerOptions<E>,
  ): Disposer {
    const { filter } = options;
    if (typeof filter === "function") {
      return this.#dispatcher.add(key, filtered(handler, filter) as Handler<never>, options);
    }
    return this.#dispatcher.add(
      key,
      handler as Handler<never>,
      options,
      filter ? segmentFilter(filter) : undefined,
    );
  }

  /** Messages the bot account itself sent (`message_sent`; needs NapCat's "report self message"). */
  onMessageSent(handler: Handler<EventByKey["message_sent"]>, options?: HandlerOptions): Disposer {
    return this.#dispatcher.add("message_sent", handler as Handler<never>, options);
  }

  /** Every notice (NcatBot `on_notice`; 3.x `notice_event`). Use `on("notice.xxx")` for one kind. */
  onNotice(handler: Handler<EventByKey["notice"]>, options?: HandlerOptions): Disposer {
    return this.#dispatcher.add("notice", handler as Handler<never>, options);
  }

  /** Friend and group requests (NcatBot `on_request`; 3.x `request_event`). */
  onRequest(handler: Handler<EventByKey["request"]>, options?: HandlerOptions): Disposer {
    return this.#dispatcher.add("request", handler as Handler<never>, options);
  }

  /** NapCat's heartbeats (`meta_event.heartbeat`). */
  onHeartbeat(
    handler: Handler<EventByKey["meta_event.heartbeat"]>,
    options?: HandlerOptions,
  ): Disposer {
    return this.#dispatcher.add("meta_event.heartbeat", handler as Handler<never>, options);
  }

  /** Runs once `start()` has connected (NcatBot `on_startup`). */
  onStartup(handler: Handler<LifecycleInfo>, options: HandlerOptions = {}): Disposer {
    return this.#addLifecycle(this.#startup, handler, options);
  }

  /** Runs when the bot stops, before the connection closes (NcatBot `on_shutdown`). */
  onShutdown(handler: Handler<LifecycleInfo>, options: HandlerOptions = {}): Disposer {
    return this.#addLifecycle(this.#shutdown, handler, options);
  }

  #addLifecycle(
    list: Array<{ handler: Handler<LifecycleInfo>; name: string }>,
    handler: Handler<LifecycleInfo>,
    options: HandlerOptions,
  ): Disposer {
    const entry = { handler, name: options.name ?? (handler.name || "anonymous handler") };
    list.push(entry);
    return () => {
      const index = list.indexOf(entry);
      if (index >= 0) list.splice(index, 1);
    };
  }

  /** NcatBot 3.x alias of {@link BotClient.onGroupMessage}. */
  groupEvent(
    handler: Handler<EventByKey["message.group"]>,
    options?: MessageHandlerOptions<EventByKey["message.group"]>,
  ): Disposer {
    return this.onGroupMessage(handler, options);
  }

  /** NcatBot 3.x alias of {@link BotClient.onPrivateMessage}. */
  privateEvent(
    handler: Handler<EventByKey["message.private"]>,
    options?: MessageHandlerOptions<EventByKey["message.private"]>,
  ): Disposer {
    return this.onPrivateMessage(handler, options);
  }

  /** NcatBot 3.x alias of {@link BotClient.onNotice}. */
  noticeEvent(handler: Handler<EventByKey["notice"]>, options?: HandlerOptions): Disposer {
    return this.onNotice(handler, options);
  }

  /** NcatBot 3.x alias of {@link BotClient.onRequest}. */
  requestEvent(handler: Handler<EventByKey["request"]>, options?: HandlerOptions): Disposer {
    return this.onRequest(handler, options);
  }

  // ---------------------------------------------------------------- commands
  // (the commands work: bot.command, bot.commandGroup, bot.permissions, bot.prompt)

  /**
   * Registers a command: the declaration's name words, then typed parameters
   * (`<name:type>`, `[name:type=default]`, `[-v|--verbose]`, `[--count:int=3]`).
   * The handler gets the message event and the arguments, typed from the declaration.
   * Returns a function that removes the command. See docs/commands.md.
   *
   * @example
   * ```ts
   * bot.command("echo <text:rest>", (e, { text }) => e.reply(text));
   * bot.command("ban <user:at> [seconds:int=600]", { permission: "admin", scope: "group" },
   *   (e, { user, seconds }) => e.api.setGroupBan({ group_id: e.group_id, user_id: user, duration: seconds }));
   * ```
   */
  command<const Spec extends string>(spec: Spec, handler: CommandHandler<Spec>): Disposer;
  command<const Spec extends string, const S extends CommandScope | undefined = undefined>(
    spec: Spec,
    options: CommandOptions<S>,
    handler: CommandHandler<Spec, S>,
  ): Disposer;
  command(spec: string, optionsOrHandler: unknown, maybeHandler?: unknown): Disposer {
    const { options, handler } = commandArgs(optionsOrHandler, maybeHandler);
    return this.commandRouter.register(spec, options, handler);
  }

  /** Sub-commands under one name word: `bot.commandGroup("admin").command("reload <plugin>", ...)` answers `/admin reload x`. */
  commandGroup(name: string, options: CommandGroupOptions = {}): CommandGroupHandle {
    return new CommandGroup(this.commandRouter, rootInherited(), name, options);
  }

  /**
   * The permission system (roles root > admin > user, custom roles, grants and bans
   * on permission paths), saved to `data/rbac.json` unless `commands.rbacFile` says otherwise.
   */
  get permissions(): Permissions {
    if (this.#permissions === undefined) {
      const given = this.config.commands.rbacFile;
      const file = given === undefined ? join(this.config.dataDir, "rbac.json") : given;
      this.#permissions = new Permissions({
        root: this.config.root,
        store: file === false ? new MemoryRbacStore() : new JsonFileRbacStore(file),
      });
    }
    return this.#permissions;
  }

  /**
   * Asks in the chat of `event`, then resolves to the same user's next message there,
   * or `undefined` after `timeout` (default 60 s). Command handlers write `e.prompt(...)`.
   */
  prompt<E extends PromptAnswer>(
    event: E,
    question: ReplyContent | undefined,
    options?: PromptOptions,
  ): Promise<E | undefined> {
    return prompt(event, question, options);
  }

  /** The command router (for plugins and tools), created and hooked into dispatch with the first command. */
  get commandRouter(): CommandRouter {
    if (this.#commandRouter === undefined) {
      const settings = resolveCommandSettings(this.config.commands);
      const router = new CommandRouter({
        log: this.log,
        settings,
        prefixes: this.config.commandPrefixes,
        permissions: () => this.permissions,
        onError: (error, failure) =>
          this.reportError(
            new HandlerError(error, {
              handler: `command ${failure.command}`,
              plugin: failure.owner,
              event: failure.event,
              eventSummary: summarizeEvent(failure.event as unknown as RawPayload),
              source: "command",
            }),
          ),
      });
      this.#commandRouter = router;
      this.#dispatcher.add(
        "message",
        router.handle as Handler<never>,
        { name: "commands" },
        router.accepts,
      );
      if (settings.help) registerHelp(router);
      if (settings.permCommands) registerPermCommands(router, () => this.permissions);
    }
    return this.#commandRouter;
  }

  // ---------------------------------------------------------------- dispatch

  /**
   * The one entry point for events: every transport and every test goes through it.
   * Accepts a payload object or its JSON text. Resolves when every handler (sync
   * and async) has finished; never rejects because of a handler.
   */
  handleEvent(payload: EventPayload | object | string): Promise<void> {
    const parsed = typeof payload === "string" ? this.#parse(payload) : (payload as RawPayload);
    if (parsed === undefined) return Promise.resolve();
    return this.#dispatch(parsed) ?? Promise.resolve();
  }

  #parse(raw: string): RawPayload | undefined {
    const frame = parseFrame(raw, this.#frameLog);
    if (frame === undefined) return undefined;
    const kind = classifyFrame(frame);
    if (kind === "event") return frame as RawPayload;
    logDroppedFrame(kind, raw, this.#frameLog);
    return undefined;
  }

  readonly #frameLog: FrameLog = (level, message, fields) => this.log[level](fields ?? {}, message);

  /** `track`: build the promise of every handler's completion (handleEvent) or not (live events). */
  #dispatch(payload: RawPayload, track = true): Promise<void> | undefined {
    if (this.#holds > 0) return this.#holdEvent(payload, track);
    if (payload.post_type === "meta_event") this.#watchMeta(payload);
    else if (
      payload.message !== undefined ||
      payload.post_type === "message" ||
      payload.post_type === "message_sent"
    ) {
      // A malformed message event is repaired (or dropped) once, with one warning (issue 12).
      const checked = checkedPayload(payload, this.log);
      if (checked === undefined) return undefined;
      // A message a `prompt` waits for goes to that prompt only.
      if (
        this.#conversations.size > 0 &&
        this.#conversations.offer(checked, () =>
          createEvent(checked as never, this.#apiForEvent(checked)),
        )
      ) {
        return undefined;
      }
      return this.#dispatcher.dispatch(checked, track);
    }
    return this.#dispatcher.dispatch(payload, track);
  }

  /**
   * HTTP POST: NapCat waits for the response to its POST, which may carry a quick
   * operation. Handlers set one with `event.quickOperation(...)`; it is answered once
   * they have settled (the I/O thread stops waiting after about a second).
   */
  async #dispatchCollectingQuickOperation(
    payload: RawPayload,
  ): Promise<Record<string, unknown> | undefined> {
    const holder: QuickOperationHolder = { operation: undefined };
    (payload as Record<symbol, unknown>)[QUICK_OPERATION_SLOT] = holder;
    await this.#dispatch(payload, true);
    return holder.operation;
  }

  #watchMeta(payload: RawPayload): void {
    if (payload.meta_event_type === "heartbeat") {
      const online = (payload.status as { online?: unknown } | undefined)?.online;
      if (online === false && !this.#offline) {
        this.log.warn(
          { selfId: payload.self_id },
          "NapCat reports the QQ account offline (heartbeat status.online = false); log in again in NapCat",
        );
      } else if (online === true && this.#offline) {
        this.log.info({ selfId: payload.self_id }, "the QQ account is online again");
      }
      this.#offline = online === false;
    } else if (payload.meta_event_type === "lifecycle" && payload.sub_type === "connect") {
      // The transport already said "connected to NapCat at ..." (say each thing once).
      this.log.debug({ selfId: payload.self_id }, "NapCat lifecycle: connect");
    }
  }

  #sink(): IoSink {
    const { connection } = this.config;
    const viaHttpPost = connection.mode === "http" && connection.events.mode === "http-post";
    // Optional replay filter (HTTP POST has no replay protection in OneBot; issue 12).
    const windowMs =
      connection.mode === "http" && connection.events.mode === "http-post"
        ? connection.events.dedupWindowMs
        : undefined;
    const recent = windowMs ? new RecentEvents(windowMs) : undefined;
    return {
      // Already parsed once by the I/O engine (a JSON object with a string post_type).
      onEvent: viaHttpPost
        ? (payload) => {
            if (recent?.isReplay(payload as RawPayload)) {
              this.log.warn(
                { event: summarizeEvent(payload as RawPayload), windowMs },
                "dropped an HTTP POST event already received within dedupWindowMs (a replay?)",
              );
              return Promise.resolve(undefined);
            }
            return this.#dispatchCollectingQuickOperation(payload as RawPayload);
          }
        : (payload) => {
            this.#dispatch(payload, false);
          },
      onState: (state: ConnectionState) => this.#onState(state),
      onLog: (level, message, fields) => this.log[level](fields ?? {}, message),
    };
  }

  #onState(state: ConnectionState): void {
    switch (state.kind) {
      case "connected":
        this.log.debug({ selfId: state.selfId }, "connection state: connected");
        break;
      case "disconnected":
        // Every transport logs each drop itself, with its reason and next retry: once.
        this.log.debug(
          { reason: state.reason, retryInMs: state.retryInMs },
          "connection state: disconnected",
        );
        break;
      default:
        break;
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Connects to NapCat. Resolves once connected; rejects with a clear error
   * (`ConfigError` for a rejected token, `TransportError` when NapCat cannot be
   * reached) and then leaves nothing running.
   */
  async start(): Promise<void> {
    if (this.#phase !== "idle") {
      throw new NcatBotError(
        `start() called while the bot is ${this.#phase}; a BotClient starts once.`,
      );
    }
    this.#phase = "starting";
    // Forward WS and HTTP + SSE run on this thread (a worker only for Sync calls);
    // reverse WS and HTTP POST run in the I/O worker thread.
    const engine = createIo(this.#ioOptions, this.#sink());
    this.#engine = engine;
    // Events that arrive while plugins load wait for them: none is missed.
    const release = this.#holdEvents();
    try {
      await engine.start();
    } catch (error) {
      release();
      this.#phase = "stopped";
      await engine.stop().catch(() => {});
      throw error;
    }
    this.#phase = "running";
    try {
      await this.#pluginManager()?.start();
    } finally {
      release();
    }
    await this.#runLifecycle(this.#startup, "startup");
  }

  /**
   * Starts, then stays up until SIGINT or SIGTERM (Ctrl+C), then stops cleanly.
   * Resolves after the bot has stopped.
   */
  async run(): Promise<void> {
    await this.start();
    await new Promise<void>((resolve) => {
      const onSignal = (signal: NodeJS.Signals) => {
        this.log.info({ signal }, "stopping");
        resolve();
      };
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
      this.#removeSignalHandlers = () => {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
        resolve();
      };
    });
    await this.stop();
  }

  /**
   * Runs the shutdown handlers, then closes every connection and the I/O thread.
   * Afterwards nothing NcatBot started keeps the process alive. Idempotent: a call
   * while a stop is under way returns that stop's promise, so every caller resumes
   * only once the bot has stopped.
   */
  stop(): Promise<void> {
    if (this.#stopped !== undefined) return this.#stopped;
    if (this.#phase === "idle" || this.#phase === "stopped") {
      this.#phase = "stopped";
      return Promise.resolve();
    }
    this.#stopped = this.#shutDown();
    return this.#stopped;
  }

  async #shutDown(): Promise<void> {
    this.#phase = "stopping";
    const removeSignals = this.#removeSignalHandlers;
    this.#removeSignalHandlers = undefined;
    removeSignals?.();
    await this.#runLifecycle(this.#shutdown, "shutdown");
    this.#conversations.cancelAll();
    await this.#plugins?.stop();
    await this.scope.dispose();
    try {
      await this.#engine?.stop();
    } finally {
      this.#phase = "stopped";
    }
  }

  async #runLifecycle(
    list: Array<{ handler: Handler<LifecycleInfo>; name: string }>,
    what: string,
  ): Promise<void> {
    const info: LifecycleInfo = { selfIds: this.#engine?.connectedSelfIds() ?? [] };
    const pending: Promise<void>[] = [];
    for (const { handler, name } of [...list]) {
      const settled = this.#dispatcher.invoke(
        handler,
        info,
        name,
        this.config.handlerTimeoutMs,
        () => what,
      );
      if (settled) pending.push(settled);
    }
    await Promise.all(pending);
  }

  // ---------------------------------------------------------------- plugins and the error hook
  // (owned by the plugin system; see src/plugin/ and docs/plugins.md)

  /** The root scope: every plugin's scope is a child of it; `stop()` disposes it. */
  readonly scope: Scope = new Scope("bot", {
    onError: (error, scope) =>
      this.reportError(new HandlerError(error, { handler: scope.name, source: "dispose" })),
  });
  readonly #env: NodeJS.ProcessEnv;
  readonly #clock: Clock;
  readonly #pluginClasses: readonly unknown[];
  #plugins: BotPlugins | undefined;
  #errorHook: ErrorHook | undefined;
  #holds = 0;
  #held: Array<{ payload: RawPayload; track: boolean; done: (() => void) | undefined }> = [];

  /**
   * The plugins: `load(name)`, `unload(name)`, `reload(name)`, `list()`, per-chat
   * switches and the plugin event bus. See docs/plugins.md.
   */
  get plugins(): BotPlugins {
    const manager = this.#pluginManager();
    if (manager === undefined) {
      throw new NcatBotError(
        'the plugin system is not available: import BotClient from "ncatbot" (the package entry point)',
      );
    }
    return manager;
  }

  #pluginManager(): BotPlugins | undefined {
    if (this.#plugins === undefined && pluginSystemFactory !== undefined) {
      this.#plugins = pluginSystemFactory(this, this.#internals());
    }
    return this.#plugins;
  }

  /**
   * Sets the error hook: every failure of a handler, command, scheduled task or plugin
   * lifecycle arrives here as a {@link HandlerError} (the error, the plugin, the event).
   * Default: one log line with the location and the stack. Returns a function that
   * restores the default.
   *
   * @example
   * ```ts
   * bot.catch((err) => console.error(err.plugin, err.handler, err.error));
   * ```
   */
  catch(hook: ErrorHook): Disposer {
    this.#errorHook = hook;
    return () => {
      if (this.#errorHook === hook) this.#errorHook = undefined;
    };
  }

  /** Hands `error` to the error hook (or logs it). Never throws. */
  reportError(error: HandlerError): void {
    const hook = this.#errorHook;
    if (hook !== undefined) {
      try {
        const result = hook(error);
        if (result instanceof Promise) result.catch((e: unknown) => this.#logHookFailure(e, error));
        return;
      } catch (hookError) {
        this.#logHookFailure(hookError, error);
        return;
      }
    }
    this.log.error(
      {
        err: error.error,
        handler: error.handler,
        ...(error.plugin !== undefined ? { plugin: error.plugin } : {}),
        ...(error.eventSummary !== undefined ? { event: error.eventSummary } : {}),
      },
      (LIFECYCLE_SOURCES.has(error.source)
        ? `${error.message}; the bot keeps running`
        : `${error.message}; other handlers were not affected`) +
        (error.at ? ` (registered at ${error.at})` : ""),
    );
  }

  #logHookFailure(hookError: unknown, original: HandlerError): void {
    this.log.error(
      { err: hookError, original: original.message },
      "the error hook set with bot.catch() failed itself",
    );
  }

  /** Holds events (dispatched in order once every hold is released). */
  #holdEvents(): () => void {
    this.#holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holds--;
      if (this.#holds === 0) this.#flushHeld();
    };
  }

  #holdEvent(payload: RawPayload, track: boolean): Promise<void> | undefined {
    if (!track) {
      this.#held.push({ payload, track, done: undefined });
      return undefined;
    }
    return new Promise((resolve) => this.#held.push({ payload, track, done: resolve }));
  }

  #flushHeld(): void {
    while (this.#held.length > 0 && this.#holds === 0) {
      const next = this.#held.shift();
      if (next === undefined) break;
      const settled = this.#dispatch(next.payload, next.track);
      if (next.done) {
        if (settled) settled.then(next.done);
        else next.done();
      }
    }
  }

  #internals(): BotInternals {
    return {
      addHandler: (key, handler, options, accepts) => {
        if (!EVENT_KEY_SET.has(key)) {
          throw new NcatBotError(
            `Unknown event key "${key}". Valid keys: ${EVENT_KEYS.join(", ")}.`,
          );
        }
        const filter = (options as MessageHandlerOptions).filter;
        if (typeof filter === "function") {
          // A filter predicate (docs/commands.md) runs on the event object.
          return this.#dispatcher.add(
            key,
            filtered(handler, filter) as Handler<never>,
            options,
            accepts,
          );
        }
        const bySegment = filter ? segmentFilter(filter) : undefined;
        const both =
          bySegment && accepts
            ? (payload: RawPayload) => accepts(payload) && bySegment(payload)
            : (bySegment ?? accepts);
        return this.#dispatcher.add(key, handler, options, both);
      },
      addLifecycle: (phase, handler, options) =>
        this.#addLifecycle(phase === "startup" ? this.#startup : this.#shutdown, handler, options),
      invoke: (handler, arg, site, timeoutMs, describeIt) =>
        this.#dispatcher.invoke(handler, arg, site, timeoutMs, describeIt ?? (() => site.name)),
      holdEvents: () => this.#holdEvents(),
      env: this.#env,
      clock: this.#clock,
      pluginClasses: this.#pluginClasses,
    };
  }
}

export type { CallOptions };

/**
 * What the plugin system (src/plugin/, a layer above this one) reaches inside a
 * BotClient. Not part of the public API.
 *
 * @internal
 */
export interface BotInternals {
  /** Adds a handler to the dispatcher's per-key table; `accepts` is a cheap pre-check on the payload. */
  addHandler(
    key: string,
    handler: Handler<never>,
    options: MessageHandlerOptions,
    accepts?: (payload: RawPayload) => boolean,
  ): Disposer;
  addLifecycle(
    phase: "startup" | "shutdown",
    handler: Handler<LifecycleInfo>,
    options: HandlerOptions,
  ): Disposer;
  /** Runs `handler(arg)` inside the error boundary (failures go to the error hook). */
  invoke<T>(
    handler: Handler<T>,
    arg: T,
    site: HandlerSite,
    timeoutMs: number | undefined,
    describe?: () => string,
  ): Promise<void> | undefined;
  /** Holds every incoming event until the returned function is called. */
  holdEvents(): () => void;
  readonly env: NodeJS.ProcessEnv;
  readonly clock: Clock;
  /** The `plugins` constructor option. */
  readonly pluginClasses: readonly unknown[];
}

/** Builds `bot.plugins`; installed by src/plugin/ so that this layer does not import the one above it. */
export type PluginSystemFactory = (bot: BotClient, internals: BotInternals) => BotPlugins;

let pluginSystemFactory: PluginSystemFactory | undefined;

/** @internal Called once by src/plugin/index.ts. */
export function installPluginSystem(factory: PluginSystemFactory): void {
  pluginSystemFactory = factory;
}
