/**
 * A transport's own call over a WebSocket (Sync calls on the I/O thread, the login
 * probe): registered in the connection's pending calls, sent as one request frame.
 *
 * @module
 */
import type WebSocket from "ws";
import { TransportError } from "../errors.js";
import { requestFrame } from "./frames.js";
import type { PendingCalls } from "./pending-calls.js";

/**
 * Sends `action` on `ws` and returns the promise of its answer, settled through
 * `pending` (answer, timeout, or the connection's loss); a failed write rejects it
 * with `TransportError`.
 */
export function callOverWebSocket(
  ws: WebSocket,
  pending: PendingCalls,
  action: string,
  paramsJson: string,
  timeoutMs: number,
): Promise<unknown> {
  const id = pending.nextId();
  const promise = pending.wait(id, action, timeoutMs);
  ws.send(requestFrame(action, paramsJson, pending.echo(id)), (error) => {
    if (error)
      pending.reject(
        id,
        () => new TransportError(`could not send "${action}": ${error.message}`, { cause: error }),
      );
  });
  return promise;
}
