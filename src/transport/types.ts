/**
 * The one interface every transport (forward WS, reverse WS, HTTP) implements, and
 * the words it reports in (accounts, connection states, log levels). A transport
 * knows sockets and envelopes, never the meaning of events.
 *
 * @module
 */

/** Which NapCat account an event or connection belongs to (from `self_id` / `X-Self-ID`). */
export type SelfId = number | string;

/** Connection state changes reported by a transport (and passed on by the I/O layer). */
export type ConnectionState =
  | { kind: "connecting"; attempt: number }
  | { kind: "connected"; selfId?: SelfId }
  | { kind: "disconnected"; reason: string; willRetry: boolean; retryInMs?: number }
  | { kind: "stopped" };

/** Log levels a transport may report at. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/**
 * Callbacks a transport reports to: the client-mode engine (forward WS, HTTP + SSE),
 * the I/O worker (reverse WS, HTTP POST), the Sync API connection's worker, or a test.
 */
export interface TransportHooks {
  /**
   * One frame, exactly as received and never parsed here: JSON text, or its UTF-8
   * bytes (the WebSocket transports pass the socket's bytes on; whoever parses the
   * frame decodes them: the client-mode engine, or the I/O worker, which decodes to
   * text to post it to the main thread). Everything that is not an answer to a call this transport made
   * itself arrives here: events, and answers to frames sent with
   * {@link Transport.sendFrames}.
   * `reply` is only given by receivers that can answer with a OneBot quick operation
   * (HTTP POST): call it once with the JSON text of the operation, or `undefined`.
   */
  onFrame(
    raw: string | Buffer,
    selfId: SelfId | undefined,
    reply?: (operationJson: string | undefined) => void,
  ): void;
  /** Connection state changes. */
  onState(state: ConnectionState): void;
  /**
   * A connection ("link") that {@link Transport.sendFrames} can write to came up or
   * went down. Reported before the matching `connected` / `disconnected` state.
   * Only the WebSocket transports have links.
   */
  onLink?(change: LinkChange): void;
  /** Diagnostics; never contains a token or secret. */
  onLog(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/** A WebSocket connection that came up or went down (see {@link TransportHooks.onLink}). */
export interface LinkChange {
  /** Id of the connection, unique within one transport. */
  link: number;
  /** The NapCat account on it (forward WS: from `get_login_info`; reverse WS: `X-Self-ID`). */
  selfId: SelfId | undefined;
  /** True when it can be written to from now on; false when it is gone. */
  up: boolean;
  /** Why it went down (when `up` is false). */
  reason?: string;
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
  /**
   * Writes ready-made request frames on link `link` (WebSocket transports only).
   * Their answers arrive through `onFrame` like events: the caller correlates them.
   * Returns false (nothing sent) when that link is gone; its `onLink` down report
   * tells the caller to fail the calls.
   */
  sendFrames?(link: number, frames: readonly string[]): boolean;
  /**
   * Writes out at once what {@link Transport.sendFrames} holds back until the end of
   * the tick (called before the thread blocks in a Sync call, so the order is kept).
   */
  flushWrites?(): void;
  /** A heartbeat event with this `interval` (ms) was seen on link `link` (arms the watchdog). */
  learnHeartbeat?(link: number, intervalMs: number): void;
}
