/** Child script: start a bridge against a WS server, make a call, stop both; the process must then exit on its own. */
import { IoBridge } from "../../src/io/index.js";
import { startWsServer } from "./servers.js";

const server = await startWsServer();
const bridge = new IoBridge(
  { connection: { mode: "forward-ws", uri: server.url } },
  { onEvent() {}, onState() {}, onLog() {} },
);
await bridge.start();
await bridge.call("get_status");
await bridge.stop();
await server.close();
process.stdout.write("stopped\n");
