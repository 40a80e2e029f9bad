/**
 * `ncatbot init [dir]`: a new bot project (config, hello plugin with a test,
 * package.json scripts, .gitignore), written all or nothing.
 *
 * @module
 */
import { relative, resolve } from "node:path";
import type { Command } from "commander";
import type { CliContext, RunCommand } from "../context.js";
import { CliError } from "../errors.js";
import { type InitFlags, resolveAnswers } from "../init/answers.js";
import { projectFiles } from "../init/templates.js";
import { type WriteOptions, writeProject } from "../init/write.js";

/** Runs `init` for `dir` with `flags`; resolves to the exit code. */
export async function runInit(
  ctx: CliContext,
  dir: string,
  flags: InitFlags,
  hooks: Pick<WriteOptions, "afterEach"> = {},
): Promise<number> {
  const target = resolve(ctx.cwd, dir);
  let answers: Awaited<ReturnType<typeof resolveAnswers>>;
  try {
    answers = await resolveAnswers(ctx, target, flags);
  } catch (error) {
    const name = (error as { name?: unknown }).name;
    if (name === "ExitPromptError" || name === "AbortPromptError") {
      throw new CliError("已取消，没有写入任何文件。", { exitCode: 130 });
    }
    throw error;
  }
  const files = projectFiles(answers);
  // Hold Ctrl+C while writing: the write is one synchronous pass, all or nothing.
  const hold = () => {};
  process.on("SIGINT", hold);
  try {
    writeProject(target, files, { force: flags.force ?? false, ...hooks });
  } finally {
    process.off("SIGINT", hold);
  }
  const { c } = ctx;
  const shown = relative(ctx.cwd, target) || ".";
  ctx.out(c.green(`✔ 已在 ${shown} 创建 NcatBot 项目：`));
  for (const f of files) ctx.out(`  ${f.path}`);
  ctx.out("");
  ctx.out("接下来：");
  if (shown !== ".") ctx.out(`  cd ${shown}`);
  ctx.out("  npm install          # 安装依赖");
  ctx.out("  npm test             # 用假 NapCat 测试 hello 插件（不需要 QQ）");
  ctx.out("  npx ncatbot doctor   # 检查和 NapCat 的连接");
  ctx.out("  npm run dev          # 启动机器人，改代码自动重启");
  ctx.out(
    c.dim(
      "令牌已写入 ncatbot.config.yaml 的 wsToken：在 NapCat 的网络配置里填同一个值（npx ncatbot napcat setup 可以帮你写好）。",
    ),
  );
  return 0;
}

/** Registers `init` on `program`. */
export function registerInit(program: Command, ctx: CliContext, run: RunCommand): void {
  program
    .command("init")
    .description("新建一个机器人项目（配置文件、hello 插件和测试、npm 脚本）")
    .argument("[dir]", "项目目录，默认当前目录", ".")
    .option("-y, --yes", "不提问，全部用默认值或命令行给出的值")
    .option("--qq <qq>", "机器人的 QQ 号")
    .option("--root <qq>", "机器人主人的 QQ 号")
    .option("--ws-uri <uri>", "NapCat 的 WebSocket 地址，默认 ws://127.0.0.1:3001")
    .option("--token <token>", "访问令牌（默认随机生成一个强令牌）")
    .option("--lang <lang>", "插件语言：ts 或 js，默认 ts")
    .option("-f, --force", "覆盖已存在的文件")
    .action((dir: string, flags: InitFlags) => run(() => runInit(ctx, dir, flags)));
}
