/**
 * The fake NapCat's worker thread: runs `startFakeNapCatInProcess` here, posts
 * every recorded call and pushed event on the records port and answers the
 * handle's commands (./thread-protocol.ts). A call is recorded (and posted)
 * before the fake answers it, so a bot that got its answer always finds the call
 * in `fake.calls`. Bot code never runs here, so a bot's Sync call on the main
 * thread cannot block the fake.
 *
 * Built by tsup as its own entry `fake-napcat-worker` (dist/fake-napcat-worker.js / .cjs).
 *
 * @module
 */
import { isMainThread, type MessagePort, parentPort, workerData } from "node:worker_threads";
import { startFakeNapCatInProcess } from "./fake-napcat.js";
import {
  type FakeRecord,
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
  // The handle closes the records port (after draining it); the worker never does.
  const { records } = init;
  let fake: InProcessFakeNapCat;
  try {
    fake = await startFakeNapCatInProcess(init.options);
  } catch (error) {
    post({ kind: "startFailed", error: toWireFailure(error) });
    port.close();
    return;
  }
  // Listeners run synchronously when the hub records a call, i.e. before it answers.
  const record = (message: FakeRecord): void => records.postMessage(message);
  fake.onCall((call) => record({ kind: "call", call }));
  fake.onEvent((event) => record({ kind: "event", event }));

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
