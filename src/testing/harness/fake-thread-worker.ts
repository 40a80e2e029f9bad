/**
 * Entry of the harness's fake NapCat thread: starts `startFakeNapCatInProcess`, mirrors every
 * call and event to the test's thread, and runs the test's requests.
 *
 * @module
 */
import { isMainThread, type MessagePort, parentPort, workerData } from "node:worker_threads";
import {
  type FakeEventPayload,
  type RecordedCall,
  type SayOptions,
  startFakeNapCatInProcess,
} from "../fake-napcat/index.js";
import {
  type FakeRecord,
  type FakeReply,
  type FakeRequest,
  type FakeThreadData,
  serializeError,
} from "./fake-thread-protocol.js";

async function main(control: MessagePort, data: FakeThreadData): Promise<void> {
  const post = (reply: FakeReply) => control.postMessage(reply);
  let fake: Awaited<ReturnType<typeof startFakeNapCatInProcess>>;
  try {
    fake = await startFakeNapCatInProcess(data.options);
  } catch (error) {
    post({ kind: "start-failed", error: serializeError(error) });
    data.records.close();
    control.close();
    return;
  }
  const record = (r: FakeRecord) => data.records.postMessage(r);
  fake.onCall((call: RecordedCall) => record({ kind: "call", call }));
  fake.onEvent((event: FakeEventPayload) => record({ kind: "event", event }));

  const run = async (request: FakeRequest): Promise<unknown> => {
    switch (request.op) {
      case "say":
        return fake.say(request.arg as SayOptions);
      case "requestFriend":
        return fake.requestFriend(request.arg as Parameters<typeof fake.requestFriend>[0]);
      case "requestGroupJoin":
        return fake.requestGroupJoin(request.arg as Parameters<typeof fake.requestGroupJoin>[0]);
      case "emit":
        fake.emit(request.arg as FakeEventPayload);
        return undefined;
      case "getWorld":
        return fake.getWorld();
      case "clearCalls":
        fake.clearCalls();
        return undefined;
      case "stop":
        await fake.stop();
        return undefined;
    }
  };

  control.on("message", (request: FakeRequest) => {
    void run(request).then(
      (value) => {
        post({ kind: "result", id: request.id, value });
        if (request.op === "stop") {
          data.records.close();
          control.close();
        }
      },
      (error: unknown) => post({ kind: "error", id: request.id, error: serializeError(error) }),
    );
  });
  post({
    kind: "ready",
    wsUrl: fake.wsUrl,
    apiWsUrl: fake.apiWsUrl,
    httpUrl: fake.httpUrl,
    selfId: fake.selfId,
  });
}

const data = workerData as Partial<FakeThreadData> | null;
if (!isMainThread && parentPort && data?.ncatbotFakeThread === true) {
  void main(parentPort, data as FakeThreadData);
}
