/**
 * `startFakeNapCat()`: the fake NapCat in its own worker thread, behind a
 * main-thread handle. The fake keeps answering while the bot's thread is blocked
 * in a Sync call (`bot.api.xxxSync` waits with `Atomics.wait`), which an
 * in-process fake cannot do.
 *
 * Calls and events travel on a records port of their own (./thread-protocol.ts).
 * The worker posts a call's record before it answers the call, and the handle
 * drains that port synchronously (`receiveMessageOnPort`) before it reads, waits
 * on or clears its call list, and before it settles a command. So `calls` lists
 * every call the bot has had an answer to, even right after a Sync call.
 *
 * @module
 */
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";
import { resolveWorkerEntry, type WorkerSpec } from "../../io/worker-path.js";
import { CallLog } from "./call-log.js";
import { FakeActionError } from "./errors.js";
import { type FakeEventPayload, toEmittedEvent } from "./events.js";
import { assertPlainData } from "./plain-data.js";
import type { WorldSnapshot } from "./snapshot.js";
import type {
  FakeCommandName,
  FakeCommands,
  FakeRecord,
  FakeWorkerInit,
  FromFakeWorker,
  ToFakeWorker,
  WireFailure,
} from "./thread-protocol.js";
import type {
  Disposer,
  FakeMessagePayload,
  FakeNapCat,
  FakeNapCatOptions,
  RecordedCall,
  RequestFriendOptions,
  RequestGroupJoinOptions,
  SayOptions,
} from "./types.js";

/** How long the worker may take to listen before `startFakeNapCat` gives up. */
const START_TIMEOUT_MS = 15_000;
/** How long one command (say, getWorld...) may take in the worker. */
const COMMAND_TIMEOUT_MS = 10_000;
/** How long `stop()` waits for the worker to close its servers before terminating it. */
const STOP_TIMEOUT_MS = 5_000;

const PLAIN_DATA_WHY =
  "startFakeNapCat() runs the fake in a worker thread and copies this there (only plain data can cross threads)";

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  callSite: Error;
}

function fromWireFailure(failure: WireFailure, callSite: Error): Error {
  let error: Error;
  if (failure.retcode !== undefined) error = new FakeActionError(failure.retcode, failure.message);
  else {
    error =
      failure.name === "TypeError" ? new TypeError(failure.message) : new Error(failure.message);
    if (error.name !== failure.name) error.name = failure.name;
  }
  // Point the stack at the caller of say()/getWorld()..., not at the message handler.
  const frames = callSite.stack?.split("\n").slice(1).join("\n");
  if (frames) error.stack = `${error.name}: ${error.message}\n${frames}`;
  return error;
}

function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

/** The main-thread handle of a worker-backed fake NapCat. */
class ThreadedFakeNapCat implements FakeNapCat {
  readonly wsUrl: string;
  readonly apiWsUrl: string;
  readonly httpUrl: string;
  readonly selfId: number;
  readonly #worker: Worker;
  readonly #records: MessagePort;
  readonly #log = new CallLog();
  readonly #eventListeners = new Set<(event: FakeEventPayload) => void>();
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #dead: string | undefined;
  #stopping: Promise<void> | undefined;

  constructor(
    worker: Worker,
    records: MessagePort,
    ready: Extract<FromFakeWorker, { kind: "ready" }>,
  ) {
    this.#worker = worker;
    this.#records = records;
    // Reports also arrive on their own; draining takes in the ones not delivered yet.
    records.on("message", (record: FakeRecord) => this.#ingest(record));
    records.unref();
    this.wsUrl = ready.wsUrl;
    this.apiWsUrl = ready.apiWsUrl;
    this.httpUrl = ready.httpUrl;
    this.selfId = ready.selfId;
    worker.on("message", (message: FromFakeWorker) => this.#onMessage(message));
    worker.on("error", (error) => this.#die(`the fake NapCat's worker crashed: ${error.message}`));
    worker.on("exit", (code) => this.#die(`the fake NapCat's worker exited (code ${code})`));
  }

  get calls(): readonly RecordedCall[] {
    this.#drain();
    return this.#log.calls;
  }

  /**
   * Takes in, synchronously, every record the worker has posted and we have not
   * handled yet. With `forgetCalls`, call records are dropped (events still go out).
   */
  #drain(forgetCalls = false): void {
    for (let m = receiveMessageOnPort(this.#records); m; m = receiveMessageOnPort(this.#records))
      this.#ingest(m.message as FakeRecord, forgetCalls);
  }

  #ingest(record: FakeRecord, forgetCalls = false): void {
    if (record.kind === "call") {
      if (!forgetCalls) this.#log.record(record.call);
      return;
    }
    for (const listener of this.#eventListeners) {
      try {
        listener(record.event);
      } catch (error) {
        rethrowLater(error);
      }
    }
  }

  #onMessage(message: FromFakeWorker): void {
    if (message.kind !== "result") return;
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    clearTimeout(pending.timer);
    // Whatever the worker did before answering (calls, events) is seen before the answer.
    this.#drain();
    if (message.ok) pending.resolve(message.value);
    else pending.reject(fromWireFailure(message.error, pending.callSite));
  }

  #die(reason: string): void {
    if (this.#dead !== undefined) return;
    this.#dead = reason;
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id);
      clearTimeout(pending.timer);
      pending.reject(new Error(`${reason}; the command did not complete`));
    }
    this.#log.rejectWaiters(`waitForCall: ${reason}`);
  }

  #command<K extends FakeCommandName>(
    name: K,
    input: FakeCommands[K]["input"],
    timeoutMs = COMMAND_TIMEOUT_MS,
  ): Promise<FakeCommands[K]["output"]> {
    const callSite = new Error();
    if (this.#dead !== undefined)
      return Promise.reject(new Error(`${name}(): ${this.#dead}; start a new fake`));
    if (input !== undefined) {
      try {
        assertPlainData(input, `${name}() options`, PLAIN_DATA_WHY);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const id = ++this.#nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(
          new Error(`${name}(): the fake NapCat's worker did not answer within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.#pending.set(id, {
        resolve: resolve as (value: unknown) => void,
        reject,
        timer,
        callSite,
      });
      const message = { kind: "command", id, name, input } as ToFakeWorker;
      this.#worker.postMessage(message);
    });
  }

  getWorld(): Promise<WorldSnapshot> {
    return this.#command("getWorld", undefined);
  }

  say(options: SayOptions = {}): Promise<FakeMessagePayload> {
    return this.#command("say", options);
  }

  requestFriend(options: RequestFriendOptions = {}): Promise<FakeEventPayload> {
    return this.#command("requestFriend", options);
  }

  requestGroupJoin(options: RequestGroupJoinOptions = {}): Promise<FakeEventPayload> {
    return this.#command("requestGroupJoin", options);
  }

  emit(event: object): void {
    const payload = toEmittedEvent(event);
    assertPlainData(payload, "emit() event", PLAIN_DATA_WHY);
    // Like the in-process fake, emitting after stop() reaches no connection.
    if (this.#dead !== undefined || this.#stopping) return;
    this.#post({ kind: "emit", event: payload });
  }

  waitForCall(
    match: string | ((call: RecordedCall) => boolean),
    timeoutMs?: number,
  ): Promise<RecordedCall> {
    this.#drain();
    if (this.#dead !== undefined) return Promise.reject(new Error(`waitForCall: ${this.#dead}`));
    return this.#log.waitForCall(match, timeoutMs);
  }

  clearCalls(): void {
    // Every call the worker has recorded by now is reported already (it reports before
    // answering): forget the unread reports too, unseen by listeners.
    this.#drain(true);
    this.#log.clear();
    if (this.#dead === undefined) this.#post({ kind: "clearCalls" });
  }

  onCall(listener: (call: RecordedCall) => void): Disposer {
    return this.#log.onCall(listener);
  }

  onEvent(listener: (event: FakeEventPayload) => void): Disposer {
    this.#eventListeners.add(listener);
    return () => {
      this.#eventListeners.delete(listener);
    };
  }

  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      if (this.#dead === undefined) {
        // Close servers and connections in the worker first (clients see a clean close),
        // then end the thread; a worker that does not answer is terminated anyway.
        await this.#command("stop", undefined, STOP_TIMEOUT_MS).catch(() => undefined);
      }
      this.#drain();
      this.#die("the fake NapCat was stopped");
      this.#eventListeners.clear();
      await this.#worker.terminate();
      this.#records.close();
    })();
    return this.#stopping;
  }

  #post(message: ToFakeWorker): void {
    this.#worker.postMessage(message);
  }
}

function waitUntilReady(worker: Worker): Promise<Extract<FromFakeWorker, { kind: "ready" }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        done(
          new Error(
            `startFakeNapCat: the fake's worker did not start within ${START_TIMEOUT_MS} ms`,
          ),
        ),
      START_TIMEOUT_MS,
    );
    const onMessage = (message: FromFakeWorker): void => {
      if (message.kind === "ready") done(undefined, message);
      else if (message.kind === "startFailed") done(fromWireFailure(message.error, new Error()));
    };
    const onError = (error: Error): void =>
      done(new Error(`startFakeNapCat: the fake's worker failed to load: ${error.message}`));
    const onExit = (code: number): void =>
      done(new Error(`startFakeNapCat: the fake's worker exited during start (code ${code})`));
    function done(
      error: Error | undefined,
      ready?: Extract<FromFakeWorker, { kind: "ready" }>,
    ): void {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      if (ready) resolve(ready);
      else reject(error ?? new Error("startFakeNapCat: unknown start failure"));
    }
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
  });
}

/**
 * The fake NapCat's worker: `./worker.ts` next to this file from sources, the tsup
 * entry `fake-napcat-worker` next to the bundle when built.
 *
 * @param moduleUrl - where to resolve from; default this module (or the bundle holding it).
 */
export function fakeNapCatWorkerSpec(moduleUrl: string = import.meta.url): WorkerSpec {
  return resolveWorkerEntry("fake-napcat-worker", "./worker.ts", moduleUrl);
}

/**
 * Starts a fake NapCat in a worker thread, on 127.0.0.1 (ports chosen by the OS
 * unless given). A bot's Sync calls work against it from the same process.
 * Options are plain data (a `TypeError` names any function or class instance).
 * The world lives in the worker: read it with `getWorld()`; to change it directly,
 * use `startFakeNapCatInProcess()` (for tests that never make Sync calls).
 *
 * @example
 * ```ts
 * import { BotClient } from "ncatbot";
 * import { startFakeNapCat } from "ncatbot/testing";
 * const fake = await startFakeNapCat({ token: "t" });
 * const bot = new BotClient({ wsUri: fake.wsUrl, wsToken: "t", configFile: false });
 * bot.onGroupMessage((msg) => msg.replySync("pong"));
 * await bot.start();
 * await fake.say({ text: "ping" });
 * const call = await fake.waitForCall("send_group_msg");
 * await bot.stop();
 * await fake.stop();
 * ```
 */
export async function startFakeNapCat(options: FakeNapCatOptions = {}): Promise<FakeNapCat> {
  if (typeof options !== "object" || options === null || Array.isArray(options))
    throw new TypeError("startFakeNapCat(options): options must be an object (or omitted)");
  assertPlainData(options, "startFakeNapCat options", PLAIN_DATA_WHY);
  const spec = fakeNapCatWorkerSpec();
  const { port1: records, port2 } = new MessageChannel();
  const init: FakeWorkerInit = { options, records: port2 };
  const worker = new Worker(spec.script, {
    eval: spec.eval,
    workerData: init,
    transferList: [port2],
  });
  try {
    const ready = await waitUntilReady(worker);
    return new ThreadedFakeNapCat(worker, records, ready);
  } catch (error) {
    await worker.terminate();
    records.close();
    throw error;
  }
}
