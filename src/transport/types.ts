/**
 * The one interface every transport (forward WS, reverse WS, HTTP) implements.
 * A transport knows sockets and envelopes, never the meaning of events.
 *
 * @module
 */
import type { ConnectionState, SelfId } from "../io/types.js";

/** Log levels a transport may report at. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/**
 * Callbacks a transport reports to (the I/O worker in production, a test directly).
 */
export interface TransportHooks {
  /**
   * One event frame, raw JSON text exactly as received (never parsed for events).
   * `reply` is only given by receivers that can answer with a OneBot quick operation
   * (HTTP POST): call it once with the JSON text of the operation, or `undefined`.
   */
  onFrame(
    raw: string,
    selfId: SelfId | undefined,
    reply?: (operationJson: string | undefined) => void,
  ): void;
  /** Connection state changes. */
  onState(state: ConnectionState): void;
  /** Diagnostics; never contains a token or secret. */
  onLog(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/** A connection to NapCat, in any mode. */
export interface Transport {
  /**
   * Opens the connection / starts listening. Resolves when ready to receive
   * (see each class for what that means); rejects with `ConfigError` or
   * `TransportError` when retrying cannot help.
   */
  start(): Promise<void>;
  /** Closes everything; rejects pending calls with `TransportError`; idempotent. */
  stop(): Promise<void>;
  /**
   * Runs one NapCat action. `paramsJson` is the JSON text of the params object.
   * Resolves to the response's `data`; rejects with `ActionFailedError` (its `params`
   * left `undefined`: the caller knows them), `ActionTimeoutError`,
   * `NotConnectedError`, `TransportError` or `ConfigError` (rejected token).
   */
  call(action: string, paramsJson: string, timeoutMs: number, selfId?: SelfId): Promise<unknown>;
  /** Whether a call for this account (default: any) could be sent right now. */
  isConnected(selfId?: SelfId): boolean;
  /** Port of the server this transport listens on (reverse WS, HTTP POST), if any. */
  listenPort?(): number | undefined;
  /** Accounts currently connected (reverse WS may have several). */
  connectedSelfIds(): SelfId[];
}
