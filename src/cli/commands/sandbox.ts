/**
 * `ncatbot sandbox [bot-file] [--port N]`: the fake NapCat behind a chat page, with the
 * example bot or your own (`ncatbot sandbox ./bot.ts`), up until Ctrl+C (SIGINT) or
 * SIGTERM, then stopped cleanly.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { startSandbox } from "../../sandbox/index.js";
import type { CliContext, RunCommand } from "../context.js";
import { CliError } from "../errors.js";
import { nextSignal } from "../signals.js";

/** Default port of `ncatbot sandbox` (falls back to a free port when taken). */
export const DEFAULT_SANDBOX_PORT = 8080;

/** Reads `--port`: an integer 0..65535. Throws a usage {@link CliError} otherwise. */
export function parsePort(value: string, option = "--port"): number {
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw new CliError(
      `${option} 需要 0 到 65535 的整数 / ${option} needs an integer from 0 to 65535 (got "${value}")`,
      { exitCode: 2 },
    );
  }
  return port;
}

/** Registers `sandbox` on `program`. */
export function registerSandbox(program: Command, ctx: CliContext, run: RunCommand): void {
  program
    .command("sandbox")
    .argument(
      "[bot]",
      "你自己的机器人文件（.ts 或 .js）：导出 setup(bot)，或自己 new BotClient 并 bot.run()；不写则运行示例机器人",
    )
    .description("启动沙盒：浏览器里和机器人聊天（无需 QQ 与 NapCat）")
    .option(
      "-p, --port <port>",
      `页面端口，默认 ${DEFAULT_SANDBOX_PORT}（被占用时自动换一个）；0 = 随机空闲端口`,
    )
    .action((bot: string | undefined, options: { port?: string }) =>
      run(() => {
        const fixed = options.port !== undefined;
        const port = fixed ? parsePort(options.port as string) : DEFAULT_SANDBOX_PORT;
        if (bot !== undefined && !existsSync(resolve(bot))) {
          throw new CliError(
            `找不到机器人文件 / bot file not found: ${resolve(bot)}（例如 / e.g. ncatbot sandbox ./bot.ts）`,
            { exitCode: 2 },
          );
        }
        return runSandbox(ctx, port, !fixed, bot);
      }),
    );
}

/** A second Ctrl+C this long after the first forces the exit. */
const FORCE_AFTER_MS = 1_500;

async function runSandbox(
  ctx: CliContext,
  port: number,
  portFallback: boolean,
  bot?: string,
): Promise<number> {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({
      port,
      portFallback,
      log: "info",
      ...(bot === undefined ? {} : { bot }),
    });
  } catch (error) {
    throw new CliError(
      `沙盒启动失败 / the sandbox could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const url = sandbox.url.replace(/\/$/, "");
  ctx.out(`NcatBot 沙盒已启动: ${url}`);
  ctx.out(
    bot === undefined
      ? "在浏览器中打开上面的地址，发送「测试」试试。按 Ctrl+C 退出。 / Open the URL and send 测试. Ctrl+C to quit."
      : `正在运行你的机器人 ${bot}：打开上面的地址和它聊天。按 Ctrl+C 退出。 / Running your bot ${bot}: open the URL and chat. Ctrl+C to quit.`,
  );
  const signal = await nextSignal();
  ctx.out(`\n收到 ${signal}，正在关闭沙盒… / stopping`);
  // Ctrl+C signals the whole process group, so wrappers (npx, tsx) may relay the same
  // signal again: ignore repeats for a moment; a later one forces the exit.
  const stoppingSince = Date.now();
  const onRepeat = () => {
    if (Date.now() - stoppingSince > FORCE_AFTER_MS) process.exit(130);
  };
  process.on("SIGINT", onRepeat);
  process.on("SIGTERM", onRepeat);
  try {
    await sandbox.stop();
  } finally {
    process.off("SIGINT", onRepeat);
    process.off("SIGTERM", onRepeat);
  }
  return 0;
}
