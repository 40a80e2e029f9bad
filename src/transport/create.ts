/**
 * Builds the transport a normalized option set asks for.
 *
 * @module
 */
import type { NormalizedIoOptions } from "../io/options.js";
import { ForwardWsTransport } from "./forward-ws.js";
import { HttpTransport } from "./http-mode.js";
import { ReverseWsTransport } from "./reverse-ws.js";
import type { Transport, TransportHooks } from "./types.js";

/** The transport for `options.connection.mode`. */
export function createTransport(options: NormalizedIoOptions, hooks: TransportHooks): Transport {
  const c = options.connection;
  const probeTimeoutMs = Math.min(options.apiTimeoutMs, 10_000);
  switch (c.mode) {
    case "forward-ws":
      return new ForwardWsTransport(
        {
          uri: c.uri,
          token: c.token,
          reconnect: options.reconnect,
          heartbeatTimeoutMs: options.heartbeatTimeoutMs,
          probeTimeoutMs,
          expectedSelfId: options.expectedSelfId,
        },
        hooks,
      );
    case "reverse-ws":
      return new ReverseWsTransport(
        {
          host: c.host,
          port: c.port,
          path: c.path,
          token: c.token,
          expectedSelfId: options.expectedSelfId,
        },
        hooks,
      );
    case "http":
      return new HttpTransport(
        {
          apiUrl: c.apiUrl,
          token: c.token,
          events: c.events,
          reconnect: options.reconnect,
          probeTimeoutMs,
          expectedSelfId: options.expectedSelfId,
        },
        hooks,
      );
  }
}
