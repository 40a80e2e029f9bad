/**
 * `ncatbot plugin new|list|enable|disable`. Plugins are the folders under the
 * plugins folder (`pluginsDir`, default `plugins/`); the loader skips folders
 * whose name starts with `_`, so disabling a plugin renames `plugins/x` to
 * `plugins/_x` and enabling renames it back: visible in the file tree, nothing
 * hidden in a settings file.
 *
 * @module
 */
import { existsSync, readdirSync, renameSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { findEntry, importPlugin } from "../../plugin/loader.js";
import { checkConfigFile, configPath } from "../config-file.js";
import { type CliContext, CONFIG_OPTION, type RunCommand } from "../context.js";
import { CliError } from "../errors.js";
import { className, pluginSource, pluginTest } from "../init/plugin-template.js";
import { writeProject } from "../init/write.js";

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

interface PluginFlags {
  config?: string;
  lang?: string;
}

function pluginsDir(ctx: CliContext, flags: PluginFlags): string {
  const path = configPath(ctx.cwd, flags.config, ctx.env);
  if (existsSync(path)) {
    const checked = checkConfigFile(ctx.cwd, path, ctx.env);
    if (checked.ok && checked.config.pluginsDir !== false)
      return resolve(ctx.cwd, checked.config.pluginsDir);
  }
  return resolve(ctx.cwd, "plugins");
}

function checkName(name: string): void {
  if (!NAME.test(name)) {
    throw new CliError(`插件名 "${name}" 不行：只能用字母、数字、-、_、.，并以字母或数字开头`, {
      exitCode: 2,
    });
  }
}

function shown(ctx: CliContext, path: string): string {
  return relative(ctx.cwd, path) || ".";
}

async function create(ctx: CliContext, name: string, flags: PluginFlags): Promise<number> {
  checkName(name);
  const dir = pluginsDir(ctx, flags);
  const lang = flags.lang ?? (existsSync(join(ctx.cwd, "tsconfig.json")) ? "ts" : "js");
  if (lang !== "ts" && lang !== "js")
    throw new CliError(`--lang 只能是 ts 或 js（收到 "${lang}"）`, { exitCode: 2 });
  if (existsSync(join(dir, name)) || existsSync(join(dir, `_${name}`))) {
    throw new CliError(`插件 ${name} 已经存在（${shown(ctx, join(dir, name))}）`, {
      hint: "换一个名字。",
    });
  }
  const cls = className(name);
  const reply = `这里是 ${name} 插件`;
  writeProject(
    join(dir, name),
    [
      { path: `index.${lang}`, text: pluginSource(lang, name, cls, reply) },
      { path: `${name}.test.${lang}`, text: pluginTest(lang, name, cls, reply) },
    ],
    { force: false },
  );
  const where = shown(ctx, join(dir, name));
  ctx.out(ctx.c.green(`✔ 已创建插件 ${name}：`));
  ctx.out(`  ${where}/index.${lang}`);
  ctx.out(`  ${where}/${name}.test.${lang}`);
  ctx.out("npm test 运行它的测试；npm run dev 时它会自动加载，改了代码会自动重新加载。");
  return 0;
}

async function list(ctx: CliContext, flags: PluginFlags): Promise<number> {
  const dir = pluginsDir(ctx, flags);
  if (!existsSync(dir)) {
    ctx.out(`没有插件文件夹 ${shown(ctx, dir)}。新建插件：npx ncatbot plugin new 名字`);
    return 0;
  }
  const names = readdirSync(dir)
    .filter(
      (n) => !n.startsWith(".") && n !== "node_modules" && statSync(join(dir, n)).isDirectory(),
    )
    .sort((a, b) => a.replace(/^_/, "").localeCompare(b.replace(/^_/, "")));
  if (names.length === 0)
    ctx.out(`${shown(ctx, dir)} 里还没有插件。新建插件：npx ncatbot plugin new 名字`);
  let failed = 0;
  for (const folder of names) {
    const enabled = !folder.startsWith("_");
    const name = folder.replace(/^_/, "");
    const state = enabled ? ctx.c.green("启用") : ctx.c.dim("禁用");
    const entry = findEntry(join(dir, folder));
    if (typeof entry !== "string") {
      failed++;
      ctx.out(`${ctx.c.red("✖")} ${name}  ${state}  ${entry.message}`);
      continue;
    }
    try {
      const cls = await importPlugin({ folder, dir: join(dir, folder), entry });
      const meta =
        (cls as unknown as { meta?: { name?: string; version?: string; description?: string } })
          .meta ?? {};
      const extra = meta.name && meta.name !== name ? `（meta.name: ${meta.name}）` : "";
      ctx.out(
        `${enabled ? ctx.c.green("●") : ctx.c.dim("○")} ${name}${extra}  ${meta.version ?? ""}  ${state}  ${meta.description ?? ""}`.trimEnd(),
      );
    } catch (error) {
      failed++;
      ctx.out(
        `${ctx.c.red("✖")} ${name}  ${state}  加载失败：${(error as Error).message.split("\n")[0]}`,
      );
    }
  }
  return failed > 0 ? 1 : 0;
}

function toggle(ctx: CliContext, name: string, enable: boolean, flags: PluginFlags): number {
  checkName(name);
  const dir = pluginsDir(ctx, flags);
  const on = join(dir, name);
  const off = join(dir, `_${name}`);
  const [from, to] = enable ? [off, on] : [on, off];
  if (existsSync(to) && !existsSync(from)) {
    ctx.out(`插件 ${name} 已经是${enable ? "启用" : "禁用"}的。`);
    return 0;
  }
  if (!existsSync(from)) {
    throw new CliError(`没有插件 ${name}（${shown(ctx, dir)} 里找不到）`, {
      hint: "看看有哪些：npx ncatbot plugin list",
    });
  }
  if (existsSync(to))
    throw new CliError(`${shown(ctx, on)} 和 ${shown(ctx, off)} 都存在：删掉或改名其中一个。`);
  renameSync(from, to);
  ctx.out(
    ctx.c.green(
      `✔ 已${enable ? "启用" : "禁用"}插件 ${name}（${shown(ctx, from)} → ${shown(ctx, to)}）`,
    ),
  );
  ctx.out(
    enable
      ? "下次启动时加载（npm run dev 正在运行时请重启它）。"
      : "下次启动时不再加载（正在运行的机器人请重启）。",
  );
  return 0;
}

/** Registers `plugin new|list|enable|disable` on `program`. */
export function registerPlugin(program: Command, ctx: CliContext, run: RunCommand): void {
  const plugin = program
    .command("plugin")
    .description("插件：新建、列出、启用、禁用（插件是 plugins/ 下的文件夹）");
  const fileOption = [CONFIG_OPTION[0], `${CONFIG_OPTION[1]}（读取 pluginsDir）`] as const;
  plugin
    .command("new")
    .description("新建一个插件（带测试），回复 /<名字>")
    .argument("<name>", "插件名，例如 weather")
    .option("--lang <lang>", "ts 或 js，默认看项目里有没有 tsconfig.json")
    .option(...fileOption)
    .action((name: string, flags: PluginFlags) => run(() => create(ctx, name, flags)));
  plugin
    .command("list")
    .description("列出插件：名字、版本、启用还是禁用、说明")
    .option(...fileOption)
    .action((flags: PluginFlags) => run(() => list(ctx, flags)));
  for (const [word, enable, description] of [
    ["enable", true, "启用插件（把 plugins/_名字 改回 plugins/名字）"],
    ["disable", false, "禁用插件（把 plugins/名字 改成 plugins/_名字，加载时跳过）"],
  ] as const) {
    plugin
      .command(word)
      .description(description)
      .argument("<name>", "插件名")
      .option(...fileOption)
      .action((name: string, flags: PluginFlags) =>
        run(async () => toggle(ctx, name, enable, flags)),
      );
  }
}
