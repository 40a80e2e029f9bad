/**
 * Builds the transport the I/O options ask for (the I/O layer's choice: transports
 * know nothing of these options).
 *
 * @module
 */
import { ForwardWsTransport } from "../transport/forward-ws.js";
import { HttpTransport } from "../transport/http-mode.js";
import { ReverseWsTransport } from "../transport/reverse-ws.js";
import type { Transport, TransportHooks } from "../transport/types.js";
import type { NormalizedIoOptions } from "./options.js";

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
