/**
 * Runs the fake WS / HTTP server in a worker thread, so Sync calls (which block the
 * test's own thread) can be answered.
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { resolveWorkerSpec } from "../../src/io/worker-path.js";
import { type ApiPathMode, startHttpApi, startWsServer } from "./servers.js";

type Cmd =
  | { cmd: "broadcast"; frame: object }
  | { cmd: "kill" }
  | { cmd: "kill-api" }
  | { cmd: "broadcast-api"; frame: object }
  | { cmd: "stats" }
  | { cmd: "close" }
  | { cmd: "push"; frame: object };

/** Connection counts of a remote WS server. */
export interface RemoteStats {
  attempts: number;
  apiAttempts: number;
  apiSockets: number;
}

export interface RemoteServer {
  url: string;
  send(cmd: Cmd): void;
  /** Connection counts (WS only). */
  stats(): Promise<RemoteStats>;
  close(): Promise<void>;
}

/** Starts `kind` ("ws" or "http") with an optional token in a worker; `api` as for `startWsServer`. */
export async function startRemote(
  kind: "ws" | "http",
  token?: string,
  api: ApiPathMode = "ok",
): Promise<RemoteServer> {
  const here = import.meta.url;
  const spec = resolveWorkerSpec(new URL("../../src/io/worker-path.ts", here).href);
  // Reuse the tsx bootstrap, pointed at this file instead of the I/O worker.
  const script = (spec.script as string).replace(
    new URL("../../src/io/worker.ts", here).href,
    here,
  );
  const worker = new Worker(script, { eval: true, workerData: { kind, token, api } });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once("message", (m: { url: string }) => resolve(m.url));
    worker.once("error", reject);
  });
  return {
    url,
    send: (cmd) => worker.postMessage(cmd),
    stats: () =>
      new Promise<RemoteStats>((resolve) => {
        worker.once("message", (m: RemoteStats) => resolve(m));
        worker.postMessage({ cmd: "stats" });
      }),
    async close() {
      const exited = new Promise((r) => worker.once("exit", r));
      worker.postMessage({ cmd: "close" });
      await exited;
    },
  };
}

if (!isMainThread && parentPort && (workerData as { kind?: string } | null)?.kind) {
  const port = parentPort;
  const { kind, token, api } = workerData as {
    kind: "ws" | "http";
    token?: string;
    api: ApiPathMode;
  };
  const opts = token === undefined ? {} : { token };
  if (kind === "ws") {
    void startWsServer({ ...opts, api }).then((s) => {
      port.postMessage({ url: s.url });
      port.on("message", (c: Cmd) => {
        if (c.cmd === "broadcast") s.broadcast(c.frame);
        if (c.cmd === "kill") for (const ws of s.sockets) ws.terminate();
        if (c.cmd === "kill-api") for (const ws of s.apiSockets) ws.terminate();
        if (c.cmd === "broadcast-api")
          for (const ws of s.apiSockets) ws.send(JSON.stringify(c.frame));
        if (c.cmd === "stats") {
          port.postMessage({
            attempts: s.attempts,
            apiAttempts: s.apiAttempts,
            apiSockets: s.apiSockets.size,
          });
        }
        if (c.cmd === "close") void s.close().then(() => port.close());
      });
    });
  } else {
    void startHttpApi(opts).then((s) => {
      port.postMessage({ url: s.url });
      port.on("message", (c: Cmd) => {
        if (c.cmd === "push") s.push(c.frame);
        if (c.cmd === "close") void s.close().then(() => port.close());
      });
    });
  }
}
