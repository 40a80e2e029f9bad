/**
 * The I/O thread: owns the transport (sockets, timers, echo maps) and talks to the
 * main thread over its parent port (events, async calls, state, logs) and a
 * dedicated sync port (Sync calls, answered with `Atomics.notify`).
 * User code never runs here, so a Sync call cannot deadlock.
 *
 * Built by tsup as its own entry `io-worker` (dist/io-worker.js / .cjs).
 *
 * @module
 */
import { isMainThread, type MessagePort, parentPort, workerData } from "node:worker_threads";
import { createTransport } from "../transport/create.js";
import type { Transport } from "../transport/types.js";
import type { SelfId } from "./types.js";
import {
  type FromWorker,
  type Outcome,
  SLOT_CONNECTED,
  SLOT_SYNC,
  type SyncRequest,
  type ToWorker,
  toWireError,
  type WorkerInit,
} from "./wire.js";

function run(port: MessagePort, init: WorkerInit): void {
  const shared = new Int32Array(init.shared);
  const post = (m: FromWorker): void => port.postMessage(m);
  let lastSelf: SelfId | undefined;
  let qidSeq = 0;
  const quickWaiters = new Map<number, (op: string | undefined) => void>();
  let transport: Transport | undefined;

  const syncConnected = (): void => {
    Atomics.store(shared, SLOT_CONNECTED, transport?.isConnected() ? 1 : 0);
  };

  transport = createTransport(init.options, {
    onFrame(raw, selfId, reply) {
      if (reply) {
        qidSeq += 1;
        quickWaiters.set(qidSeq, reply);
        post({ t: "event", raw, selfId, qid: qidSeq });
        return;
      }
      if (selfId !== lastSelf) {
        lastSelf = selfId;
        post({ t: "self", selfId });
      }
      port.postMessage(raw);
    },
    onState(state) {
      syncConnected();
      post({ t: "state", state, selfIds: transport?.connectedSelfIds() ?? [] });
    },
    onLog(level, message, fields) {
      post({ t: "log", level, message, fields });
    },
  });

  const outcome = (
    action: string,
    params: string,
    timeoutMs: number,
    selfId: SelfId | undefined,
  ): Promise<Outcome> =>
    (transport as Transport).call(action, params, timeoutMs, selfId).then(
      (data): Outcome => ({ ok: true, data }),
      (error: unknown): Outcome => ({ ok: false, error: toWireError(error) }),
    );

  port.on("message", (m: ToWorker) => {
    switch (m.t) {
      case "call":
        void outcome(m.action, m.params, m.timeoutMs, m.selfId).then((o) =>
          post({ t: "result", id: m.id, ...o }),
        );
        return;
      case "quick": {
        const reply = quickWaiters.get(m.qid);
        quickWaiters.delete(m.qid);
        reply?.(m.op);
        return;
      }
      case "stop":
        void (transport as Transport).stop().finally(() => {
          Atomics.store(shared, SLOT_CONNECTED, 0);
          init.syncPort.close();
          port.close();
        });
        return;
    }
  });

  init.syncPort.on("message", (req: SyncRequest) => {
    void outcome(req.action, req.params, req.timeoutMs, req.selfId).then((o) => {
      init.syncPort.postMessage({ seq: req.seq, ...o });
      Atomics.add(shared, SLOT_SYNC, 1);
      Atomics.notify(shared, SLOT_SYNC);
    });
  });

  transport.start().then(
    () => {
      syncConnected();
      post({ t: "started", listenPort: transport?.listenPort?.() });
    },
    (error: unknown) => post({ t: "start-failed", error: toWireError(error) }),
  );
}

if (!isMainThread && parentPort) {
  run(parentPort, workerData as WorkerInit);
}
