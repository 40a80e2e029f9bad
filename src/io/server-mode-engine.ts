/**
 * The worker engine: the main-thread side of the I/O thread. Starts the worker,
 * parses every frame once, settles async calls, forwards events to the client in
 * order, and runs async and Sync calls through the worker. `createIo` uses it for
 * the server modes (reverse WebSocket, HTTP POST), where NapCat connects to us and
 * a blocked main thread must not stop us from accepting it; it serves only those.
 *
 * @module
 */
import type { Worker } from "node:worker_threads";
import { NotConnectedError, TransportError } from "../errors.js";
import { requestFrame } from "../transport/frames.js";
import { ASYNC_ECHO_PREFIX, PendingCalls } from "../transport/pending-calls.js";
import { OutboundQueue, readInbound } from "./batch.js";
import { type IoThread, spawnIoThread, syncAnswersSeen, waitForSyncAnswer } from "./io-thread.js";
import { LinkTable } from "./links.js";
import { type IoOptions, type NormalizedIoOptions, normalizeIoOptions } from "./options.js";
import { type FrameLog, paramsJsonOrError, routeFrame, serializeParams } from "./parse.js";
import type {
  CallOptions,
  EngineCallOptions,
  EventObject,
  IoEngine,
  IoSink,
  ResultMapper,
  SelfId,
} from "./types.js";
import {
  type Control,
  fromWireError,
  type InboundBatch,
  SLOT_CONNECTED,
  SYNC_MARGIN_MS,
} from "./wire.js";

/**
 * Runs the connection to NapCat in a worker thread ("the I/O thread").
 *
 * - `start()` resolves when the transport is ready to receive: reverse WS once
 *   listening (NapCat connects when it likes: watch `onState`); HTTP + HTTP POST
 *   once NapCat's HTTP API answered. It
 *   rejects with `ConfigError` (e.g. rejected token) or `TransportError` when
 *   retrying cannot help, or after `startTimeoutMs`; the worker is then stopped.
 * - Calls while disconnected fail at once with `NotConnectedError` (never queued);
 *   async calls waiting when their connection drops reject with `TransportError`.
 * - Reverse WS: async calls are correlated here (echo `ncb:a<n>`) and their frames
 *   batched to the worker; HTTP: the worker makes each request. Sync calls are
 *   correlated by the worker.
 * - `stop()` leaves no worker, socket or timer behind.
 */
export class ServerModeEngine implements IoEngine {
  /** The options with defaults filled in. */
  readonly options: NormalizedIoOptions;
  private worker: Worker | undefined;
  private thread: IoThread | undefined;
  private readonly ws: boolean;
  private readonly noLinkDetail: string;
  /** Async calls in flight (answers to the WebSocket frames, and HTTP calls the worker runs). */
  private readonly calls = new PendingCalls(ASYNC_ECHO_PREFIX);
  private readonly links = new LinkTable();
  private readonly outbox: OutboundQueue;
  private syncSeq = 0;
  private eventSelf: SelfId | undefined;
  private selfIds: SelfId[] = [];
  private lastReason = "";
  private startWaiter: { resolve(): void; reject(e: Error): void } | undefined;
  private startTimer: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | undefined;
  private boundPort: number | undefined;
  private readonly frameLog: FrameLog = (level, message, fields) =>
    this.sink.onLog(level, message, fields);

  constructor(
    options: IoOptions,
    private readonly sink: IoSink,
  ) {
    this.options = normalizeIoOptions(options);
    const c = this.options.connection;
    this.ws = c.mode !== "http";
    if (c.mode === "forward-ws" || (c.mode === "http" && c.events.mode === "sse")) {
      throw new Error(
        "ServerModeEngine serves reverse WebSocket and HTTP + HTTP POST only; use createIo() to pick the engine",
      );
    }
    this.noLinkDetail = "no NapCat account has connected to the reverse WebSocket server yet";
    this.outbox = new OutboundQueue((batch) => this.worker?.postMessage(batch));
  }

  /** Starts the I/O thread and the transport; see the class doc for when it resolves. */
  start(): Promise<void> {
    if (this.worker)
      return Promise.reject(new Error("ServerModeEngine.start() was already called"));
    const thread = spawnIoThread({ options: this.options });
    const worker = thread.worker;
    this.thread = thread;
    this.worker = worker;
    worker.on("message", (batch: InboundBatch) => readInbound(batch, this.onFrame, this.onControl));
    worker.on("error", (error) => this.onWorkerDeath(`the I/O thread crashed: ${error.message}`));
    worker.on("exit", (code) => {
      if (!this.stopping) this.onWorkerDeath(`the I/O thread exited (code ${code})`);
    });
    return new Promise<void>((resolve, reject) => {
      this.startWaiter = { resolve, reject };
      this.startTimer = setTimeout(() => {
        const why = this.lastReason ? ` Last problem: ${this.lastReason}` : "";
        this.failStart(
          new TransportError(
            `NcatBot could not connect to NapCat within ${this.options.startTimeoutMs} ms (\`startTimeoutMs\`).${why}`,
          ),
        );
      }, this.options.startTimeoutMs);
    });
  }

  /** Closes the transport and ends the I/O thread; idempotent. */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    const worker = this.worker;
    this.stopping = (async () => {
      if (this.startTimer) clearTimeout(this.startTimer);
      this.finishStart(new TransportError("the bot was stopped before it connected to NapCat"));
      if (worker) {
        const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
        try {
          this.outbox.command({ t: "stop" });
          this.outbox.flush();
        } catch {
          // already gone
        }
        const force = setTimeout(() => void worker.terminate(), 3000);
        await exited;
        clearTimeout(force);
      }
      this.rejectAll("the bot was stopped");
      this.thread?.port.close();
      if (this.thread) Atomics.store(this.thread.shared, SLOT_CONNECTED, 0);
      this.selfIds = [];
      if (worker) this.sink.onState({ kind: "stopped" });
    })();
    return this.stopping;
  }

  /**
   * Port the bot's own server listens on (reverse WS, HTTP POST) once started;
   * useful with port 0. Undefined in client modes.
   */
  get listenPort(): number | undefined {
    return this.boundPort;
  }

  /** Accounts currently connected, as last reported by the I/O thread. */
  connectedSelfIds(): SelfId[] {
    return [...this.selfIds];
  }

  /**
   * Runs a NapCat action; resolves to its `data`. Fails at once with
   * `NotConnectedError` while disconnected.
   */
  call(
    action: string,
    params: object = {},
    options?: EngineCallOptions,
    mapResult?: ResultMapper,
  ): Promise<unknown> {
    if (!this.worker || this.stopping || !this.isConnected()) {
      return Promise.reject(
        new NotConnectedError(action, this.worker ? this.lastReason : "the bot is not started"),
      );
    }
    const timeoutMs = options?.timeoutMs ?? this.options.apiTimeoutMs;
    const json = paramsJsonOrError(action, params);
    if (typeof json !== "string") return Promise.reject(json);
    const kept = options?.composedParams ? json : params;
    const calls = this.calls;
    const id = calls.nextId();
    if (!this.ws) {
      // The worker's HTTP request times out first; the margin only guards against a lost answer.
      const promise = calls.wait(id, action, timeoutMs + SYNC_MARGIN_MS, kept, -1, mapResult);
      this.outbox.command({
        t: "call",
        id,
        action,
        params: json,
        timeoutMs,
        selfId: options?.selfId,
      });
      return promise;
    }
    const choice = this.links.pick(options?.selfId, this.noLinkDetail);
    if ("missing" in choice) return Promise.reject(new NotConnectedError(action, choice.missing));
    const promise = calls.wait(id, action, timeoutMs, kept, choice.link, mapResult);
    this.outbox.frame(choice.link, requestFrame(action, json, calls.echo(id)));
    return promise;
  }

  /**
   * Runs a NapCat action and blocks this thread until it answers (the I/O thread
   * keeps the connection alive meanwhile; events wait in order and are delivered
   * afterwards). Returns `data` or throws exactly what {@link ServerModeEngine.call} rejects with.
   */
  callSync(action: string, params: object = {}, options?: CallOptions): unknown {
    const thread = this.thread;
    if (!thread || this.stopping || !this.isConnected()) {
      throw new NotConnectedError(action, this.worker ? this.lastReason : "the bot is not started");
    }
    const json = serializeParams(action, params);
    const timeoutMs = options?.timeoutMs ?? this.options.apiTimeoutMs;
    this.syncSeq += 1;
    const seq = this.syncSeq;
    const seen = syncAnswersSeen(thread);
    // Same channel as the queued async frames, flushed now: nothing queued before this
    // call is held back behind it, and the worker sees them in order.
    this.outbox.command({
      t: "sync",
      seq,
      action,
      params: json,
      timeoutMs,
      selfId: options?.selfId,
    });
    this.outbox.flush();
    const giveUpAt = Date.now() + timeoutMs + SYNC_MARGIN_MS;
    return waitForSyncAnswer(thread, seq, seen, giveUpAt, action, params, timeoutMs);
  }

  private isConnected(): boolean {
    return this.thread !== undefined && Atomics.load(this.thread.shared, SLOT_CONNECTED) === 1;
  }

  /** Every frame from NapCat, parsed once: an answer to an async call, or an event. */
  private readonly onFrame = (text: string): void => {
    const event = routeFrame(text, this.calls, this.frameLog);
    if (event !== undefined) this.deliver(event, this.eventSelf);
  };

  private deliver(payload: EventObject, selfId: SelfId | undefined): void {
    try {
      const r = this.sink.onEvent(payload, selfId);
      if (r)
        r.then(undefined, (e: unknown) =>
          this.sink.onLog("error", `event handler failed: ${String(e)}`),
        );
    } catch (e) {
      this.sink.onLog("error", `event handler failed: ${String(e)}`);
    }
  }

  private readonly onControl = (m: Control): void => {
    switch (m.t) {
      case "self":
        this.eventSelf = m.selfId;
        return;
      case "link":
        if (m.up) {
          this.links.up(m.link, m.selfId);
        } else {
          this.links.down(m.link);
          const reason = m.reason ?? "the connection closed";
          this.calls.failLink(
            m.link,
            (action) =>
              new TransportError(
                `the connection to NapCat closed while "${action}" was waiting: ${reason}`,
              ),
          );
        }
        return;
      case "event":
        this.onQuickEvent(m.raw, m.selfId, m.qid);
        return;
      case "result":
        if (m.ok) this.calls.resolve(m.id, m.data);
        else this.calls.reject(m.id, (action, params) => fromWireError(m.error, action, params));
        return;
      case "state":
        this.selfIds = m.selfIds;
        if (m.state.kind === "disconnected") this.lastReason = m.state.reason;
        this.sink.onState(m.state);
        return;
      case "log":
        if (m.fields) this.sink.onLog(m.level, m.message, m.fields);
        else this.sink.onLog(m.level, m.message);
        return;
      case "started":
        this.boundPort = m.listenPort;
        if (this.startTimer) clearTimeout(this.startTimer);
        this.finishStart();
        return;
      case "start-failed":
        this.failStart(fromWireError(m.error, "start", undefined));
        return;
    }
  };

  private onQuickEvent(raw: string, selfId: SelfId | undefined, qid: number): void {
    const answer = (op: string | undefined): void => {
      if (!this.stopping) this.outbox.command({ t: "quick", qid, op });
    };
    const event = routeFrame(raw, this.calls, this.frameLog);
    if (event === undefined) {
      answer(undefined);
      return;
    }
    let r: ReturnType<IoSink["onEvent"]> | undefined;
    try {
      r = this.sink.onEvent(event, selfId);
    } catch (e) {
      this.sink.onLog("error", `event handler failed: ${String(e)}`);
    }
    Promise.resolve(r).then(
      (op) => answer(op ? JSON.stringify(op) : undefined),
      (e: unknown) => {
        this.sink.onLog("error", `event handler failed: ${String(e)}`);
        answer(undefined);
      },
    );
  }

  private finishStart(error?: Error): void {
    const w = this.startWaiter;
    if (!w) return;
    this.startWaiter = undefined;
    if (error) w.reject(error);
    else w.resolve();
  }

  private failStart(error: Error): void {
    if (!this.startWaiter) return;
    const w = this.startWaiter;
    this.startWaiter = undefined;
    if (this.startTimer) clearTimeout(this.startTimer);
    void this.stop().then(() => w.reject(error));
  }

  private rejectAll(reason: string): void {
    const make = (action: string) => new TransportError(`${reason} while "${action}" was waiting`);
    this.calls.rejectAll(make);
    this.links.clear();
  }

  private onWorkerDeath(reason: string): void {
    if (this.stopping) return;
    this.sink.onLog("error", reason);
    if (this.thread) Atomics.store(this.thread.shared, SLOT_CONNECTED, 0);
    this.outbox.clear();
    this.rejectAll(reason);
    this.sink.onState({ kind: "disconnected", reason, willRetry: false });
    this.failStart(new TransportError(reason));
  }
}
