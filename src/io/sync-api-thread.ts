/**
 * The worker side of the Sync API connection (see sync-api-connection.ts): an API-only
 * connection that answers Sync calls on the sync port and forwards no events.
 *
 * - forward WebSocket: a {@link ForwardWsTransport} to NapCat's `/api` path (no
 *   probe, no heartbeat watchdog: `/api` sends neither events nor heartbeats);
 *   it reconnects under the bot's reconnect policy.
 * - HTTP: each call is one request from here ({@link HttpApiClient}).
 *
 * NapCat's `/api` sends no events. A server that does anyway (e.g. one that
 * ignores the path, like the shared load generator) still loses none: such frames
 * are passed to the main thread as text, batched per turn, and dispatched there.
 *
 * A call that arrives before the connection is up waits for it until the call's
 * connection deadline (`startTimeoutMs`), then fails with a `TransportError` naming the URL (never the token).
 * When the connection is lost for good, {@link SLOT_CONNECTED} becomes
 * {@link SIDE_CLOSED} and every later call gets the reason; the main thread then
 * starts a fresh Sync API connection for its next call.
 *
 * @module
 */
import type { MessagePort } from "node:worker_threads";
import { ActionTimeoutError, TransportError } from "../errors.js";
import { badTokenError, redactUrl } from "../transport/errors-explain.js";
import { ForwardWsTransport } from "../transport/forward-ws.js";
import { frameText, mayBeBadToken, parseObject } from "../transport/frames.js";
import { HttpApiClient } from "../transport/http-api.js";
import { PendingCalls } from "../transport/pending-calls.js";
import type { LogLevel } from "../transport/types.js";
import { InboundBatcher } from "./batch.js";
import { postSyncAnswer } from "./io-thread.js";
import { apiOnlyUri } from "./sync-api-connection.js";
import type { SelfId } from "./types.js";
import {
  type Command,
  type Control,
  type Outcome,
  SIDE_CLOSED,
  SLOT_CONNECTED,
  type SyncRequest,
  toWireError,
  type WireError,
  type WorkerInit,
} from "./wire.js";

/** The part of a transport the Sync API connection uses. */
interface ApiConnection {
  call(action: string, paramsJson: string, timeoutMs: number, selfId?: SelfId): Promise<unknown>;
  isConnected(): boolean;
  stop(): Promise<void>;
}

/** Rejects held calls when the Sync API connection has ended for good, carrying why. */
class Ended extends Error {
  constructor(readonly wire: WireError) {
    super(wire.message);
  }
}

/**
 * Runs the Sync API connection in this worker until the main thread sends `stop`.
 *
 * @param port the worker's parent port (diagnostics out, Sync requests in).
 * @param init what the main thread passed as `workerData` (`apiOnly: true`).
 */
export function runSyncApiConnection(port: MessagePort, init: WorkerInit): void {
  const shared = new Int32Array(init.shared);
  const c = init.options.connection;
  /** Sync calls waiting for the connection, each until its `connectBy`. */
  const held = new PendingCalls();
  let lastProblem = "";
  let ended: WireError | undefined;

  const out = new InboundBatcher((batch) => port.postMessage(batch));
  let warnedEvents = false;
  const log = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    const m: Control = { t: "log", level, message, fields };
    out.control(m);
  };
  const answer = (seq: number, outcome: Outcome): void =>
    postSyncAnswer(init.syncPort, shared, seq, outcome);

  let target: string;
  let api: ApiConnection;
  const end = (error: WireError): void => {
    if (ended) return;
    ended = error;
    Atomics.store(shared, SLOT_CONNECTED, SIDE_CLOSED);
    held.rejectAll(() => new Ended(error));
    void api.stop();
  };

  const run = (req: SyncRequest): void => {
    api.call(req.action, req.params, req.timeoutMs, req.selfId).then(
      (data) => answer(req.seq, { ok: true, data }),
      (error: unknown) => answer(req.seq, { ok: false, error: toWireError(error) }),
    );
  };

  const flushHeld = (): void => held.resolveAll(undefined);

  const notConnected = (req: SyncRequest): WireError =>
    toWireError(
      new TransportError(
        `the Sync call "${req.action}" could not be sent: the Sync API connection (an API-only connection to ${target}) is not connected${
          lastProblem ? ` (last problem: ${lastProblem})` : ""
        }. Sync calls use this second connection; check that NapCat is running and serves it`,
      ),
    );

  if (c.mode === "forward-ws") {
    const uri = apiOnlyUri(c.uri);
    target = redactUrl(uri);
    const transport = new ForwardWsTransport(
      {
        uri,
        token: c.token,
        reconnect: init.options.reconnect,
        heartbeatTimeoutMs: 0,
        probeTimeoutMs: Math.min(init.options.apiTimeoutMs, 10_000),
        probe: false,
      },
      {
        onFrame(raw) {
          // Answers to our calls never get here; a 1403 frame means the token was refused.
          const text = frameText(raw);
          if (mayBeBadToken(text) && parseObject(text)?.echo === undefined) {
            const error = badTokenError("forward-ws", `retcode 1403 on ${target}`);
            log("error", error.message);
            end(toWireError(error));
            return;
          }
          if (!warnedEvents) {
            warnedEvents = true;
            log(
              "warn",
              `${target} sent an event although NapCat's /api carries API calls only; events from it are dispatched too`,
            );
          }
          out.frame(text);
        },
        onState(state) {
          if (ended) return;
          if (state.kind === "connected") {
            Atomics.store(shared, SLOT_CONNECTED, 1);
            flushHeld();
          } else if (state.kind === "disconnected") {
            Atomics.store(shared, SLOT_CONNECTED, 0);
            lastProblem = state.reason;
            if (!state.willRetry) end(toWireError(new TransportError(state.reason)));
          }
        },
        onLog: log,
      },
    );
    api = transport;
    transport.start().catch((error: unknown) => end(toWireError(error)));
  } else if (c.mode === "http") {
    target = redactUrl(c.apiUrl);
    const client = new HttpApiClient({ apiUrl: c.apiUrl, token: c.token });
    api = {
      call: (action, paramsJson, timeoutMs) => client.call(action, paramsJson, timeoutMs),
      isConnected: () => true,
      stop: async () => client.close(),
    };
    Atomics.store(shared, SLOT_CONNECTED, 1);
  } else {
    throw new Error("the Sync API connection serves the forward WebSocket and HTTP modes only");
  }

  const onSync = (req: SyncRequest): void => {
    if (ended) {
      answer(req.seq, { ok: false, error: ended });
      return;
    }
    if (api.isConnected()) {
      run(req);
      return;
    }
    const wait = Math.max(0, (req.connectBy ?? Date.now()) - Date.now());
    const id = held.nextId();
    held.wait(id, req.action, wait).then(
      () => run(req),
      (error: unknown) =>
        answer(req.seq, {
          ok: false,
          error:
            error instanceof Ended
              ? error.wire
              : error instanceof ActionTimeoutError
                ? notConnected(req)
                : toWireError(error),
        }),
    );
  };

  port.on("message", (m: Command) => {
    if (m.t === "sync") onSync(m);
    else if (m.t === "stop") {
      held.clear();
      void api.stop().finally(() => {
        Atomics.store(shared, SLOT_CONNECTED, SIDE_CLOSED);
        init.syncPort.close();
        port.close();
      });
    }
  });
}
