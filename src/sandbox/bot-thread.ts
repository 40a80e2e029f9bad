/**
 * Entry of the sandbox's bot thread. The bot runs here, not on the main thread,
 * because its `Sync` calls block the thread they run on: on the main thread they
 * would also block the fake NapCat that has to answer them.
 *
 * The bot is the built-in example, or the user's own file (`ncatbot sandbox ./bot.ts`):
 * a module exporting `setup(bot)` (or a default function), or a script that creates its
 * own `BotClient` and calls `bot.run()` / `bot.start()`: every BotClient it creates is
 * pointed at the sandbox's fake NapCat (see client/sandbox-hook.ts).
 *
 * Protocol with the main thread (`parentPort`): the main thread sends `"stop"`;
 * this thread posts `{ kind: "ready" }`, `{ kind: "error", message }` or
 * `{ kind: "stopped" }`.
 *
 * @module
 */
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";
import type { LogLevel } from "../client/index.js";
import { BotClient } from "../client/index.js";
import { SANDBOX_HOOK, type SandboxHook } from "../client/sandbox-hook.js";
import "../plugin/index.js"; // installs bot.plugins
import { ExampleBotPlugin } from "./example-bot.js";

/** What the main thread passes as `workerData`. */
export interface BotThreadData {
  /** The fake NapCat's universal WebSocket URL. */
  wsUri: string;
  /** Its access token. */
  wsToken: string;
  logLevel: LogLevel;
  /** Absolute path of the user's bot file; absent = the example bot. */
  botFile?: string | undefined;
}

/** Messages this thread posts to the main thread. */
export type BotThreadMessage =
  | { kind: "ready" }
  | { kind: "error"; message: string }
  | { kind: "stopped" };

function post(message: BotThreadMessage): void {
  parentPort?.postMessage(message);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Imports the user's file (TypeScript through tsx); resolves to its exports. */
async function importBotFile(file: string): Promise<Record<string, unknown>> {
  if (/\.[mc]?tsx?$/.test(file)) {
    const api = (await import("tsx/esm/api")) as { register: () => unknown };
    api.register();
  }
  try {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    if (!/require\(\) ES Module|Cannot use import statement/.test(messageOf(error))) throw error;
    throw new Error(
      `${file} uses import/export but its folder is CommonJS: add "type": "module" to its package.json (${messageOf(error)})`,
    );
  }
}

async function main(): Promise<void> {
  const data = workerData as BotThreadData;
  const bots: BotClient[] = [];
  let ready = false;
  const becomeReady = () => {
    if (ready) return;
    ready = true;
    post({ kind: "ready" });
  };
  parentPort?.on("message", (message: unknown) => {
    if (message !== "stop") return;
    Promise.all(bots.map((bot) => bot.stop().catch(() => {})))
      .catch(() => {})
      .finally(() => {
        post({ kind: "stopped" });
        parentPort?.close();
      });
  });

  const newBot = (example = false) =>
    new BotClient(
      {
        wsUri: data.wsUri,
        wsToken: data.wsToken,
        logLevel: data.logLevel,
        configFile: false,
        reconnect: false,
        pluginsDir: false,
        // The example bot is a plugin (src/sandbox/example-bot.ts).
        ...(example ? { plugins: [ExampleBotPlugin] } : {}),
      },
      { env: {} },
    );
  try {
    if (data.botFile === undefined) {
      const bot = newBot(true);
      bots.push(bot);
      await bot.start();
      becomeReady();
      return;
    }
    const hook: SandboxHook = {
      wsUri: data.wsUri,
      wsToken: data.wsToken,
      logLevel: data.logLevel,
      adopt(bot) {
        const client = bot as BotClient;
        bots.push(client);
        // Ready once the file's own bot is connected (its `await bot.run()` never returns).
        client.onStartup(becomeReady, { name: "sandbox: ready" });
      },
    };
    (globalThis as { [SANDBOX_HOOK]?: SandboxHook })[SANDBOX_HOOK] = hook;
    const exports = await importBotFile(data.botFile);
    if (bots.length > 0) return; // a script with its own BotClient: it starts it itself
    const setup = typeof exports.setup === "function" ? exports.setup : exports.default;
    if (typeof setup !== "function") {
      throw new Error(
        `${data.botFile} neither exports a setup(bot) function (export function setup(bot) { ... }) nor creates a BotClient`,
      );
    }
    const bot = newBot();
    await (setup as (bot: BotClient) => unknown)(bot);
    await bot.start();
    becomeReady();
  } catch (error) {
    post({ kind: "error", message: messageOf(error) });
    parentPort?.close();
  }
}

void main();
