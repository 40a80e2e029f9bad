/**
 * `/help` and `/help <command>`, generated from the declarations and filtered to
 * what the asking user may run in this chat.
 *
 * @module
 */
import type { CommandEntry } from "./registry.js";
import { foldCase } from "./registry.js";
import type { CommandRouter, MessageEvent } from "./router.js";
import { suggest } from "./suggest.js";

function line(entry: CommandEntry): string {
  return entry.description ? `${entry.usage} — ${entry.description}` : entry.usage;
}

/** The commands `event`'s sender may run in its chat, visible in help. */
export function visibleCommands(router: CommandRouter, event: MessageEvent): CommandEntry[] {
  const out: CommandEntry[] = [];
  for (const entry of router.table.commands) {
    if (entry.hidden || !router.suitsChat(entry, event)) continue;
    if (!router.mayRun(entry, event.user_id)) continue;
    out.push(entry);
  }
  return out;
}

/** The `/help` text: commands without an owner first, then one block per plugin. */
export function renderHelp(router: CommandRouter, event: MessageEvent): string {
  const visible = visibleCommands(router, event);
  const byOwner = new Map<string, CommandEntry[]>();
  for (const entry of visible) {
    const key = entry.owner ?? "";
    const list = byOwner.get(key);
    if (list) list.push(entry);
    else byOwner.set(key, [entry]);
  }
  const lines = ["可用命令："];
  for (const entry of byOwner.get("") ?? []) lines.push(line(entry));
  for (const [owner, entries] of byOwner) {
    if (owner === "") continue;
    lines.push(`【${owner}】`);
    for (const entry of entries) lines.push(line(entry));
  }
  if (visible.length === 0) lines.push("（暂无）");
  lines.push(`发送 ${router.mainPrefix}help <命令> 查看详细用法`);
  return lines.join("\n");
}

/** Every name a command answers to, without prefix (`ban`, `禁言`, `admin reload`). */
function namesOf(entry: CommandEntry): string[] {
  let names = [""];
  entry.spec.path.forEach((word, i) => {
    const words = [word, ...(entry.wordAliases[i] ?? [])];
    names = names.flatMap((n) => words.map((w) => (n ? `${n} ${w}` : w)));
  });
  return names.map(foldCase);
}

/** The `/help <command>` text, or undefined when no visible command has that name. */
export function renderCommandHelp(
  router: CommandRouter,
  event: MessageEvent,
  query: string,
): string {
  const wanted = foldCase(query.trim().replace(/\s+/gu, " "));
  const visible = visibleCommands(router, event);
  const strip = (name: string) => {
    for (const entry of visible)
      for (const p of entry.prefixes) if (p && name.startsWith(p)) return name.slice(p.length);
    return name;
  };
  const name = strip(wanted);
  const entry = visible.find((e) => namesOf(e).includes(name));
  if (entry === undefined) {
    const sub = visible.filter((e) => foldCase(e.name).startsWith(`${name} `));
    if (sub.length > 0) return [`${name} 的子命令：`, ...sub.map(line)].join("\n");
    const hint = suggest(name, visible.flatMap(namesOf));
    return `没有命令 ${query.trim()}${hint ? `，你是不是想查 ${hint}？` : "。"}`;
  }
  const lines = [`用法：${entry.usage}`];
  if (entry.description) lines.push(entry.description);
  const aliases = entry.wordAliases[entry.wordAliases.length - 1] ?? [];
  if (aliases.length > 0) lines.push(`别名：${aliases.join("、")}`);
  if (entry.spec.flags.length > 0)
    lines.push(`选项：${entry.spec.flags.map((f) => f.text).join(" ")}`);
  if (entry.permission) lines.push(`权限：${entry.permission}`);
  if (entry.scope) lines.push(entry.scope === "group" ? "仅限群聊" : "仅限私聊");
  if (entry.cooldown) {
    const parts: string[] = [];
    if (entry.cooldown.userMs > 0) parts.push(`每人 ${entry.cooldown.userMs / 1000} 秒`);
    if (entry.cooldown.groupMs > 0) parts.push(`每群 ${entry.cooldown.groupMs / 1000} 秒`);
    lines.push(`冷却：${parts.join("，")}`);
  }
  if (entry.owner) lines.push(`来自插件：${entry.owner}`);
  return lines.join("\n");
}
