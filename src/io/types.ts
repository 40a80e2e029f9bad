/**
 * The contract between the I/O layer and the layers above it (api/, client/).
 * api/ only needs {@link ActionCaller}; client/ drives an {@link IoBridge}.
 *
 * @module
 */

/** Per-call options accepted by every action call. */
export interface CallOptions {
  /** Overrides the bot's `apiTimeoutMs` for this one call. */
  timeoutMs?: number;
  /**
   * Which NapCat account runs the call when several are connected (reverse WebSocket
   * with several accounts). Omitted: the only, or first, connected account.
   */
  selfId?: SelfId;
}

/**
 * Turns an action's `data` into what a method returns (e.g. the `message_id` of a
 * send). A throw rejects the call's promise with that error.
 */
export type ResultMapper = (data: unknown) => unknown;

/**
 * Something that can run a NapCat action and hand back its `data`.
 *
 * - `call` resolves to the response's `data` (or to `mapResult(data)` when given:
 *   the same as `.then(mapResult)`, one promise and one microtask fewer per call) or
 *   rejects with `ActionFailedError`, `ActionTimeoutError`, `NotConnectedError` or
 *   `TransportError`.
 * - `callSync` blocks the calling thread and returns / throws exactly the same.
 */
export interface ActionCaller {
  call(
    action: string,
    params?: object,
    options?: CallOptions,
    mapResult?: ResultMapper,
  ): Promise<unknown>;
  callSync(action: string, params?: object, options?: CallOptions): unknown;
}

/** Which NapCat account an event or connection belongs to (from `self_id` / `X-Self-ID`). */
export type SelfId = number | string;

/** Connection state changes reported by the I/O layer. */
export type ConnectionState =
  | { kind: "connecting"; attempt: number }
  | { kind: "connected"; selfId?: SelfId }
  | { kind: "disconnected"; reason: string; willRetry: boolean; retryInMs?: number }
  | { kind: "stopped" };
