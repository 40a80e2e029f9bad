/**
 * The main-thread side of the I/O thread: starts the worker, forwards events to the
 * client in order, runs async and Sync calls through it.
 *
 * @module
 */
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";
import { ActionTimeoutError, NotConnectedError, TransportError } from "../errors.js";
import type { LogLevel } from "../transport/types.js";
import { type IoOptions, type NormalizedIoOptions, normalizeIoOptions } from "./options.js";
import type { ActionCaller, CallOptions, ConnectionState, SelfId } from "./types.js";
import {
  type FromWorker,
  fromWireError,
  type Outcome,
  SLOT_CONNECTED,
  SLOT_SYNC,
  type SyncRequest,
  type ToWorker,
  type WorkerInit,
} from "./wire.js";
import { resolveWorkerSpec } from "./worker-path.js";

/**
 * A OneBot quick operation (the JSON object NapCat's HTTP POST mode accepts as the
 * response body, e.g. `{ "reply": "hi" }` or `{ "approve": true }`).
 */
export type QuickOperation = Record<string, unknown>;

/** What the bridge reports to (the client). */
export interface IoSink {
  /**
   * One event: its raw JSON text (parse it once, here on the main thread) and the
   * account it came from. Called in arrival order. Only HTTP POST uses a resolved
   * quick operation (waited for at most ~1 s); other modes ignore the return value.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: plain (sync) handlers return nothing
  onEvent(raw: string, selfId: SelfId | undefined): void | Promise<QuickOperation | undefined>;
  /** Connection state changes. */
  onState(state: ConnectionState): void;
  /** Diagnostics from the I/O thread; never contains a token. */
  onLog(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/** Extra wait of a Sync call beyond its timeout, for the worker's own timeout to answer first. */
const SYNC_MARGIN_MS = 250;

interface AsyncCall {
  action: string;
  params: unknown;
  resolve(data: unknown): void;
  reject(error: Error): void;
}

function serializeParams(action: string, params: object): string {
  try {
    return JSON.stringify(params);
  } catch (error) {
    throw new TypeError(
      `Params of "${action}" cannot be sent as JSON (${(error as Error).message}): pass plain objects, strings, numbers and arrays only`,
    );
  }
}

/**
 * Runs the connection to NapCat in a worker thread ("the I/O thread").
 *
 * - `start()` resolves when the transport is ready to receive: forward WS once
 *   connected and the token accepted; reverse WS once listening (NapCat connects
 *   when it likes: watch `onState`); HTTP once NapCat's HTTP API answered. It
 *   rejects with `ConfigError` (e.g. rejected token) or `TransportError` when
 *   retrying cannot help, or after `startTimeoutMs`; the worker is then stopped.
 * - Calls while disconnected fail at once with `NotConnectedError` (never queued).
 * - `stop()` leaves no worker, socket or timer behind.
 */
export class IoBridge implements ActionCaller {
  /** The options with defaults filled in. */
  readonly options: NormalizedIoOptions;
  private worker: Worker | undefined;
  private syncPort: MessagePort | undefined;
  private shared: Int32Array | undefined;
  private readonly calls = new Map<number, AsyncCall>();
  private callSeq = 0;
  private syncSeq = 0;
  private eventSelf: SelfId | undefined;
  private selfIds: SelfId[] = [];
  private lastReason = "";
  private startWaiter: { resolve(): void; reject(e: Error): void } | undefined;
  private startTimer: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | undefined;
  private boundPort: number | undefined;

  constructor(
    options: IoOptions,
    private readonly sink: IoSink,
  ) {
    this.options = normalizeIoOptions(options);
  }

  /** Starts the I/O thread and the transport; see the class doc for when it resolves. */
  start(): Promise<void> {
    if (this.worker) return Promise.reject(new Error("IoBridge.start() was already called"));
    const sharedBuffer = new SharedArrayBuffer(8);
    this.shared = new Int32Array(sharedBuffer);
    const { port1, port2 } = new MessageChannel();
    this.syncPort = port1;
    const init: WorkerInit = { options: this.options, syncPort: port2, shared: sharedBuffer };
    const spec = resolveWorkerSpec();
    const worker = new Worker(spec.script, {
      eval: spec.eval,
      workerData: init,
      transferList: [port2],
    });
    this.worker = worker;
    worker.on("message", (m: FromWorker) => this.onMessage(m));
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
          worker.postMessage({ t: "stop" } satisfies ToWorker);
        } catch {
          // already gone
        }
        const force = setTimeout(() => void worker.terminate(), 3000);
        await exited;
        clearTimeout(force);
      }
      this.rejectAll("the bot was stopped");
      this.syncPort?.close();
      if (this.shared) Atomics.store(this.shared, SLOT_CONNECTED, 0);
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
  call(action: string, params: object = {}, options?: CallOptions): Promise<unknown> {
    const worker = this.worker;
    if (!worker || this.stopping || !this.isConnected()) {
      return Promise.reject(
        new NotConnectedError(action, worker ? this.lastReason : "the bot is not started"),
      );
    }
    let json: string;
    try {
      json = serializeParams(action, params);
    } catch (error) {
      return Promise.reject(error);
    }
    this.callSeq += 1;
    const id = this.callSeq;
    return new Promise<unknown>((resolve, reject) => {
      this.calls.set(id, { action, params, resolve, reject });
      worker.postMessage({
        t: "call",
        id,
        action,
        params: json,
        timeoutMs: options?.timeoutMs ?? this.options.apiTimeoutMs,
        selfId: options?.selfId,
      } satisfies ToWorker);
    });
  }

  /**
   * Runs a NapCat action and blocks this thread until it answers (the I/O thread
   * keeps the connection alive meanwhile; events wait in order and are delivered
   * afterwards). Returns `data` or throws exactly what {@link IoBridge.call} rejects with.
   */
  callSync(action: string, params: object = {}, options?: CallOptions): unknown {
    const port = this.syncPort;
    const shared = this.shared;
    if (!port || !shared || this.stopping || !this.isConnected()) {
      throw new NotConnectedError(action, this.worker ? this.lastReason : "the bot is not started");
    }
    const json = serializeParams(action, params);
    const timeoutMs = options?.timeoutMs ?? this.options.apiTimeoutMs;
    this.syncSeq += 1;
    const seq = this.syncSeq;
    let seen = Atomics.load(shared, SLOT_SYNC);
    port.postMessage({
      seq,
      action,
      params: json,
      timeoutMs,
      selfId: options?.selfId,
    } satisfies SyncRequest);
    const deadline = Date.now() + timeoutMs + SYNC_MARGIN_MS;
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining > 0) Atomics.wait(shared, SLOT_SYNC, seen, remaining);
      seen = Atomics.load(shared, SLOT_SYNC);
      for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
        const answer = m.message as { seq: number } & Outcome;
        if (answer.seq !== seq) continue; // late answer to an earlier, timed-out Sync call
        if (answer.ok) return answer.data;
        throw fromWireError(answer.error, action, params);
      }
      if (Date.now() >= deadline) throw new ActionTimeoutError(action, timeoutMs);
    }
  }

  private isConnected(): boolean {
    return this.shared !== undefined && Atomics.load(this.shared, SLOT_CONNECTED) === 1;
  }

  private deliver(raw: string, selfId: SelfId | undefined): void {
    try {
      const r = this.sink.onEvent(raw, selfId);
      if (r)
        r.then(undefined, (e: unknown) =>
          this.sink.onLog("error", `event handler failed: ${String(e)}`),
        );
    } catch (e) {
      this.sink.onLog("error", `event handler failed: ${String(e)}`);
    }
  }

  private onMessage(m: FromWorker): void {
    if (typeof m === "string") {
      this.deliver(m, this.eventSelf);
      return;
    }
    switch (m.t) {
      case "self":
        this.eventSelf = m.selfId;
        return;
      case "event":
        this.onQuickEvent(m.raw, m.selfId, m.qid);
        return;
      case "result": {
        const c = this.calls.get(m.id);
        if (!c) return;
        this.calls.delete(m.id);
        if (m.ok) c.resolve(m.data);
        else c.reject(fromWireError(m.error, c.action, c.params));
        return;
      }
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
  }

  private onQuickEvent(raw: string, selfId: SelfId | undefined, qid: number): void {
    let r: ReturnType<IoSink["onEvent"]> | undefined;
    try {
      r = this.sink.onEvent(raw, selfId);
    } catch (e) {
      this.sink.onLog("error", `event handler failed: ${String(e)}`);
    }
    const answer = (op: string | undefined): void => {
      if (!this.stopping) this.worker?.postMessage({ t: "quick", qid, op } satisfies ToWorker);
    };
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
    const all = [...this.calls.values()];
    this.calls.clear();
    for (const c of all) c.reject(new TransportError(`${reason} while "${c.action}" was waiting`));
  }

  private onWorkerDeath(reason: string): void {
    if (this.stopping) return;
    this.sink.onLog("error", reason);
    if (this.shared) Atomics.store(this.shared, SLOT_CONNECTED, 0);
    this.rejectAll(reason);
    this.sink.onState({ kind: "disconnected", reason, willRetry: false });
    this.failStart(new TransportError(reason));
  }
}
