/**
 * How `ncatbot sandbox ./bot.ts` runs a user's own bot file unchanged: the sandbox's bot
 * thread installs this hook before importing the file, and every `BotClient` the file
 * creates is pointed at the sandbox's fake NapCat (whatever `wsUri`, token, connection
 * mode or config file the file names) and handed to the sandbox, which stops it.
 * Nothing else ever sets it; without it `BotClient` is unchanged.
 *
 * @module
 */
import type { BotClientExtras, BotClientOptions } from "./config.js";
import type { LogLevel } from "./logger.js";

/** The global slot the sandbox's bot thread fills (a registered symbol: one per thread). */
export const SANDBOX_HOOK: unique symbol = Symbol.for("ncatbot.sandbox") as never;

/** What the sandbox puts in the slot. */
export interface SandboxHook {
  /** The fake NapCat's universal WebSocket URL. */
  readonly wsUri: string;
  /** Its access token. */
  readonly wsToken: string;
  readonly logLevel: LogLevel;
  /** Receives every BotClient created while the hook is installed. */
  adopt(bot: object): void;
}

/** The hook, when this thread is a sandbox bot thread. */
export function sandboxHook(): SandboxHook | undefined {
  return (globalThis as { [SANDBOX_HOOK]?: SandboxHook })[SANDBOX_HOOK];
}

/** `options` pointed at the sandbox's fake NapCat (forward WebSocket, no config file). */
export function sandboxOptions(
  hook: SandboxHook,
  options: BotClientOptions,
  extras: BotClientExtras,
): [BotClientOptions, BotClientExtras] {
  const { connection: _connection, ...rest } = options;
  return [
    {
      ...rest,
      wsUri: hook.wsUri,
      wsToken: hook.wsToken,
      logLevel: hook.logLevel,
      configFile: false,
      reconnect: false,
    },
    { ...extras, env: {} },
  ];
}
