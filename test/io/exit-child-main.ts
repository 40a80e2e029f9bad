/**
 * Child script: the client-mode engine with its Sync API connection started; after
 * stop() the process must exit on its own.
 */
import { createIo } from "../../src/io/index.js";
import { startRemote } from "./remote-server.js";

const server = await startRemote("ws");
const io = createIo(
  { connection: { mode: "forward-ws", uri: server.url } },
  { onEvent() {}, onState() {}, onLog() {} },
);
await io.start();
await io.call("get_status");
io.callSync("get_status");
await io.stop();
await server.close();
process.stdout.write("stopped\n");
