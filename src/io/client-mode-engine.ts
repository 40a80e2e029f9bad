/**
 * The client-mode engine of the client-side modes (forward WebSocket, HTTP API +
 * SSE): the transport runs on the main thread, every frame is parsed once here,
 * async calls are correlated here ({@link PendingCalls}, one timer) and events go
 * straight to the sink. No worker thread at all while the bot only makes async
 * calls; Sync calls go through the lazily started {@link SyncApiConnection}.
 *
 * @module
 */
import { NotConnectedError, TransportError } from "../errors.js";
import { redactUrl } from "../transport/errors-explain.js";
import { requestFrame } from "../transport/frames.js";
import {
  ASYNC_ECHO_PREFIX,
  type KeptParams,
  keptParams,
  PendingCalls,
  withParams,
} from "../transport/pending-calls.js";
import type { Transport, TransportHooks } from "../transport/types.js";
import { LinkTable } from "./links.js";
import { type IoOptions, type NormalizedIoOptions, normalizeIoOptions } from "./options.js";
import { type FrameLog, paramsJsonOrError, routeFrame, serializeParams } from "./parse.js";
import { SyncApiConnection } from "./sync-api-connection.js";
import { createTransport } from "./transports.js";
import type {
  CallOptions,
  EngineCallOptions,
  EventObject,
  IoEngine,
  IoSink,
  ResultMapper,
  SelfId,
} from "./types.js";

/**
 * Runs a client-side connection (forward WS, HTTP + SSE) on the main thread.
 *
 * - `start()` resolves once connected (forward WS: token accepted, account known;
 *   HTTP: the API answered and the SSE stream is open); rejects with `ConfigError`,
 *   `TransportError`, or after `startTimeoutMs`, leaving nothing running.
 * - `call()` while disconnected fails at once with `NotConnectedError`; calls
 *   waiting when the connection drops reject with `TransportError`.
 * - `callSync()` blocks this thread while a worker thread runs the call over a
 *   second, API-only connection (NapCat's `/api` in forward-WS mode). The first Sync
 *   call starts that worker and connects it (tens of ms). Events arriving
 *   meanwhile wait in the main connection's socket and are dispatched afterwards,
 *   in order.
 */
export class ClientModeEngine implements IoEngine {
  /** The options with defaults filled in. */
  readonly options: NormalizedIoOptions;
  readonly #sink: IoSink;
  readonly #ws: boolean;
  readonly #noLinkDetail: string;
  readonly #calls = new PendingCalls(ASYNC_ECHO_PREFIX);
  readonly #links = new LinkTable();
  readonly #log: FrameLog;
  #transport: Transport | undefined;
  #side: SyncApiConnection | undefined;
  #lastLink = -1;
  /** The link a call without `selfId` goes out on; -1 when none is up. */
  #defaultLink = -1;
  #lastReason = "";
  #stopping: Promise<void> | undefined;

  constructor(options: IoOptions, sink: IoSink) {
    this.options = normalizeIoOptions(options);
    this.#sink = sink;
    const c = this.options.connection;
    if (c.mode === "reverse-ws" || (c.mode === "http" && c.events.mode === "http-post")) {
      throw new Error(
        "ClientModeEngine serves forward WebSocket and HTTP + SSE only; use createIo() to pick the engine",
      );
    }
    this.#ws = c.mode === "forward-ws";
    this.#noLinkDetail = c.mode === "forward-ws" ? `forward WebSocket ${redactUrl(c.uri)}` : "";
    this.#log = (level, message, fields) => sink.onLog(level, message, fields);
  }

  /** True once the Sync API connection's worker thread has been started. */
  get syncWorkerStarted(): boolean {
    return this.#side?.started ?? false;
  }

  /** Connects; see the class doc for when it resolves. */
  start(): Promise<void> {
    if (this.#transport)
      return Promise.reject(new Error("ClientModeEngine.start() was already called"));
    const transport = createTransport(this.options, this.#hooks);
    this.#transport = transport;
    return new Promise<void>((resolve, reject) => {
      let done = false;
      const giveUp = () => {
        if (done) return;
        done = true;
        const why = this.#lastReason ? ` Last problem: ${this.#lastReason}` : "";
        const error = new TransportError(
          `NcatBot could not connect to NapCat within ${this.options.startTimeoutMs} ms (\`startTimeoutMs\`).${why}`,
        );
        void this.stop().then(() => reject(error));
      };
      // After a busy stretch, a due timer runs BEFORE the I/O the loop held back (timers
      // phase, then poll): one turn later (setImmediate) a refused attempt has reported,
      // so its explanation ("NapCat is not running or the port is wrong") wins.
      const timer = setTimeout(() => setImmediate(giveUp), this.options.startTimeoutMs);
      transport.start().then(
        () => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          resolve();
        },
        (error: unknown) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          void this.stop().then(() => reject(error));
        },
      );
    });
  }

  /** Closes the connection and the Sync API connection; idempotent. */
  stop(): Promise<void> {
    if (this.#stopping) return this.#stopping;
    const transport = this.#transport;
    this.#stopping = (async () => {
      await Promise.all([transport?.stop(), this.#side?.stop()]);
      this.#calls.rejectAll(
        (action) => new TransportError(`the bot was stopped while "${action}" was waiting`),
      );
      this.#links.clear();
      this.#defaultLink = -1;
      if (transport) this.#sink.onState({ kind: "stopped" });
    })();
    return this.#stopping;
  }

  /** Always undefined: the client-side modes listen on no port. */
  get listenPort(): number | undefined {
    return undefined;
  }

  /** The connected account, when known. */
  connectedSelfIds(): SelfId[] {
    return this.#transport?.connectedSelfIds() ?? [];
  }

  /** Runs a NapCat action over the main connection; resolves to its `data`. */
  call(
    action: string,
    params: object = {},
    options?: EngineCallOptions,
    mapResult?: ResultMapper,
  ): Promise<unknown> {
    const t = this.#transport;
    if (!t || this.#stopping || !t.isConnected()) {
      return Promise.reject(
        new NotConnectedError(action, t ? this.#lastReason : "the bot is not started"),
      );
    }
    const timeoutMs = options?.timeoutMs ?? this.options.apiTimeoutMs;
    const json = paramsJsonOrError(action, params);
    if (typeof json !== "string") return Promise.reject(json);
    const kept: KeptParams = options?.composedParams ? json : params;
    if (!this.#ws) {
      const answer = t
        .call(action, json, timeoutMs, options?.selfId)
        .catch((error: unknown) => Promise.reject(withParams(error, keptParams(kept))));
      return mapResult ? answer.then(mapResult) : answer;
    }
    const selfId = options?.selfId;
    let link = this.#defaultLink;
    if (selfId !== undefined || link < 0) {
      const choice = this.#links.pick(selfId, this.#noLinkDetail);
      if ("missing" in choice) return Promise.reject(new NotConnectedError(action, choice.missing));
      link = choice.link;
    }
    const calls = this.#calls;
    const id = calls.nextId();
    const promise = calls.wait(id, action, timeoutMs, kept, link, mapResult);
    if (!t.sendFrames?.(link, [requestFrame(action, json, calls.echo(id))])) {
      this.#failLink(link, "the link is gone");
    }
    return promise;
  }

  /**
   * Runs a NapCat action and blocks this thread until it answers, over the Sync side
   * channel (started by the first Sync call: that call also pays the worker's start,
   * tens of ms). Returns `data` or throws what {@link ClientModeEngine.call} rejects with.
   */
  callSync(action: string, params: object = {}, options?: CallOptions): unknown {
    const t = this.#transport;
    if (!t || this.#stopping || !t.isConnected()) {
      throw new NotConnectedError(action, t ? this.#lastReason : "the bot is not started");
    }
    const json = serializeParams(action, params);
    const timeoutMs = options?.timeoutMs ?? this.options.apiTimeoutMs;
    // Async sends of this tick go out before this thread blocks: NapCat sees them first.
    t.flushWrites?.();
    this.#side ??= new SyncApiConnection(this.options, this.#log, (text) =>
      this.#onFrame(text, this.#transport?.connectedSelfIds()[0], undefined),
    );
    return this.#side.call(action, params, json, timeoutMs, options?.selfId);
  }

  /** Caches where a call without `selfId` goes (what `LinkTable.pick(undefined)` answers), -1 for none. */
  #updateDefaultLink(): void {
    const choice = this.#links.pick(undefined, "");
    this.#defaultLink = "link" in choice ? choice.link : -1;
  }

  #failLink(link: number, reason: string): void {
    this.#calls.failLink(
      link,
      (action) =>
        new TransportError(
          `the connection to NapCat closed while "${action}" was waiting: ${reason}`,
        ),
    );
  }

  readonly #hooks: TransportHooks = {
    onFrame: (raw, selfId, reply) => this.#onFrame(raw, selfId, reply),
    onLink: (change) => {
      if (change.up) {
        this.#links.up(change.link, change.selfId);
        this.#lastLink = change.link;
      } else {
        this.#links.down(change.link);
      }
      this.#updateDefaultLink();
      if (!change.up) this.#failLink(change.link, change.reason ?? "the connection closed");
    },
    onState: (state) => {
      if (state.kind === "disconnected") this.#lastReason = state.reason;
      this.#sink.onState(state);
    },
    onLog: (level, message, fields) => this.#sink.onLog(level, message, fields),
  };

  /** Every frame from NapCat, parsed once: an answer to an async call, or an event. */
  #onFrame(
    raw: string | Buffer,
    selfId: SelfId | undefined,
    reply: ((operationJson: string | undefined) => void) | undefined,
  ): void {
    const event = routeFrame(raw, this.#calls, this.#log);
    if (event === undefined) {
      reply?.(undefined);
      return;
    }
    if (event.meta_event_type === "heartbeat" && this.#ws) {
      const interval = event.interval;
      if (typeof interval === "number" && interval > 0) {
        this.#transport?.learnHeartbeat?.(this.#lastLink, interval);
      }
    }
    this.#deliver(event, selfId, reply);
  }

  /** Logs a sink failure (one function for every event, not a closure per event). */
  readonly #eventFailed = (e: unknown): void =>
    this.#sink.onLog("error", `event handler failed: ${String(e)}`);

  #deliver(
    payload: EventObject,
    selfId: SelfId | undefined,
    reply: ((operationJson: string | undefined) => void) | undefined,
  ): void {
    const failed = this.#eventFailed;
    let r: ReturnType<IoSink["onEvent"]>;
    try {
      r = this.#sink.onEvent(payload, selfId);
    } catch (e) {
      failed(e);
      reply?.(undefined);
      return;
    }
    if (reply) {
      Promise.resolve(r).then(
        (op) => reply(op ? JSON.stringify(op) : undefined),
        (e: unknown) => {
          failed(e);
          reply(undefined);
        },
      );
    } else if (r) {
      r.then(undefined, failed);
    }
  }
}
