/**
 * The `ncatbot` command tree (commander): every command, its Chinese help text,
 * and one way to turn a command's result or {@link CliError} into an exit code.
 *
 * @module
 */
import { Command, CommanderError } from "commander";
import { registerConfig } from "./commands/config.js";
import { registerDoctor } from "./commands/doctor.js";
import { registerInit } from "./commands/init.js";
import { registerNapcat } from "./commands/napcat.js";
import { registerPlugin } from "./commands/plugin.js";
import { registerDev, registerRun } from "./commands/run.js";
import { registerSandbox } from "./commands/sandbox.js";
import type { CliContext, Register, RunCommand } from "./context.js";
import { CliError } from "./errors.js";
import { ChineseHelp, translateError } from "./help.js";
import { packageVersion } from "./version.js";

const COMMANDS: readonly Register[] = [
  registerInit,
  registerRun,
  registerDev,
  registerPlugin,
  registerDoctor,
  registerConfig,
  registerNapcat,
  registerSandbox,
];

/** A commander `Command` whose help (and its subcommands' help) has bilingual titles. */
class NcatBotCommand extends Command {
  override createCommand(name?: string): Command {
    return new NcatBotCommand(name);
  }

  override createHelp(): ChineseHelp {
    return Object.assign(new ChineseHelp(), this.configureHelp());
  }
}

function reportError(ctx: CliContext, error: unknown): number {
  if (error instanceof CliError) {
    ctx.err(ctx.c.red(`✖ ${error.message}`));
    if (error.hint) ctx.err(`  ${error.hint}`);
    return error.exitCode;
  }
  ctx.err(
    ctx.c.red(
      `✖ 意外错误 / unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    ),
  );
  return 1;
}

/** Builds the program. `setCode` receives each command's exit code. */
export function createProgram(ctx: CliContext, setCode: (code: number) => void): Command {
  const program = new NcatBotCommand("ncatbot");
  const run: RunCommand = async (fn) => {
    try {
      setCode(await fn());
    } catch (error) {
      setCode(reportError(ctx, error));
    }
  };
  program
    .description("NcatBot：基于 NapCat（OneBot 11）的 QQ 机器人框架的命令行工具")
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => ctx.out(text.replace(/\n$/, "")),
      writeErr: (text) => ctx.err(text.replace(/\n$/, "")),
      outputError: (text, write) => write(ctx.c.red(translateError(text))),
    })
    .version(packageVersion(), "-v, --version", "显示版本号")
    .helpOption("-h, --help", "显示帮助")
    .helpCommand("help [command]", "显示某个命令的帮助")
    .addHelpText(
      "after",
      "\n每个命令都有 --help，例如 `ncatbot init --help`。完整说明见文档 docs/cli.md。",
    );
  for (const register of COMMANDS) register(program, ctx, run);
  return program;
}

/**
 * Runs the command line `argv` (without `node` and the script) in `ctx`;
 * resolves to the exit code (0 ok, 1 failure, 2 bad usage).
 */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  let code = 0;
  const program = createProgram(ctx, (c) => {
    code = c;
  });
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportError(ctx, error);
  }
  return code;
}
