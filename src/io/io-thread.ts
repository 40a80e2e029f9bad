/**
 * The two ends of a Sync call across a thread boundary, shared by both uses of an
 * I/O worker (the server modes' I/O thread and the client modes' Sync connection):
 *
 * - {@link spawnIoThread} starts the worker with its shared slots and its sync port;
 * - {@link waitForSyncAnswer} is the main thread's one blocking wait (`Atomics.wait`
 *   on the answer counter, then `receiveMessageOnPort`);
 * - {@link postSyncAnswer} is the worker's one way to answer it.
 *
 * @module
 */
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";
import { ActionTimeoutError } from "../errors.js";
import {
  fromWireError,
  type Outcome,
  SLOT_SYNC,
  type SyncAnswer,
  type WorkerInit,
} from "./wire.js";
import { resolveWorkerSpec } from "./worker-path.js";

/**
 * Young-generation cap of an I/O worker's V8 heap (`resourceLimits.maxYoungGenerationSizeMb`).
 * It allocates little and briefly: a small young generation keeps its heap from
 * growing under load (measured: -9 MB peak RSS, no CPU cost).
 */
const IO_YOUNG_GENERATION_MB = 1;

/** A started I/O worker as the main thread sees it. */
export interface IoThread {
  readonly worker: Worker;
  /** Where the worker's Sync answers arrive (read with `receiveMessageOnPort`). */
  readonly port: MessagePort;
  /** `[SLOT_SYNC]` counts answers posted, `[SLOT_CONNECTED]` says whether a call can go out now. */
  readonly shared: Int32Array;
}

/** Starts the I/O worker (`io/worker.ts`) with `init` plus its sync port and shared slots. */
export function spawnIoThread(init: Omit<WorkerInit, "syncPort" | "shared">): IoThread {
  const sharedBuffer = new SharedArrayBuffer(8);
  const { port1, port2 } = new MessageChannel();
  const spec = resolveWorkerSpec();
  const workerData: WorkerInit = { ...init, syncPort: port2, shared: sharedBuffer };
  const worker = new Worker(spec.script, {
    eval: spec.eval,
    workerData,
    transferList: [port2],
    resourceLimits: { maxYoungGenerationSizeMb: IO_YOUNG_GENERATION_MB },
  });
  return { worker, port: port1, shared: new Int32Array(sharedBuffer) };
}

/** The answer counter now: read it BEFORE posting a request, then pass it to {@link waitForSyncAnswer}. */
export function syncAnswersSeen(thread: IoThread): number {
  return Atomics.load(thread.shared, SLOT_SYNC);
}

/**
 * Blocks this thread until the worker answers Sync call `seq`, or until `giveUpAt`
 * (`Date.now()` clock). Answers to earlier calls that timed out are skipped.
 *
 * @param seen what {@link syncAnswersSeen} returned before the request was posted.
 * @returns the answer's `data`.
 * @throws the answer's error rebuilt with the caller's `action` and `params`, or
 *   `ActionTimeoutError` (`timeoutMs`) at `giveUpAt`.
 */
export function waitForSyncAnswer(
  thread: IoThread,
  seq: number,
  seen: number,
  giveUpAt: number,
  action: string,
  params: unknown,
  timeoutMs: number,
): unknown {
  const { shared, port } = thread;
  for (;;) {
    const remaining = giveUpAt - Date.now();
    if (remaining > 0) Atomics.wait(shared, SLOT_SYNC, seen, remaining);
    seen = Atomics.load(shared, SLOT_SYNC);
    for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
      const answer = m.message as SyncAnswer;
      if (answer.seq !== seq) continue; // late answer to an earlier, timed-out Sync call
      if (answer.ok) return answer.data;
      throw fromWireError(answer.error, action, params);
    }
    if (Date.now() >= giveUpAt) throw new ActionTimeoutError(action, timeoutMs);
  }
}

/** Worker side: answers Sync call `seq` and wakes the blocked main thread. */
export function postSyncAnswer(
  syncPort: MessagePort,
  shared: Int32Array,
  seq: number,
  outcome: Outcome,
): void {
  const answer: SyncAnswer = { seq, ...outcome };
  syncPort.postMessage(answer);
  Atomics.add(shared, SLOT_SYNC, 1);
  Atomics.notify(shared, SLOT_SYNC);
}
