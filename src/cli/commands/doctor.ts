/**
 * `ncatbot doctor`: checks the way to NapCat step by step (see ../doctor/run.ts),
 * printing each step as it ends, or one JSON report with `--json`. Exit code 0
 * only when no step failed.
 *
 * @module
 */
import type { Command } from "commander";
import { configPath } from "../config-file.js";
import { type CliContext, CONFIG_OPTION, type RunCommand } from "../context.js";
import type { DoctorStep } from "../doctor/report.js";
import { runDoctor } from "../doctor/run.js";
import { parsePositiveSeconds } from "./numbers.js";

interface DoctorFlags {
  json?: boolean;
  config?: string;
  wait?: string;
  timeout?: string;
}

function printStep(ctx: CliContext, step: DoctorStep): void {
  const { c } = ctx;
  const mark = {
    pass: c.green("✔"),
    fail: c.red("✖"),
    warn: c.yellow("!"),
    skip: c.dim("-"),
  }[step.status];
  const line = `${mark} ${step.title}：${step.detail}`;
  ctx.out(step.status === "skip" ? c.dim(line) : line);
  if (step.hint) ctx.out(`  ${c.cyan("→")} ${step.hint}`);
}

/** Runs `doctor`; resolves to the exit code. */
export async function runDoctorCommand(ctx: CliContext, flags: DoctorFlags): Promise<number> {
  const waitMs =
    flags.wait === undefined ? undefined : parsePositiveSeconds(flags.wait, "--wait") * 1000;
  const timeoutMs =
    flags.timeout === undefined
      ? undefined
      : parsePositiveSeconds(flags.timeout, "--timeout") * 1000;
  if (!flags.json) ctx.out(ctx.c.bold("NcatBot doctor：检查到 NapCat 的每一步"));
  const report = await runDoctor({
    cwd: ctx.cwd,
    env: ctx.env,
    configFile: configPath(ctx.cwd, flags.config, ctx.env),
    ...(waitMs === undefined ? {} : { waitMs }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(flags.json ? {} : { onStep: (step: DoctorStep) => printStep(ctx, step) }),
  });
  if (flags.json) {
    ctx.out(JSON.stringify(report, null, 2));
  } else if (report.ok) {
    ctx.out(ctx.c.green("\n一切正常，可以启动机器人了：npm run dev"));
  } else {
    ctx.out(
      ctx.c.red("\n有步骤没有通过：按上面 → 后面的提示修改，然后再运行 npx ncatbot doctor。"),
    );
  }
  return report.ok ? 0 : 1;
}

/** Registers `doctor` on `program`. */
export function registerDoctor(program: Command, ctx: CliContext, run: RunCommand): void {
  program
    .command("doctor")
    .description("一步一步检查到 NapCat 的连接：配置、主机、端口、令牌、登录的 QQ、版本、延迟")
    .option("--json", "输出机器可读的 JSON 报告")
    .option(...CONFIG_OPTION)
    .option("--wait <seconds>", "反向 WS / HTTP POST：等 NapCat 连上来的秒数，默认 15")
    .option("--timeout <seconds>", "每个请求的超时秒数，默认 5")
    .action((flags: DoctorFlags) => run(() => runDoctorCommand(ctx, flags)));
}
