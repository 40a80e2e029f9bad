/**
 * `startSandbox()`: a fake NapCat, the example bot connected to it, and a chat
 * page in the browser to talk to the bot, all on 127.0.0.1, no QQ needed.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { threadId } from "node:worker_threads";
import { WebSocketServer } from "ws";
import { BotClient, type LogLevel } from "../client/index.js";
import { NcatBotError } from "../errors.js";
import {
  type InProcessFakeNapCat,
  startFakeNapCatInProcess,
} from "../testing/fake-napcat/index.js";
import { type SandboxBot, startBotThread } from "./bot-runner.js";
import { SANDBOX_PAGE } from "./page.js";
import { PageHub } from "./page-hub.js";

/** The host every sandbox server listens on. Never anything but loopback. */
export const SANDBOX_HOST = "127.0.0.1";

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** Port of the chat page; 0 (the default) lets the OS pick a free one. */
  port?: number;
  /** When `port` is taken, use a free port instead of failing. Default false. */
  portFallback?: boolean;
  /** The bot's log level (its lines go to stdout). Default `"warn"`; `false` = `"silent"`. */
  log?: LogLevel | false;
  /**
   * Your own bot instead of the example: the path of a file (`.ts` or `.js`) that either
   * exports `setup(bot)` (or a default function), or creates its own `BotClient` and calls
   * `bot.run()`: whatever address and token it names, it is connected to the sandbox's
   * fake NapCat. It runs in its own thread, so `xxxSync` calls work. What
   * `ncatbot sandbox ./bot.ts` uses.
   */
  bot?: string;
  /**
   * Your own bot as a function: registers handlers on the sandbox's BotClient. The bot
   * runs in this thread, beside the fake NapCat, so use the async API here (a `xxxSync`
   * call would block the fake that must answer it); for Sync calls pass `bot: "./file"`.
   */
  setup?: (bot: BotClient) => unknown;
}

/** A running sandbox. */
export interface Sandbox {
  /** The chat page, `http://127.0.0.1:PORT/`. */
  readonly url: string;
  /**
   * The fake NapCat the bot is connected to (its live world, calls, `say`, `emit`...).
   * It runs on this thread; the bot runs in its own.
   */
  readonly fake: InProcessFakeNapCat;
  /**
   * The example bot. It runs in its own thread (its `Sync` calls block the
   * thread they run on, which must not be the fake NapCat's), so this is a handle.
   */
  readonly bot: SandboxBot;
  /** The page's state and API-call log. */
  readonly hub: PageHub;
  /** Stops the bot, the page server and the fake NapCat; afterwards nothing keeps the process alive. */
  stop(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(port, SANDBOX_HOST, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function listenWithFallback(
  server: Server,
  port: number,
  fallback: boolean,
): Promise<number> {
  try {
    return await listen(server, port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" && fallback && port !== 0) return listen(server, 0);
    if (code === "EADDRINUSE") {
      throw new NcatBotError(
        `Port ${port} is already in use: choose another one (--port N), or 0 to let the system pick.`,
      );
    }
    throw error;
  }
}

function servePage(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end();
  } else if (path === "/" || path === "/index.html") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : SANDBOX_PAGE);
  } else if (path === "/healthz") {
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  } else {
    res
      .writeHead(404, { "content-type": "text/plain; charset=utf-8" })
      .end("Not found. The sandbox page is at /");
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** `startSandbox({ setup })`: the user's handlers on a BotClient in this thread. */
async function startInThread(
  setup: (bot: BotClient) => unknown,
  wsUri: string,
  wsToken: string,
  logLevel: LogLevel,
): Promise<SandboxBot> {
  const bot = new BotClient(
    { wsUri, wsToken, logLevel, configFile: false, reconnect: false },
    { env: {} },
  );
  await setup(bot);
  await bot.start();
  return { threadId: threadId, stop: () => bot.stop() };
}

/**
 * Starts the sandbox: a fake NapCat (with a random token), the example bot in
 * its own thread connected to it by forward WebSocket, and the chat page with
 * its WebSocket API at `/ws` (see `protocol.ts`).
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox({ port: 0, bot: "./bot.ts" }); // or { setup: (bot) => ... }
 * console.log(sandbox.url);
 * await sandbox.stop();
 * ```
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new NcatBotError(
      `Sandbox port must be an integer from 0 to 65535 (0 = any free port); got ${String(port)}.`,
    );
  }
  const logLevel: LogLevel = options.log === false ? "silent" : (options.log ?? "warn");
  const token = randomBytes(16).toString("hex");
  const cleanups: Array<() => Promise<void> | void> = [];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step();
  };
  try {
    const fake = await startFakeNapCatInProcess({ token, reportSelfMessage: true });
    cleanups.push(() => fake.stop());
    const hub = new PageHub(fake);
    cleanups.push(() => hub.dispose());

    const server = createServer(servePage);
    cleanups.push(() => closeServer(server));
    const bound = await listenWithFallback(server, port, options.portFallback ?? false);
    // Attached after listening: ws re-emits the server's errors (EADDRINUSE) on itself.
    const wss = new WebSocketServer({ server, path: "/ws" });
    wss.on("error", () => {});
    wss.on("connection", (socket) => {
      const client = {
        send: (text: string) => socket.readyState === socket.OPEN && socket.send(text),
      };
      const detach = hub.attach(client);
      socket.on("message", (data) => void hub.handleFrame(client, data.toString()));
      socket.on("close", detach);
      socket.on("error", detach);
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of wss.clients) socket.terminate();
          wss.close(() => resolve());
        }),
    );

    const bot = options.setup
      ? await startInThread(options.setup, fake.wsUrl, token, logLevel)
      : await startBotThread({
          wsUri: fake.wsUrl,
          wsToken: token,
          logLevel,
          botFile: options.bot === undefined ? undefined : resolve(options.bot),
        });
    cleanups.push(() => bot.stop());

    let stopping: Promise<void> | undefined;
    return {
      url: `http://${SANDBOX_HOST}:${bound}/`,
      fake,
      bot,
      hub,
      stop: () => {
        stopping ??= cleanup();
        return stopping;
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
