/**
 * Messages between the test's thread and the thread running the fake NapCat.
 *
 * @module
 */
import type { MessagePort } from "node:worker_threads";
import type { FakeEventPayload, FakeNapCatOptions, RecordedCall } from "../fake-napcat/index.js";

/** `workerData` of the fake's thread. */
export interface FakeThreadData {
  /** Marks the data as ours (the entry module checks it before starting). */
  ncatbotFakeThread: true;
  options: FakeNapCatOptions;
  /** Every call and event is posted here, in order, before the fake answers the call. */
  records: MessagePort;
}

/** One call or event, posted on the records port. */
export type FakeRecord =
  | { kind: "call"; call: RecordedCall }
  | { kind: "event"; event: FakeEventPayload };

/** A request from the test's thread. */
export type FakeRequest =
  | { id: number; op: "say"; arg: unknown }
  | { id: number; op: "requestFriend"; arg: unknown }
  | { id: number; op: "requestGroupJoin"; arg: unknown }
  | { id: number; op: "emit"; arg: unknown }
  | { id: number; op: "clearCalls"; arg?: undefined }
  | { id: number; op: "getWorld"; arg?: undefined }
  | { id: number; op: "stop"; arg?: undefined };

/** An error crossing the thread boundary. */
export interface SerializedError {
  name: string;
  message: string;
  retcode?: number;
}

/** What the fake's thread posts on its parent port. */
export type FakeReply =
  | { kind: "ready"; wsUrl: string; apiWsUrl: string; httpUrl: string; selfId: number }
  | { kind: "start-failed"; error: SerializedError }
  | { kind: "result"; id: number; value: unknown }
  | { kind: "error"; id: number; error: SerializedError };

/** Turns any thrown value into a {@link SerializedError}. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const retcode = (error as { retcode?: unknown }).retcode;
    return {
      name: error.name,
      message: error.message,
      ...(typeof retcode === "number" ? { retcode } : {}),
    };
  }
  return { name: "Error", message: String(error) };
}

/** Rebuilds an Error from a {@link SerializedError} (keeps `name` and `retcode`). */
export function deserializeError(data: SerializedError): Error {
  const error = new Error(data.message);
  error.name = data.name;
  if (data.retcode !== undefined) Object.assign(error, { retcode: data.retcode });
  return error;
}
