/**
 * Entry of the sandbox's bot thread. The bot runs here, not on the main thread,
 * because its `Sync` calls block the thread they run on: on the main thread they
 * would also block the fake NapCat that has to answer them.
 *
 * Protocol with the main thread (`parentPort`): the main thread sends `"stop"`;
 * this thread posts `{ kind: "ready" }`, `{ kind: "error", message }` or
 * `{ kind: "stopped" }`.
 *
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import type { LogLevel } from "../client/index.js";
import { BotClient } from "../client/index.js";
import "../plugin/index.js"; // installs bot.plugins
import { ExampleBotPlugin } from "./example-bot.js";

/** What the main thread passes as `workerData`. */
export interface BotThreadData {
  /** The fake NapCat's universal WebSocket URL. */
  wsUri: string;
  /** Its access token. */
  wsToken: string;
  logLevel: LogLevel;
}

/** Messages this thread posts to the main thread. */
export type BotThreadMessage =
  | { kind: "ready" }
  | { kind: "error"; message: string }
  | { kind: "stopped" };

function post(message: BotThreadMessage): void {
  parentPort?.postMessage(message);
}

async function main(): Promise<void> {
  const data = workerData as BotThreadData;
  const bot = new BotClient(
    {
      wsUri: data.wsUri,
      wsToken: data.wsToken,
      logLevel: data.logLevel,
      configFile: false,
      reconnect: false,
      pluginsDir: false,
      plugins: [ExampleBotPlugin], // the example bot is a plugin (src/sandbox/example-bot.ts)
    },
    { env: {} },
  );
  parentPort?.on("message", (message: unknown) => {
    if (message !== "stop") return;
    bot
      .stop()
      .catch(() => {})
      .finally(() => {
        post({ kind: "stopped" });
        parentPort?.close();
      });
  });
  try {
    await bot.start();
    post({ kind: "ready" });
  } catch (error) {
    post({ kind: "error", message: error instanceof Error ? error.message : String(error) });
    parentPort?.close();
  }
}

void main();
