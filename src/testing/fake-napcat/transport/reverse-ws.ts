/**
 * NapCat's reverse WebSocket client: connects to the bot's server with
 * `Authorization: Bearer <token>`, `X-Self-ID` and `X-Client-Role: Universal`,
 * sends `lifecycle.connect`, answers API calls, carries events and heartbeats,
 * and reconnects after a close (NapCat waits 5 s).
 *
 * @module
 */
import WebSocket from "ws";
import { lifecycleEvent } from "../events.js";
import type { Hub } from "../hub.js";
import type { FakeReverseOptions } from "../types.js";
import { serveApi, wsSink } from "./ws-server.js";

/** A running reverse-WS client. */
export interface ReverseHandle {
  /** Connections opened so far (reconnects included). */
  readonly connects: () => number;
  close(): Promise<void>;
}

/** Starts connecting to `options.url`, forever until `close()`. */
export function startReverseWs(hub: Hub, options: FakeReverseOptions): ReverseHandle {
  const interval = options.reconnectIntervalMs ?? 5000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let socket: WebSocket | undefined;
  let connects = 0;

  const connect = (): void => {
    const headers: Record<string, string> = {
      "X-Self-ID": String(hub.world.selfId),
      "X-Client-Role": "Universal",
      "User-Agent": "OneBot/11",
    };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    const ws = new WebSocket(options.url, { headers });
    socket = ws;
    const sink = wsSink(ws);
    ws.on("open", () => {
      connects += 1;
      serveApi(hub, ws, "reverse-ws");
      hub.sinks.add(sink);
      ws.send(JSON.stringify(lifecycleEvent(hub.world)));
    });
    ws.on("error", () => {
      // A 'close' always follows; the reconnect is scheduled there.
    });
    ws.on("close", () => {
      hub.sinks.delete(sink);
      if (!stopped) timer = setTimeout(connect, interval);
    });
  };
  connect();

  return {
    connects: () => connects,
    close: () =>
      new Promise<void>((resolve) => {
        stopped = true;
        if (timer) clearTimeout(timer);
        const ws = socket;
        if (!ws || ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once("close", () => resolve());
        ws.terminate();
      }),
  };
}
