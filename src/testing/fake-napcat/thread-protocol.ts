/**
 * The messages between the worker-backed fake's main-thread handle
 * (./threaded.ts) and its worker (./worker.ts). Everything here is plain data
 * (structured-cloned by `postMessage`).
 *
 * @module
 */
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

/** `workerData` of the fake's worker: the (plain-data) options of `startFakeNapCat`. */
export interface FakeWorkerInit {
  options: FakeNapCatOptions;
}

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
  /** Forget recorded calls; calls reported afterwards carry `epoch`. */
  | { kind: "clearCalls"; epoch: number };

/** Worker -> main thread. */
export type FromFakeWorker =
  /** Servers are listening. */
  | { kind: "ready"; wsUrl: string; apiWsUrl: string; httpUrl: string; selfId: number }
  /** Starting failed (e.g. a port in use); the worker then exits. */
  | { kind: "startFailed"; error: WireFailure }
  /** A command's answer. */
  | { kind: "result"; id: number; ok: true; value: unknown }
  | { kind: "result"; id: number; ok: false; error: WireFailure }
  /** An action call was recorded; `epoch` = the last `clearCalls` the worker processed. */
  | { kind: "call"; call: RecordedCall; epoch: number }
  /** An event was pushed to connections. */
  | { kind: "event"; event: FakeEventPayload };

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
