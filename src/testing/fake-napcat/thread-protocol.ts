/**
 * The messages between the worker-backed fake's main-thread handle
 * (./threaded.ts) and its worker (./worker.ts). Two channels:
 *
 * - the worker's own port carries commands and their results ({@link ToFakeWorker},
 *   {@link FromFakeWorker});
 * - a dedicated records port carries every recorded call and pushed event
 *   ({@link FakeRecord}), in order. The worker posts a call's record before it
 *   answers the call, and the handle drains this port synchronously
 *   (`receiveMessageOnPort`) before it reads or clears its call list.
 *
 * Everything here is plain data (structured-cloned by `postMessage`).
 *
 * @module
 */
import type { MessagePort } from "node:worker_threads";
import type { FakeEventPayload } from "./events.js";
import type { WorldSnapshot } from "./snapshot.js";
import type {
  FakeMessagePayload,
  FakeNapCatOptions,
  RecordedCall,
  RequestFriendOptions,
  RequestGroupJoinOptions,
  SayOptions,
} from "./types.js";

/** `workerData` of the fake's worker. */
export interface FakeWorkerInit {
  /** The (plain-data) options of `startFakeNapCat`. */
  options: FakeNapCatOptions;
  /** Where the worker posts every {@link FakeRecord} (transferred to the worker). */
  records: MessagePort;
}

/** One recorded call or pushed event, posted on the records port. */
export type FakeRecord =
  /** An action call was recorded (posted before the fake answers it). */
  | { kind: "call"; call: RecordedCall }
  /** An event was pushed to connections. */
  | { kind: "event"; event: FakeEventPayload };

/** Commands the handle sends and what each one answers. */
export interface FakeCommands {
  say: { input: SayOptions; output: FakeMessagePayload };
  requestFriend: { input: RequestFriendOptions; output: FakeEventPayload };
  requestGroupJoin: { input: RequestGroupJoinOptions; output: FakeEventPayload };
  getWorld: { input: undefined; output: WorldSnapshot };
  stop: { input: undefined; output: undefined };
}

/** A command name. */
export type FakeCommandName = keyof FakeCommands;

/** An error as it crosses the thread boundary. */
export interface WireFailure {
  name: string;
  message: string;
  /** OneBot retcode when the failure is a `FakeActionError`. */
  retcode?: number;
}

/** Main thread -> worker. */
export type ToFakeWorker =
  | {
      [K in FakeCommandName]: {
        kind: "command";
        id: number;
        name: K;
        input: FakeCommands[K]["input"];
      };
    }[FakeCommandName]
  /** Fire-and-forget: push an event (validated on the main thread). */
  | { kind: "emit"; event: FakeEventPayload }
  /** Forget the calls the worker's own log holds (the handle forgets its copy itself). */
  | { kind: "clearCalls" };

/** Worker -> main thread. */
export type FromFakeWorker =
  /** Servers are listening. */
  | { kind: "ready"; wsUrl: string; apiWsUrl: string; httpUrl: string; selfId: number }
  /** Starting failed (e.g. a port in use); the worker then exits. */
  | { kind: "startFailed"; error: WireFailure }
  /** A command's answer. */
  | { kind: "result"; id: number; ok: true; value: unknown }
  | { kind: "result"; id: number; ok: false; error: WireFailure };

/** Turns anything thrown into a {@link WireFailure}. */
export function toWireFailure(error: unknown): WireFailure {
  if (error instanceof Error) {
    const failure: WireFailure = { name: error.name, message: error.message };
    const retcode = (error as { retcode?: unknown }).retcode;
    if (typeof retcode === "number") failure.retcode = retcode;
    return failure;
  }
  return { name: "Error", message: String(error) };
}
