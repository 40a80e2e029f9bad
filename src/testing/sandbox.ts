/**
 * `startSandbox` for `ncatbot/testing`, loaded on first call: the chat page's code (and
 * its Chinese text) stays out of the bundle a test bot loads (see scripts/smoke-dist.mjs).
 *
 * @module
 */
import type { Sandbox, SandboxOptions } from "../sandbox/server.js";

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
  const { startSandbox: start } = await import("../sandbox/server.js");
  return start(options);
}
