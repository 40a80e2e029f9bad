/**
 * The Sync API connection of the client-mode engine: a worker thread that owns a
 * SECOND, API-only connection to NapCat and answers Sync calls while the main
 * thread blocks in `Atomics.wait`. Started lazily by the first Sync call, so a bot
 * that only uses async calls never starts a thread (saves ~10-15 MB and the
 * thread's wake-ups).
 *
 * - forward WebSocket: connects to NapCat's `/api` path ({@link apiOnlyUri}), which
 *   carries API calls only: no events, no lifecycle, no heartbeat.
 * - HTTP: the worker makes the HTTP request itself (no event receiver there).
 *
 * @module
 */
import type { LogLevel } from "../transport/types.js";
import { readInbound } from "./batch.js";
import { type IoThread, spawnIoThread, syncAnswersSeen, waitForSyncAnswer } from "./io-thread.js";
import type { NormalizedIoOptions } from "./options.js";
import type { SelfId } from "./types.js";
import {
  type Control,
  type InboundBatch,
  SIDE_CLOSED,
  SLOT_CONNECTED,
  SYNC_MARGIN_MS,
} from "./wire.js";

let started = 0;

/**
 * How many Sync API worker threads this process has started so far. For tests
 * and diagnostics: a bot that never makes a Sync call leaves it unchanged.
 */
export function syncWorkersStarted(): number {
  return started;
}

/**
 * NapCat's API-only WebSocket endpoint for a forward WebSocket URI: `api` resolved
 * against the URI with a trailing slash, query (e.g. `access_token`) kept.
 *
 * @example
 * ```ts
 * apiOnlyUri("ws://h:3001");        // "ws://h:3001/api"
 * apiOnlyUri("ws://h/napcat/");     // "ws://h/napcat/api"
 * ```
 */
export function apiOnlyUri(uri: string): string {
  const u = new URL(uri);
  if (!u.pathname.endsWith("/")) u.pathname = `${u.pathname}/`;
  const api = new URL("api", u);
  api.search = u.search;
  return api.toString();
}

/** Where the Sync API connection reports its diagnostics (never a token). */
export type SideChannelLog = (
  level: LogLevel,
  message: string,
  fields?: Record<string, unknown>,
) => void;

interface Running extends IoThread {
  /** Settles when the thread has exited. */
  readonly exited: Promise<void>;
}

/**
 * Owns the Sync API worker: starts it on the first {@link SyncApiConnection.call},
 * starts a new one when the previous one gave up (its connection could not be
 * restored under the reconnect policy), ends it on {@link SyncApiConnection.stop}.
 */
export class SyncApiConnection {
  #running: Running | undefined;
  #seq = 0;
  #stopped = false;

  /**
   * @param options the bot's I/O options (forward WS or HTTP); the worker derives
   *   the API-only connection from them.
   * @param log receives the worker's diagnostics.
   * @param onFrame receives, as text, any frame the API-only connection got that
   *   is not an answer (real NapCat sends none on `/api`; see sync-api-thread.ts).
   */
  constructor(
    private readonly options: NormalizedIoOptions,
    private readonly log: SideChannelLog,
    private readonly onFrame: (text: string) => void,
  ) {}

  /** True once a worker thread is running. */
  get started(): boolean {
    return this.#running !== undefined;
  }

  /**
   * Runs one action over the API-only connection and blocks this thread until it
   * answers. The first call pays the worker's start (tens of ms) and its connection,
   * which may take up to `startTimeoutMs`; the action's own `timeoutMs` starts once
   * the request is sent, so connecting never turns into an ActionTimeoutError.
   *
   * @returns the answer's `data`.
   * @throws ActionFailedError, ActionTimeoutError, TransportError (the Sync API connection
   *   could not connect: the message names the `/api` URL, never the token),
   *   ConfigError, NotConnectedError.
   */
  call(
    action: string,
    params: unknown,
    paramsJson: string,
    timeoutMs: number,
    selfId: SelfId | undefined,
  ): unknown {
    const r = this.#ensure();
    this.#seq += 1;
    const seq = this.#seq;
    const connected = Atomics.load(r.shared, SLOT_CONNECTED) === 1;
    const connectBy = Date.now() + (connected ? 0 : this.options.startTimeoutMs);
    const seen = syncAnswersSeen(r);
    r.worker.postMessage({
      t: "sync",
      seq,
      action,
      params: paramsJson,
      timeoutMs,
      selfId,
      connectBy,
    });
    const giveUpAt = connectBy + timeoutMs + SYNC_MARGIN_MS;
    return waitForSyncAnswer(r, seq, seen, giveUpAt, action, params, timeoutMs);
  }

  /** Ends the worker and its connection; idempotent. */
  async stop(): Promise<void> {
    this.#stopped = true;
    const r = this.#running;
    this.#running = undefined;
    if (r) await this.#end(r);
  }

  #ensure(): Running {
    const current = this.#running;
    if (current && Atomics.load(current.shared, SLOT_CONNECTED) !== SIDE_CLOSED) return current;
    if (current) {
      // It gave up for good: let it go and start afresh (a reconnect of its own).
      this.#running = undefined;
      void this.#end(current);
    }
    if (this.#stopped) throw new Error("the Sync API connection was stopped");
    const thread = spawnIoThread({ options: this.options, apiOnly: true });
    const { worker, port: port1, shared } = thread;
    started += 1;
    // The main connection keeps the process alive; this thread never should.
    worker.unref();
    port1.unref();
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    const running: Running = { ...thread, exited };
    worker.on("message", (batch: InboundBatch) =>
      readInbound(batch, this.onFrame, (m: Control) => {
        if (m.t === "log") this.log(m.level, `Sync API connection: ${m.message}`, m.fields);
      }),
    );
    worker.on("error", (error) => {
      this.log("error", `the Sync API connection crashed: ${error.message}`);
      Atomics.store(shared, SLOT_CONNECTED, SIDE_CLOSED);
    });
    worker.on("exit", () => Atomics.store(shared, SLOT_CONNECTED, SIDE_CLOSED));
    this.#running = running;
    return running;
  }

  async #end(r: Running): Promise<void> {
    try {
      r.worker.postMessage({ t: "stop" });
    } catch {
      // already gone
    }
    const force = setTimeout(() => void r.worker.terminate(), 2000);
    await r.exited;
    clearTimeout(force);
    r.port.close();
  }
}
