/**
 * `ncatbot config get|set|check`: reads, edits (in place, comments kept, through
 * the `yaml` Document API) and checks `ncatbot.config.yaml`. A `set` that would
 * make the file invalid is refused before anything is written. Secret values
 * (tokens, secrets, passwords) are never printed.
 *
 * @module
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Command } from "commander";
import { isMap, isScalar, isSeq, parse } from "yaml";
import { checkConfigFile, configPath, formatProblem, loadConfigFile } from "../config-file.js";
import { type CliContext, CONFIG_OPTION, type RunCommand } from "../context.js";
import { CliError } from "../errors.js";

/** Whether `key`'s value is a secret (never printed). */
export function isSecretKey(key: string): boolean {
  return /token|secret|password/i.test(key.split(".").pop() ?? key);
}

/** Settings whose values stay strings even when they look like numbers. */
const STRING_KEYS = new Set([
  "wsUri",
  "wsToken",
  "logLevel",
  "logFormat",
  "connection.token",
  "connection.apiUrl",
  "connection.mode",
]);

function pathOf(key: string): string[] {
  const path = key.split(".").filter(Boolean);
  if (path.length === 0)
    throw new CliError("需要一个设置名，例如 wsUri 或 connection.port", { exitCode: 2 });
  return path;
}

function typedValue(key: string, text: string): unknown {
  if (STRING_KEYS.has(key) || isSecretKey(key)) return text;
  try {
    const value = parse(text) as unknown;
    if (value === null || typeof value === "object") return text;
    return value;
  } catch {
    return text;
  }
}

function display(key: string, value: unknown): string {
  if (isSecretKey(key)) return "******（已设置；出于安全不显示）";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

interface ConfigFlags {
  config?: string;
}

async function get(ctx: CliContext, key: string, flags: ConfigFlags): Promise<number> {
  const file = loadConfigFile(ctx.cwd, configPath(ctx.cwd, flags.config, ctx.env));
  const node = file.doc.getIn(pathOf(key), true);
  if (node === undefined) {
    throw new CliError(`${file.shown} 里没有设置 ${key}`, {
      hint: `设置它：npx ncatbot config set ${key} <值>`,
    });
  }
  const value = isScalar(node) ? node.value : isMap(node) || isSeq(node) ? node.toJSON() : node;
  ctx.out(display(key, value));
  return 0;
}

async function set(
  ctx: CliContext,
  key: string,
  text: string,
  flags: ConfigFlags,
): Promise<number> {
  const path = configPath(ctx.cwd, flags.config, ctx.env);
  const file = loadConfigFile(ctx.cwd, path);
  file.doc.setIn(pathOf(key), typedValue(key, text));
  const next = String(file.doc);
  // Check the edited file as the bot would read it, before it replaces the original.
  const staged = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(staged, next);
  try {
    const checked = checkConfigFile(ctx.cwd, staged, ctx.env);
    if (!checked.ok) {
      const problem = { ...checked.problem, file: file.shown };
      throw new CliError(`没有修改：改完后配置不合法。${formatProblem(problem)}`);
    }
    renameSync(staged, path);
  } finally {
    rmSync(staged, { force: true });
  }
  ctx.out(ctx.c.green(`✔ 已设置 ${key} = ${display(key, typedValue(key, text))}（${file.shown}）`));
  return 0;
}

async function check(ctx: CliContext, flags: ConfigFlags): Promise<number> {
  const checked = checkConfigFile(ctx.cwd, configPath(ctx.cwd, flags.config, ctx.env), ctx.env);
  if (!checked.ok) {
    ctx.err(ctx.c.red(`✖ ${formatProblem(checked.problem)}`));
    return 1;
  }
  const { config, file } = checked;
  ctx.out(ctx.c.green(`✔ ${file.shown} 没有问题`));
  ctx.out(
    `  连接方式：${config.connection.mode}${config.connection.mode === "forward-ws" ? `（${config.wsUri}）` : ""}`,
  );
  ctx.out(`  令牌：${config.wsToken ? "已设置" : "没有设置"}`);
  ctx.out(`  机器人 QQ（selfId）：${config.selfId ?? "没有设置"}`);
  return 0;
}

/** Registers `config get|set|check` on `program`. */
export function registerConfig(program: Command, ctx: CliContext, run: RunCommand): void {
  const config = program
    .command("config")
    .description("查看、修改、检查 ncatbot.config.yaml（保留注释）");
  config
    .command("get")
    .description("显示一个设置的值（令牌等密钥不显示）")
    .argument("<key>", "设置名，例如 wsUri、selfId、connection.port")
    .option(...CONFIG_OPTION)
    .action((key: string, flags: ConfigFlags) => run(() => get(ctx, key, flags)));
  config
    .command("set")
    .description("修改一个设置，保留文件里的注释；改完不合法就不写入")
    .argument("<key>", "设置名，例如 wsUri、selfId、connection.port")
    .argument("<value>", "新的值")
    .option(...CONFIG_OPTION)
    .action((key: string, value: string, flags: ConfigFlags) =>
      run(() => set(ctx, key, value, flags)),
    );
  config
    .command("check")
    .description("检查配置文件：出错时指出文件、行号和设置名")
    .option(...CONFIG_OPTION)
    .action((flags: ConfigFlags) => run(() => check(ctx, flags)));
}
