/**
 * Messages between the main thread and the I/O worker, and how errors cross the
 * thread boundary (as plain fields, rebuilt into the right class on the main side).
 *
 * @module
 */

import type { MessagePort } from "node:worker_threads";
import {
  ActionFailedError,
  ActionTimeoutError,
  ConfigError,
  NotConnectedError,
  TransportError,
} from "../errors.js";
import type { LogLevel } from "../transport/types.js";
import type { NormalizedIoOptions } from "./options.js";
import type { ConnectionState, SelfId } from "./types.js";

/** An error as plain, cloneable fields. */
export interface WireError {
  kind: "failed" | "timeout" | "not-connected" | "transport" | "config" | "other";
  message: string;
  retcode?: number;
  status?: string;
  napcatMessage?: string;
  wording?: string;
  echo?: unknown;
  timeoutMs?: number;
  key?: string;
  problem?: string;
  fix?: string;
}

/** What the worker receives as `workerData`. */
export interface WorkerInit {
  options: NormalizedIoOptions;
  /** Port the worker answers Sync calls on (read with `receiveMessageOnPort`). */
  syncPort: MessagePort;
  /** Int32 slots: [0] sync answer counter, [1] 1 when a call could be sent now. */
  shared: SharedArrayBuffer;
  /**
   * The Sync API connection of the client-mode engine (see sync-api-connection.ts): an
   * API-only connection that answers Sync calls and forwards no events. Its
   * {@link SLOT_CONNECTED} is {@link SIDE_CLOSED} once it gave up for good.
   */
  apiOnly?: boolean;
}

/**
 * Extra wait of a blocked Sync call beyond its timeout, so that the worker's own
 * timeout (which answers with ActionTimeoutError) arrives first.
 */
export const SYNC_MARGIN_MS = 250;

/** Index of the sync-answer counter in the shared Int32Array. */
export const SLOT_SYNC = 0;
/** Index of the "connected" flag in the shared Int32Array. */
export const SLOT_CONNECTED = 1;
/** Value of {@link SLOT_CONNECTED} when an Sync API connection has ended for good. */
export const SIDE_CLOSED = -1;

/**
 * Main -> worker commands. Request frames built by the main thread travel as bare
 * strings in the same batch (see {@link OutboundBatch}).
 */
export type Command =
  /** The frames that follow in this batch go out on this link. */
  | { t: "to"; link: number }
  /** An async call the worker runs itself (HTTP mode; the WebSocket modes send frames). */
  | {
      t: "call";
      id: number;
      action: string;
      params: string;
      timeoutMs: number;
      selfId: SelfId | undefined;
    }
  /** A Sync call: answered on the sync port, then `Atomics.notify`. */
  | ({ t: "sync" } & SyncRequest)
  /** The answer to an HTTP POST event's quick operation. */
  | { t: "quick"; qid: number; op: string | undefined }
  | { t: "stop" };

/**
 * One main -> worker message: every request frame and command of one microtask, in
 * order. A string is a request frame for the link named by the last `to` command.
 */
export type OutboundBatch = (string | Command)[];

/** A Sync call request. */
export interface SyncRequest {
  seq: number;
  action: string;
  params: string;
  timeoutMs: number;
  selfId: SelfId | undefined;
  /**
   * Sync API connection: wait for its connection until this absolute time
   * (`Date.now()` clock, shared by all threads); the call's own `timeoutMs` starts
   * once it is sent. Connecting is not part of an action's timeout.
   */
  connectBy?: number;
}

/** A call outcome (worker -> main). */
export type Outcome = { ok: true; data: unknown } | { ok: false; error: WireError };

/** The answer to Sync call `seq`, on the sync port. */
export type SyncAnswer = { seq: number } & Outcome;

/** Worker -> main reports, carried in an {@link InboundBatch} between the frames. */
export type Control =
  /** The frames that follow came from this account. */
  | { t: "self"; selfId: SelfId | undefined }
  /** A connection the main thread can send frames on came up or went down. */
  | { t: "link"; link: number; selfId: SelfId | undefined; up: boolean; reason: string | undefined }
  /** An HTTP POST event that waits for a quick operation (answered with a `quick` command). */
  | { t: "event"; raw: string; selfId: SelfId | undefined; qid: number }
  | ({ t: "result"; id: number } & Outcome)
  | { t: "state"; state: ConnectionState; selfIds: SelfId[] }
  | { t: "log"; level: LogLevel; message: string; fields: Record<string, unknown> | undefined }
  | { t: "started"; listenPort: number | undefined }
  | { t: "start-failed"; error: WireError };

/**
 * One worker -> main message: everything that happened in one turn of the worker's
 * event loop, in arrival order. A string is a frame (JSON text exactly as NapCat
 * sent it, never parsed by the worker); an object is a {@link Control} report.
 */
export type InboundBatch = (string | Control)[];

/** Flattens an error for `postMessage`. */
export function toWireError(error: unknown): WireError {
  if (error instanceof ActionFailedError) {
    return {
      kind: "failed",
      message: error.message,
      retcode: error.retcode,
      status: error.status,
      napcatMessage: error.napcatMessage,
      wording: error.wording,
      echo: error.echo,
    };
  }
  if (error instanceof ActionTimeoutError)
    return { kind: "timeout", message: error.message, timeoutMs: error.timeoutMs };
  if (error instanceof NotConnectedError) return { kind: "not-connected", message: error.message };
  if (error instanceof TransportError) return { kind: "transport", message: error.message };
  if (error instanceof ConfigError) {
    return {
      kind: "config",
      message: error.message,
      key: error.key,
      problem: error.problem,
      fix: error.fix,
    };
  }
  return { kind: "other", message: error instanceof Error ? error.message : String(error) };
}

/** Rebuilds the error class on the main thread, with the caller's `action` and `params`. */
export function fromWireError(w: WireError, action: string, params: unknown): Error {
  let e: Error;
  switch (w.kind) {
    case "failed":
      return new ActionFailedError({
        action,
        params,
        retcode: w.retcode ?? -1,
        status: w.status ?? "failed",
        napcatMessage: w.napcatMessage ?? "",
        wording: w.wording ?? "",
        echo: w.echo,
      });
    case "timeout":
      return new ActionTimeoutError(action, w.timeoutMs ?? 0);
    case "config":
      return new ConfigError(w.key ?? "?", w.problem ?? w.message, w.fix ?? "");
    case "not-connected":
      e = new NotConnectedError(action);
      break;
    case "transport":
      e = new TransportError(w.message);
      break;
    default:
      e = new TransportError(`I/O thread error: ${w.message}`);
  }
  e.message = w.message;
  return e;
}
