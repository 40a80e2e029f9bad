/**
 * Child script: start the I/O-thread engine as a reverse WebSocket server, let a
 * NapCat stand-in connect and answer one call, stop; the process must then exit on its own.
 */
import WebSocket from "ws";
import { ServerModeEngine } from "../../src/io/index.js";

const bridge = new ServerModeEngine(
  { connection: { mode: "reverse-ws", host: "127.0.0.1", port: 0, token: "t" } },
  { onEvent() {}, onState() {}, onLog() {} },
);
await bridge.start();
const napcat = new WebSocket(`ws://127.0.0.1:${bridge.listenPort}/`, {
  headers: { "X-Self-ID": "10001", Authorization: "Bearer t" },
});
napcat.on("message", (data) => {
  const request = JSON.parse(String(data)) as { echo: unknown };
  napcat.send(JSON.stringify({ status: "ok", retcode: 0, data: null, echo: request.echo }));
});
await new Promise<void>((resolve, reject) => {
  napcat.once("open", () => resolve());
  napcat.once("error", reject);
});
while (bridge.connectedSelfIds().length === 0) await new Promise((r) => setTimeout(r, 10));
await bridge.call("get_status");
await bridge.stop();
napcat.terminate();
process.stdout.write("stopped\n");
