/**
 * Starts the example bot in its own thread (see `bot-thread.ts` for why) and
 * stops it again.
 *
 * @module
 */
import { Worker } from "node:worker_threads";
import { NcatBotError } from "../errors.js";
import { resolveWorkerEntry } from "../io/worker-path.js";
import type { BotThreadData, BotThreadMessage } from "./bot-thread.js";

/** The sandbox's bot, running in a worker thread. */
export interface SandboxBot {
  /** The worker's thread id (for logs). */
  readonly threadId: number;
  /** Stops the bot (runs its shutdown handlers, closes its connection) and ends the thread. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 5_000;

/**
 * Starts a BotClient with the example bot in a worker thread, connected to
 * `wsUri` with `wsToken`. Resolves once it is connected; rejects with the bot's
 * own error message when it cannot start.
 */
export function startBotThread(data: BotThreadData, startTimeoutMs = 20_000): Promise<SandboxBot> {
  // Built: the tsup entry `sandbox-bot` beside the bundle; from sources: ./bot-thread.ts.
  const spec = resolveWorkerEntry("sandbox-bot", "./bot-thread.ts", import.meta.url);
  const worker = new Worker(spec.script, {
    eval: spec.eval,
    workerData: data satisfies BotThreadData,
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    worker.once("exit", () => {
      exited = true;
      resolve();
    });
  });
  const stop = async (): Promise<void> => {
    if (exited) return;
    worker.postMessage("stop");
    const timer = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
    await exit;
    clearTimeout(timer);
  };
  return new Promise<SandboxBot>((resolve, reject) => {
    const fail = (message: string) => {
      clearTimeout(timer);
      void worker.terminate();
      reject(new NcatBotError(`The sandbox bot could not start: ${message}`));
    };
    const timer = setTimeout(
      () => fail(`not connected after ${startTimeoutMs} ms`),
      startTimeoutMs,
    );
    worker.on("message", (message: BotThreadMessage) => {
      if (message.kind === "ready") {
        clearTimeout(timer);
        resolve({ threadId: worker.threadId, stop });
      } else if (message.kind === "error") {
        fail(message.message);
      }
    });
    worker.on("error", (error) => fail(error.message));
    worker.once("exit", (code) => fail(`the bot thread exited (code ${code}) before connecting`));
  });
}
