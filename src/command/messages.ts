/**
 * What commands answer users with, and how bots change it (`commands:` settings).
 *
 * @module
 */

/** Command settings (`commands:` in the config, or `new BotClient({ commands: {...} })`). */
export interface CommandSettings {
  /** Register the built-in `/help`. Default true. */
  help?: boolean;
  /** Register the built-in root-only `/perm ...` commands. Default true. */
  permCommands?: boolean;
  /** Reply when a user may not run a command; `false` stays silent. Default `权限不足。` */
  deniedReply?: string | false;
  /** Reply when a handler throws; `false` stays silent. Default `抱歉，命令执行出错了。` (never the error itself). */
  errorReply?: string | false;
  /** Reply when a cooldown is hit (`{seconds}` is replaced); `false` stays silent. */
  cooldownReply?: string | false;
  /** Reply when a command is used in the wrong kind of chat (`{scope}`: 群聊 / 私聊); `false` stays silent. */
  scopeReply?: string | false;
  /** Suggest the closest command for an unknown one (`/ehco` -> `/echo`). Default true. */
  didYouMean?: boolean;
  /** Where permissions are saved. Default `<dataDir>/rbac.json` (`data/rbac.json`); `false` keeps them in memory. */
  rbacFile?: string | false;
}

/** The settings with every default filled in. */
export interface ResolvedCommandSettings {
  readonly help: boolean;
  readonly permCommands: boolean;
  readonly deniedReply: string | false;
  readonly errorReply: string | false;
  readonly cooldownReply: string | false;
  readonly scopeReply: string | false;
  readonly didYouMean: boolean;
  readonly rbacFile: string | false;
}

/** The defaults. */
export const COMMAND_DEFAULTS: ResolvedCommandSettings = {
  help: true,
  permCommands: true,
  deniedReply: "权限不足。",
  errorReply: "抱歉，命令执行出错了。",
  cooldownReply: "操作太频繁，请 {seconds} 秒后再试。",
  scopeReply: "该命令只能在{scope}中使用。",
  didYouMean: true,
  rbacFile: "data/rbac.json",
};

/** Fills in the defaults. */
export function resolveCommandSettings(settings: CommandSettings = {}): ResolvedCommandSettings {
  const out: Record<string, unknown> = { ...COMMAND_DEFAULTS };
  for (const [key, value] of Object.entries(settings)) if (value !== undefined) out[key] = value;
  return out as unknown as ResolvedCommandSettings;
}

/** `template` with each `{name}` replaced. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
