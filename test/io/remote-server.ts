/**
 * Runs the fake WS / HTTP server in a worker thread, so Sync calls (which block the
 * test's own thread) can be answered.
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { resolveWorkerSpec } from "../../src/io/worker-path.js";
import { startHttpApi, startWsServer } from "./servers.js";

type Cmd =
  | { cmd: "broadcast"; frame: object }
  | { cmd: "kill" }
  | { cmd: "close" }
  | { cmd: "push"; frame: object };

export interface RemoteServer {
  url: string;
  send(cmd: Cmd): void;
  close(): Promise<void>;
}

/** Starts `kind` ("ws" or "http") with an optional token in a worker. */
export async function startRemote(kind: "ws" | "http", token?: string): Promise<RemoteServer> {
  const here = import.meta.url;
  const spec = resolveWorkerSpec(new URL("../../src/io/worker-path.ts", here).href);
  // Reuse the tsx bootstrap, pointed at this file instead of the I/O worker.
  const script = (spec.script as string).replace(
    new URL("../../src/io/worker.ts", here).href,
    here,
  );
  const worker = new Worker(script, { eval: true, workerData: { kind, token } });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once("message", (m: { url: string }) => resolve(m.url));
    worker.once("error", reject);
  });
  return {
    url,
    send: (cmd) => worker.postMessage(cmd),
    async close() {
      const exited = new Promise((r) => worker.once("exit", r));
      worker.postMessage({ cmd: "close" });
      await exited;
    },
  };
}

if (!isMainThread && parentPort && (workerData as { kind?: string } | null)?.kind) {
  const port = parentPort;
  const { kind, token } = workerData as { kind: "ws" | "http"; token?: string };
  const opts = token === undefined ? {} : { token };
  if (kind === "ws") {
    void startWsServer(opts).then((s) => {
      port.postMessage({ url: s.url });
      port.on("message", (c: Cmd) => {
        if (c.cmd === "broadcast") s.broadcast(c.frame);
        if (c.cmd === "kill") for (const ws of s.sockets) ws.terminate();
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
