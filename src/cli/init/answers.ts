/**
 * What `ncatbot init` needs to know, from flags, then prompts (on a terminal,
 * without `--yes`), then defaults; each value checked the same way.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { basename } from "node:path";
import type { CliContext } from "../context.js";
import { CliError } from "../errors.js";
import { packageVersion } from "../version.js";
import type { ProjectAnswers } from "./templates.js";

/** The flags of `ncatbot init`. */
export interface InitFlags {
  yes?: boolean;
  qq?: string;
  root?: string;
  wsUri?: string;
  token?: string;
  lang?: string;
  force?: boolean;
}

/** A strong random access token: 24 random bytes, base64url (32 characters). */
export function randomToken(): string {
  return randomBytes(24).toString("base64url");
}

/** Checks a QQ number; returns the error text or `undefined`. */
export function qqProblem(value: string): string | undefined {
  return /^[1-9]\d{4,11}$/.test(value) ? undefined : "QQ 号应为 5 到 12 位数字";
}

/** Checks a WebSocket URL; returns the error text or `undefined`. */
export function wsUriProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "不是一个网址，例如 ws://127.0.0.1:3001";
  }
  if (url.protocol !== "ws:" && url.protocol !== "wss:") return "要以 ws:// 或 wss:// 开头";
  if (url.username || url.password || url.searchParams.has("access_token"))
    return "网址里不要带令牌，令牌单独填写";
  return undefined;
}

/** Checks an access token; returns the error text or `undefined`. */
export function tokenProblem(value: string): string | undefined {
  if (value.length < 8) return "令牌至少 8 个字符（留空则自动生成一个强令牌）";
  if (/\s/.test(value)) return "令牌不能包含空白字符";
  return undefined;
}

function check(flag: string, value: string, problem: (v: string) => string | undefined): string {
  const why = problem(value);
  if (why) throw new CliError(`${flag} 的值不对：${why}`, { exitCode: 2 });
  return value;
}

/** An npm package name made from the folder name. */
export function packageName(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+|[-]+$/g, "");
  return name || "my-ncatbot";
}

/** Resolves the answers: flags first, prompts for the rest when interactive, defaults otherwise. */
export async function resolveAnswers(
  ctx: CliContext,
  target: string,
  flags: InitFlags,
): Promise<ProjectAnswers> {
  const lang = flags.lang ?? "ts";
  if (lang !== "ts" && lang !== "js")
    throw new CliError(`--lang 只能是 ts 或 js（收到 "${lang}"）`, { exitCode: 2 });
  const answers: ProjectAnswers = {
    name: packageName(target),
    qq: flags.qq === undefined ? undefined : check("--qq", flags.qq, qqProblem),
    root: flags.root === undefined ? undefined : check("--root", flags.root, qqProblem),
    wsUri:
      flags.wsUri === undefined
        ? "ws://127.0.0.1:3001"
        : check("--ws-uri", flags.wsUri, wsUriProblem),
    token: flags.token === undefined ? randomToken() : check("--token", flags.token, tokenProblem),
    lang,
    ncatbotVersion: `^${packageVersion()}`,
  };
  if (!ctx.interactive || flags.yes) return answers;
  return ask(ctx, answers, flags);
}

async function ask(ctx: CliContext, a: ProjectAnswers, flags: InitFlags): Promise<ProjectAnswers> {
  const { input, select } = await import("@inquirer/prompts");
  const opts = { signal: ctx.signal };
  const optionalQq = (v: string) => (v === "" ? true : (qqProblem(v) ?? true));
  if (flags.qq === undefined) {
    const qq = await input(
      { message: "机器人的 QQ 号（可留空，以后再填）", validate: optionalQq },
      opts,
    );
    a.qq = qq || undefined;
  }
  if (flags.root === undefined) {
    const root = await input(
      { message: "你自己的 QQ 号（机器人主人，可留空）", validate: optionalQq },
      opts,
    );
    a.root = root || undefined;
  }
  if (flags.wsUri === undefined) {
    a.wsUri = await input(
      {
        message: "NapCat 的 WebSocket 地址",
        default: a.wsUri,
        validate: (v) => wsUriProblem(v) ?? true,
      },
      opts,
    );
  }
  if (flags.token === undefined) {
    const token = await input(
      {
        message: "访问令牌（和 NapCat 里填的一致；留空自动生成强令牌）",
        validate: (v) => (v === "" ? true : (tokenProblem(v) ?? true)),
        theme: { style: { answer: () => "******" } },
      },
      opts,
    );
    if (token) a.token = token;
  }
  if (flags.lang === undefined) {
    a.lang = await select(
      {
        message: "插件用什么语言写",
        choices: [
          { name: "TypeScript（推荐）", value: "ts" as const },
          { name: "JavaScript", value: "js" as const },
        ],
      },
      opts,
    );
  }
  return a;
}
