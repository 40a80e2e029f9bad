/**
 * `ncatbot run`: reads the config, starts the bot (and, through BotClient, the
 * plugins folder) and stays up until Ctrl+C. When NapCat cannot be reached it
 * never waits silently: it says what it is connecting to and why that failed,
 * retries with a growing delay (1 s doubling to 30 s), and points to
 * `ncatbot doctor`. A rejected token is not retried.
 *
 * @module
 */
import type { Command } from "commander";
import type { ResolvedConfig } from "../../client/config.js";
import { BotClient, type BotClientOptions } from "../../client/index.js";
import { ConfigError } from "../../errors.js";
import { checkConfigFile, configPath, formatProblem } from "../config-file.js";
import { type CliContext, CONFIG_OPTION, type RunCommand } from "../context.js";
import { CliError } from "../errors.js";
import { nextSignal } from "../signals.js";

/** First retry delay and its cap. */
export const RETRY = { initialMs: 1000, maxMs: 30_000 } as const;

interface RunFlags {
  config?: string;
}

function target(config: ResolvedConfig): string {
  const c = config.connection;
  if (c.mode === "reverse-ws")
    return `等 NapCat 连接 ws://${c.host ?? "127.0.0.1"}:${c.port}${c.path ?? "/"}`;
  if (c.mode === "http") return `NapCat HTTP 服务器 ${c.apiUrl}`;
  return `NapCat WebSocket 服务器 ${config.wsUri}`;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

/** Runs the bot; `extra` adds BotClient options (e.g. `ncatbot dev`'s). Resolves to the exit code. */
export async function runBot(
  ctx: CliContext,
  flags: RunFlags,
  extra: BotClientOptions = {},
): Promise<number> {
  const path = configPath(ctx.cwd, flags.config, ctx.env);
  const checked = checkConfigFile(ctx.cwd, path, ctx.env);
  if (!checked.ok) {
    throw new CliError(formatProblem(checked.problem), {
      hint: checked.file
        ? "改好这一处再启动（npx ncatbot config check 只检查配置）。"
        : "在项目目录里运行，或者先用 npx ncatbot init 新建项目。",
    });
  }
  const where = target(checked.config);
  const stop = nextSignal();
  let stopped = false;
  void stop.then(() => {
    stopped = true;
  });
  let delay: number = RETRY.initialMs;
  for (let attempt = 1; ; attempt++) {
    ctx.out(attempt === 1 ? `正在连接：${where} …` : `第 ${attempt} 次连接：${where} …`);
    const bot = new BotClient({ ...extra, configFile: path }, { env: ctx.env });
    const outcome = await Promise.race([
      bot.start().then(
        () => "started" as const,
        (error: unknown) => error,
      ),
      stop.then(() => "signal" as const),
    ]);
    if (outcome === "signal") {
      await bot.stop();
      ctx.out("已停止。");
      return 0;
    }
    if (outcome === "started") {
      ctx.out(ctx.c.green(`✔ 已连接（${where}）。按 Ctrl+C 停止。`));
      await stop;
      ctx.out("正在停止…");
      await bot.stop();
      ctx.out("已停止。");
      return 0;
    }
    if (outcome instanceof ConfigError) {
      throw new CliError(`NapCat 拒绝了连接：${firstLine(outcome)}`, {
        hint: "令牌或配置不对，重试也没用：运行 npx ncatbot doctor 看是哪一边的哪个设置。",
      });
    }
    ctx.err(ctx.c.yellow(`✖ 连不上（${where}）：${firstLine(outcome)}`));
    ctx.err(`  ${delay / 1000} 秒后重试。一步一步检查哪里不对：npx ncatbot doctor`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = await Promise.race([
      new Promise<"timer">((resolve) => {
        timer = setTimeout(() => resolve("timer"), delay);
      }),
      stop.then(() => "signal" as const),
    ]);
    clearTimeout(timer);
    if (waited === "signal" || stopped) {
      ctx.out("已停止。");
      return 0;
    }
    delay = Math.min(delay * 2, RETRY.maxMs);
  }
}

/** Registers `dev` on `program`: `run` with hot reload of changed plugins and readable logs. */
export function registerDev(program: Command, ctx: CliContext, run: RunCommand): void {
  program
    .command("dev")
    .description("开发模式：和 run 一样，但改了插件代码会自动重新加载，日志更好读")
    .option(...CONFIG_OPTION)
    .action((flags: RunFlags) =>
      run(() => {
        ctx.out("开发模式：plugins/ 里的文件一改就重新加载那个插件。");
        return runBot(ctx, flags, { hotReload: true, logFormat: "pretty" });
      }),
    );
}

/** Registers `run` on `program`. */
export function registerRun(program: Command, ctx: CliContext, run: RunCommand): void {
  program
    .command("run")
    .description("读取 ncatbot.config.yaml，加载 plugins/ 里的插件，启动机器人（Ctrl+C 停止）")
    .option(...CONFIG_OPTION)
    .action((flags: RunFlags) => run(() => runBot(ctx, flags)));
}
