/**
 * `ncatbot/testing`: tools to test bots and plugins without QQ (src/testing/), and the
 * sandbox (fake NapCat + chat page) with your own bot, `startSandbox({ setup })`.
 *
 * This entry stands above both folders: the sandbox is built on the fake NapCat, so
 * src/testing/ never imports src/sandbox/. `startSandbox` loads the sandbox on first
 * call, so the chat page's code (and its Chinese text) stays out of the bundle a test
 * bot loads (see scripts/smoke-dist.mjs).
 *
 * @module
 */
import type { Sandbox, SandboxOptions } from "./sandbox/server.js";

export * from "./testing/index.js";
export type { Sandbox, SandboxOptions };

/**
 * Starts the sandbox: a fake NapCat, your bot (`setup` function or `bot` file, else the
 * example bot) connected to it, and the chat page.
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox({ port: 0, setup: (bot) => bot.onGroupMessage((m) => m.reply("pong")) });
 * console.log(sandbox.url);
 * await sandbox.stop();
 * ```
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const { startSandbox: start } = await import("./sandbox/server.js");
  return start(options);
}
