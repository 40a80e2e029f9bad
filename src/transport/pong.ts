/**
 * Answers WebSocket pings without letting a flood of them close the connection.
 * `ws`'s automatic pong terminates a socket with more than 60 pongs waiting to be
 * written, so a burst of pings (a control-frame flood) made the bot reconnect.
 * RFC 6455 §5.5.3 lets an endpoint answer only the most recent of several pings:
 * one pong per turn of the event loop, carrying the latest ping's data.
 *
 * @module
 */
import type WebSocket from "ws";

/** `ws` options that turn its automatic pong off (see {@link answerPings}). */
export const MANUAL_PONG = { autoPong: false } as const;

/** Answers `ws`'s pings, at most one pong per event-loop turn (for the latest ping). */
export function answerPings(ws: WebSocket): void {
  let latest: Buffer | undefined;
  const send = (): void => {
    const data = latest;
    latest = undefined;
    if (data !== undefined && ws.readyState === ws.OPEN) ws.pong(data);
  };
  ws.on("ping", (data: Buffer) => {
    if (latest === undefined) setImmediate(send);
    latest = data;
  });
}
