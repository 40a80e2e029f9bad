/**
 * The I/O thread: owns the transport (sockets, timers, its own pending calls for
 * Sync calls) and talks to the main thread over its parent port, in batches both ways
 * (see batch.ts), plus a dedicated sync port for Sync answers (with `Atomics.notify`).
 *
 * Runs the server modes (reverse WebSocket, HTTP + HTTP POST). The hot path does no
 * JSON work here: frames are decoded to text and posted to the main thread unparsed
 * (it parses them once, settles its own async calls and dispatches events), and
 * request frames built by the main thread are only written to the socket. Only the
 * answers to this thread's own calls (Sync calls, marked `ncb:s`) are parsed here.
 * User code never runs here, so a Sync call cannot deadlock.
 *
 * The same entry also runs the Sync API connection of the main-thread
 * engine (`workerData.apiOnly`, see sync-api-thread.ts).
 *
 * Built by tsup as its own entry `io-worker` (dist/io-worker.js / .cjs).
 *
 * @module
 */
import { isMainThread, type MessagePort, parentPort, workerData } from "node:worker_threads";
import { PendingCalls } from "../transport/pending-calls.js";
import type { Transport } from "../transport/types.js";
import { InboundBatcher } from "./batch.js";
import { postSyncAnswer } from "./io-thread.js";
import { runSyncApiConnection } from "./sync-api-thread.js";
import { createTransport } from "./transports.js";
import type { SelfId } from "./types.js";
import {
  type Command,
  type OutboundBatch,
  type Outcome,
  SLOT_CONNECTED,
  type SyncRequest,
  toWireError,
  type WorkerInit,
} from "./wire.js";

/** Sentinel for "no account announced yet" (distinct from an `undefined` self id). */
const NOBODY: unique symbol = Symbol("nobody");

function run(port: MessagePort, init: WorkerInit): void {
  const shared = new Int32Array(init.shared);
  const out = new InboundBatcher((batch) => port.postMessage(batch));
  let lastSelf: SelfId | undefined | typeof NOBODY = NOBODY;
  /** HTTP POST events waiting for the main thread's quick operation (the receiver bounds the wait). */
  const quick = new PendingCalls();
  let transport: Transport | undefined;

  const syncConnected = (): void => {
    Atomics.store(shared, SLOT_CONNECTED, transport?.isConnected() ? 1 : 0);
  };

  transport = createTransport(init.options, {
    onFrame(raw, selfId, reply) {
      if (reply) {
        const qid = quick.nextId();
        void quick
          .wait(qid, "quick operation", Number.POSITIVE_INFINITY)
          .then((op) => reply(op as string | undefined));
        const text = typeof raw === "string" ? raw : raw.toString("utf8");
        out.control({ t: "event", raw: text, selfId, qid });
        return;
      }
      if (selfId !== lastSelf) {
        lastSelf = selfId;
        out.control({ t: "self", selfId });
      }
      out.frame(typeof raw === "string" ? raw : raw.toString("utf8"));
    },
    onLink(change) {
      out.control({
        t: "link",
        link: change.link,
        selfId: change.selfId,
        up: change.up,
        reason: change.reason,
      });
    },
    onState(state) {
      syncConnected();
      out.control({ t: "state", state, selfIds: transport?.connectedSelfIds() ?? [] });
    },
    onLog(level, message, fields) {
      out.control({ t: "log", level, message, fields });
    },
  });
  const t: Transport = transport;

  const outcome = (
    action: string,
    params: string,
    timeoutMs: number,
    selfId: SelfId | undefined,
  ): Promise<Outcome> =>
    t.call(action, params, timeoutMs, selfId).then(
      (data): Outcome => ({ ok: true, data }),
      (error: unknown): Outcome => ({ ok: false, error: toWireError(error) }),
    );

  const answerSync = (req: SyncRequest): void => {
    void outcome(req.action, req.params, req.timeoutMs, req.selfId).then((o) =>
      postSyncAnswer(init.syncPort, shared, req.seq, o),
    );
  };

  const command = (m: Command): void => {
    switch (m.t) {
      case "to":
        return;
      case "call":
        void outcome(m.action, m.params, m.timeoutMs, m.selfId).then((o) => {
          out.control({ t: "result", id: m.id, ...o });
        });
        return;
      case "sync":
        answerSync(m);
        return;
      case "quick": {
        quick.resolve(m.qid, m.op);
        return;
      }
      case "stop":
        void t.stop().finally(() => {
          Atomics.store(shared, SLOT_CONNECTED, 0);
          out.flush();
          init.syncPort.close();
          port.close();
        });
        return;
    }
  };

  // Frames of one link are written together; a link that is gone drops its frames
  // (the main thread fails those calls when it reads the link's down report).
  const frames: string[] = [];
  let link = -1;
  const sendFrames = (): void => {
    if (frames.length === 0) return;
    t.sendFrames?.(link, frames);
    frames.length = 0;
  };

  port.on("message", (batch: OutboundBatch) => {
    for (const item of batch) {
      if (typeof item === "string") {
        frames.push(item);
        continue;
      }
      sendFrames();
      if (item.t === "to") link = item.link;
      command(item);
    }
    sendFrames();
    link = -1;
  });

  t.start().then(
    () => {
      syncConnected();
      out.control({ t: "started", listenPort: t.listenPort?.() });
    },
    (error: unknown) => out.control({ t: "start-failed", error: toWireError(error) }),
  );
}

if (!isMainThread && parentPort) {
  const init = workerData as WorkerInit;
  if (init.apiOnly) runSyncApiConnection(parentPort, init);
  else run(parentPort, init);
}
