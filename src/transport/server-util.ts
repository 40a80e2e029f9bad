/**
 * Small helpers shared by the servers NcatBot runs (reverse WS, HTTP POST).
 *
 * @module
 */
import type { Server } from "node:http";
import { TransportError } from "../errors.js";

/** Listens and resolves once bound; explains EADDRINUSE / EACCES. */
export function listen(
  server: Server,
  host: string,
  port: number,
  what: string,
  key: string,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off("listening", onListening);
      const hint =
        error.code === "EADDRINUSE"
          ? `port ${port} is already in use: stop the other program or choose another \`${key}\``
          : error.code === "EACCES"
            ? `not allowed to listen on port ${port}: choose a port above 1024 for \`${key}\``
            : error.message;
      reject(
        new TransportError(`cannot start the ${what} on ${host}:${port}: ${hint}`, {
          cause: error,
        }),
      );
    };
    const onListening = (): void => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/** Closes a server and every open connection; resolves when closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The port `server` is bound to (useful after listening on port 0), else `fallback`. */
export function boundPort(server: Server, fallback: number): number {
  const address = server.address();
  return typeof address === "object" && address !== null ? address.port : fallback;
}
