/**
 * Turns the user's resolved settings into what the I/O thread needs.
 *
 * @module
 */
import type { IoOptions } from "../io/index.js";
import { type ResolvedConfig, reveal } from "./config.js";

/** Maps {@link ResolvedConfig} onto the I/O layer's options. */
export function toIoOptions(config: ResolvedConfig): IoOptions {
  const { connection } = config;
  // The one place where secrets are revealed: the transports need the real values.
  const token = reveal(config.wsToken);
  let ioConnection: IoOptions["connection"];
  switch (connection.mode) {
    case "forward-ws":
      ioConnection = { mode: "forward-ws", uri: config.wsUri, ...(token ? { token } : {}) };
      break;
    case "reverse-ws":
      ioConnection = {
        mode: "reverse-ws",
        host: connection.host ?? "127.0.0.1",
        port: connection.port,
        ...(connection.path ? { path: connection.path } : {}),
        token: reveal(connection.token) ?? token ?? "",
      };
      break;
    case "http": {
      const httpToken = reveal(connection.token) ?? token;
      ioConnection = {
        mode: "http",
        apiUrl: connection.apiUrl,
        ...(httpToken ? { token: httpToken } : {}),
        events:
          connection.events.mode === "http-post"
            ? {
                ...connection.events,
                host: connection.events.host ?? "127.0.0.1",
                secret: reveal(connection.events.secret),
              }
            : connection.events,
      };
      break;
    }
  }
  return {
    connection: ioConnection,
    apiTimeoutMs: config.apiTimeoutMs,
    reconnect: config.reconnect === false ? { maxAttempts: 0 } : config.reconnect,
    startTimeoutMs: config.startTimeoutMs,
    ...(config.heartbeatTimeoutMs !== undefined
      ? { heartbeatTimeoutMs: config.heartbeatTimeoutMs }
      : {}),
    ...(config.selfId !== undefined ? { expectedSelfId: config.selfId } : {}),
  };
}
