/**
 * The fake NapCat's worker thread: runs `startFakeNapCatInProcess` here, reports
 * every recorded call and pushed event to the main thread and answers the
 * handle's commands (./thread-protocol.ts). Bot code never runs here, so a bot's
 * Sync call on the main thread cannot block the fake.
 *
 * Built by tsup as its own entry `fake-napcat-worker` (dist/fake-napcat-worker.js / .cjs).
 *
 * @module
 */
import { isMainThread, type MessagePort, parentPort, workerData } from "node:worker_threads";
import { startFakeNapCatInProcess } from "./fake-napcat.js";
import {
  type FakeWorkerInit,
  type FromFakeWorker,
  type ToFakeWorker,
  toWireFailure,
} from "./thread-protocol.js";
import type { InProcessFakeNapCat } from "./types.js";

type Command = Extract<ToFakeWorker, { kind: "command" }>;

async function runCommand(fake: InProcessFakeNapCat, command: Command): Promise<unknown> {
  switch (command.name) {
    case "say":
      return fake.say(command.input);
    case "requestFriend":
      return fake.requestFriend(command.input);
    case "requestGroupJoin":
      return fake.requestGroupJoin(command.input);
    case "getWorld":
      return fake.getWorld();
    case "stop":
      return fake.stop();
  }
}

async function run(port: MessagePort, init: FakeWorkerInit): Promise<void> {
  const post = (message: FromFakeWorker): void => port.postMessage(message);
  let fake: InProcessFakeNapCat;
  try {
    fake = await startFakeNapCatInProcess(init.options);
  } catch (error) {
    post({ kind: "startFailed", error: toWireFailure(error) });
    port.close();
    return;
  }
  let epoch = 0;
  fake.onCall((call) => post({ kind: "call", call, epoch }));
  fake.onEvent((event) => post({ kind: "event", event }));

  port.on("message", (message: ToFakeWorker) => {
    switch (message.kind) {
      case "emit":
        try {
          fake.emit(message.event);
        } catch {
          // Validated on the main thread; a failure here only concerns this event.
        }
        return;
      case "clearCalls":
        epoch = message.epoch;
        fake.clearCalls();
        return;
      case "command":
        runCommand(fake, message).then(
          (value) => {
            post({ kind: "result", id: message.id, ok: true, value });
            if (message.name === "stop") port.close();
          },
          (error: unknown) =>
            post({ kind: "result", id: message.id, ok: false, error: toWireFailure(error) }),
        );
        return;
    }
  });
  post({
    kind: "ready",
    wsUrl: fake.wsUrl,
    apiWsUrl: fake.apiWsUrl,
    httpUrl: fake.httpUrl,
    selfId: fake.selfId,
  });
}

if (!isMainThread && parentPort) {
  void run(parentPort, workerData as FakeWorkerInit);
}
