/**
 * Starts the fake NapCat in its own thread (or, on request, in the test's thread)
 * and returns a {@link TestFake}. In its own thread the fake keeps answering while
 * the test's thread blocks in a `bot.api.xxxSync` call.
 *
 * @module
 */
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import {
  type Disposer,
  type FakeEventPayload,
  type FakeNapCatOptions,
  type RecordedCall,
  startFakeNapCatInProcess,
} from "../fake-napcat/index.js";
import { resolveFakeThreadSpec } from "./fake-thread-path.js";
import {
  deserializeError,
  type FakeRecord,
  type FakeReply,
  type FakeRequest,
  type FakeThreadData,
} from "./fake-thread-protocol.js";
import { type EmittableEvent, type TestFake, waitForCallIn } from "./test-fake.js";

const START_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type ReadyReply = Extract<FakeReply, { kind: "ready" }>;

/**
 * Starts a fake NapCat in a worker thread. Its calls are mirrored into this thread
 * synchronously on read (`calls` is always up to date, even right after a Sync call).
 */
export async function startTestFakeThread(options: FakeNapCatOptions = {}): Promise<TestFake> {
  const spec = resolveFakeThreadSpec();
  const channel = new MessageChannel();
  const data: FakeThreadData = { ncatbotFakeThread: true, options, records: channel.port2 };
  const worker = new Worker(spec.script, {
    eval: spec.eval,
    workerData: data,
    transferList: [channel.port2],
  });
  const records = channel.port1;
  const calls: RecordedCall[] = [];
  const callListeners = new Set<(call: RecordedCall) => void>();
  const eventListeners = new Set<(event: FakeEventPayload) => void>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let crashed: Error | undefined;
  let exited = false;

  const ingest = (record: FakeRecord) => {
    if (record.kind === "call") {
      calls.push(record.call);
      for (const listener of [...callListeners]) listener(record.call);
    } else {
      for (const listener of [...eventListeners]) listener(record.event);
    }
  };
  const drain = () => {
    for (let m = receiveMessageOnPort(records); m; m = receiveMessageOnPort(records)) {
      ingest(m.message as FakeRecord);
    }
  };
  records.on("message", ingest);
  records.unref();

  const exit = new Promise<void>((resolve) => {
    worker.once("exit", () => {
      exited = true;
      const error = crashed ?? new Error("the fake NapCat thread exited");
      for (const p of pending.values()) p.reject(error);
      pending.clear();
      records.close();
      resolve();
    });
  });
  worker.on("error", (error: Error) => {
    crashed = new Error(`the fake NapCat thread crashed: ${error.message}`);
  });

  const ready = await new Promise<ReadyReply>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`the fake NapCat thread did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    const onMessage = (reply: FakeReply) => {
      if (reply.kind === "ready") {
        clearTimeout(timer);
        resolve(reply);
      } else if (reply.kind === "start-failed") {
        clearTimeout(timer);
        reject(deserializeError(reply.error));
      } else {
        const p = pending.get(reply.id);
        if (!p) return;
        pending.delete(reply.id);
        if (pending.size === 0) worker.unref();
        if (reply.kind === "result") p.resolve(reply.value);
        else p.reject(deserializeError(reply.error));
      }
    };
    worker.on("message", onMessage);
    void exit.then(() => {
      clearTimeout(timer);
      reject(crashed ?? new Error("the fake NapCat thread exited before it was ready"));
    });
  });
  // Idle: do not keep the process alive for the fake alone (an RPC in flight refs it again).
  worker.unref();

  const request = (op: FakeRequest["op"], arg?: unknown): Promise<unknown> => {
    if (exited) return Promise.reject(crashed ?? new Error("the fake NapCat was stopped"));
    const id = nextId++;
    worker.ref();
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, arg } as FakeRequest);
    });
  };

  let stopping: Promise<void> | undefined;
  const fake: TestFake = {
    wsUrl: ready.wsUrl,
    apiWsUrl: ready.apiWsUrl,
    httpUrl: ready.httpUrl,
    selfId: ready.selfId,
    get calls() {
      drain();
      return calls;
    },
    say: async (o = {}) => (await request("say", o)) as Awaited<ReturnType<TestFake["say"]>>,
    requestFriend: async (o = {}) => (await request("requestFriend", o)) as FakeEventPayload,
    requestGroupJoin: async (o = {}) => (await request("requestGroupJoin", o)) as FakeEventPayload,
    getWorld: async () => (await request("getWorld")) as Awaited<ReturnType<TestFake["getWorld"]>>,
    emit: async (event: EmittableEvent) => {
      await request("emit", event);
    },
    waitForCall: (match, timeoutMs) =>
      waitForCallIn(() => fake.calls, fake.onCall, match, timeoutMs),
    clearCalls: () => {
      drain();
      calls.length = 0;
      if (!exited) void request("clearCalls").catch(() => {});
    },
    onCall: (listener): Disposer => {
      callListeners.add(listener);
      return () => callListeners.delete(listener);
    },
    onEvent: (listener): Disposer => {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    stop: () => {
      stopping ??= (async () => {
        if (!exited) {
          drain();
          await request("stop").catch(() => {});
        }
        const timer = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
        await exit;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
  return fake;
}

/**
 * Starts the fake NapCat in this thread and adapts it to {@link TestFake}. Only for
 * tests that never make a `Sync` call: a Sync call blocks this thread, so the fake
 * could not answer it and the call would time out.
 */
export async function startTestFakeInProcess(options: FakeNapCatOptions = {}): Promise<TestFake> {
  const fake = await startFakeNapCatInProcess(options);
  return {
    wsUrl: fake.wsUrl,
    apiWsUrl: fake.apiWsUrl,
    httpUrl: fake.httpUrl,
    selfId: fake.selfId,
    get calls() {
      return fake.calls;
    },
    say: (o) => fake.say(o),
    requestFriend: (o) => fake.requestFriend(o),
    requestGroupJoin: (o) => fake.requestGroupJoin(o),
    getWorld: () => fake.getWorld(),
    emit: async (event) => fake.emit(event as FakeEventPayload),
    waitForCall: (match, timeoutMs) =>
      waitForCallIn(() => fake.calls, fake.onCall, match, timeoutMs),
    clearCalls: () => fake.clearCalls(),
    onCall: (listener) => fake.onCall(listener),
    onEvent: (listener) => fake.onEvent(listener),
    stop: () => fake.stop(),
  };
}
