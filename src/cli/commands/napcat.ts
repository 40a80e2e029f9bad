/**
 * `ncatbot napcat setup` (a docker-compose.yml and NapCat's OneBot 11 config
 * matching ncatbot.config.yaml, or the exact WebUI steps) and `ncatbot napcat
 * login` (NapCat's WebUI API: quick login or a QR code in the terminal, then
 * polling until QQ is logged in, and checking it is the configured account).
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import qrcode from "qrcode-terminal";
import { checkConfigFile, configPath, formatProblem } from "../config-file.js";
import { type CliContext, CONFIG_OPTION, type RunCommand } from "../context.js";
import { CliError } from "../errors.js";
import { writeProject } from "../init/write.js";
import { napcatNetwork } from "../napcat/network.js";
import { DEFAULT_WEBUI, WebUIClient } from "../napcat/webui-client.js";
import { parsePositiveSeconds } from "./numbers.js";

/** Where `napcat setup` keeps NapCat's files, relative to the project. */
const NAPCAT_DIR = "napcat";
const WEBUI_JSON = `${NAPCAT_DIR}/config/webui.json`;
const WEBUI_PORT = 6099;

interface SetupFlags {
  config?: string;
  webuiSteps?: boolean;
  force?: boolean;
}

function loadConfig(ctx: CliContext, file: string | undefined) {
  const checked = checkConfigFile(ctx.cwd, configPath(ctx.cwd, file, ctx.env), ctx.env);
  if (!checked.ok) {
    throw new CliError(formatProblem(checked.problem), {
      hint: "先改好配置（npx ncatbot config check），再运行这个命令。",
    });
  }
  return checked;
}

function composeFile(ports: number[], dialsHost: boolean, qq: string | undefined): string {
  const published = [...ports, WEBUI_PORT].map((p) => `      - "127.0.0.1:${p}:${p}"`).join("\n");
  return `# 由 ncatbot napcat setup 生成：NapCat（登录 QQ，提供 OneBot 11）的容器。
# 启动：docker compose up -d    扫码登录：npx ncatbot napcat login    检查：npx ncatbot doctor
# NapCat 的 OneBot 11 网络配置在 ./${NAPCAT_DIR}/config/onebot11.json，和 ncatbot.config.yaml 一致。
services:
  napcat:
    image: mlikiowa/napcat-docker:latest
    container_name: napcat
    restart: always
    environment:
      - NAPCAT_UID=1000
      - NAPCAT_GID=1000
${qq ? `      - ACCOUNT=${qq}\n` : ""}    ports:
      # 只对本机开放：OneBot 端口和 WebUI（${WEBUI_PORT}）
${published}
${dialsHost ? '    extra_hosts:\n      # NapCat 通过这个名字连回运行机器人的这台机器\n      - "host.docker.internal:host-gateway"\n' : ""}    volumes:
      - ./${NAPCAT_DIR}/config:/app/napcat/config
      - ./${NAPCAT_DIR}/qq:/app/.config/QQ
`;
}

async function setup(ctx: CliContext, flags: SetupFlags): Promise<number> {
  const { config, file } = loadConfig(ctx, flags.config);
  const qq = config.selfId === undefined ? undefined : String(config.selfId);
  if (flags.webuiSteps) {
    const network = napcatNetwork(config, "127.0.0.1");
    ctx.out(
      `在 NapCat WebUI（默认 http://127.0.0.1:${WEBUI_PORT}/webui）里这样配置，和 ${file.shown} 一致：`,
    );
    ctx.out("  1. 用 WebUI 令牌登录 WebUI（令牌在 NapCat 的 config/webui.json，启动日志里也有）");
    ctx.out("  2. 左侧「网络配置」→「新建」");
    network.steps.forEach((step, i) => {
      ctx.out(`  ${i + 3}. ${step}`);
    });
    ctx.out(`  ${network.steps.length + 3}. 保存，然后运行 npx ncatbot doctor 检查`);
    return 0;
  }
  const network = napcatNetwork(config, "host.docker.internal");
  const json = `${JSON.stringify(network.json, null, 2)}\n`;
  const files = [
    { path: "docker-compose.yml", text: composeFile(network.ports, network.dialsHost, qq) },
    { path: `${NAPCAT_DIR}/config/onebot11.json`, text: json },
    ...(qq ? [{ path: `${NAPCAT_DIR}/config/onebot11_${qq}.json`, text: json }] : []),
  ];
  if (!existsSync(join(ctx.cwd, WEBUI_JSON))) {
    const webui = {
      host: "0.0.0.0",
      port: WEBUI_PORT,
      token: randomBytes(12).toString("hex"),
      loginRate: 10,
    };
    files.push({ path: WEBUI_JSON, text: `${JSON.stringify(webui, null, 2)}\n` });
  }
  writeProject(ctx.cwd, files, { force: flags.force ?? false });
  const gitignore = join(ctx.cwd, ".gitignore");
  if (existsSync(gitignore) && !/^\/?napcat\/?$/m.test(readFileSync(gitignore, "utf8"))) {
    appendFileSync(gitignore, `# NapCat 的配置（含令牌）和 QQ 登录数据\n${NAPCAT_DIR}/\n`);
  }
  ctx.out(
    ctx.c.green(
      "✔ 已写入 NapCat 的配置（OneBot 11 端口、令牌和 array 消息格式与 ncatbot.config.yaml 一致）：",
    ),
  );
  for (const f of files) ctx.out(`  ${f.path}`);
  ctx.out("");
  ctx.out("接下来：");
  ctx.out("  docker compose up -d        # 启动 NapCat");
  ctx.out(
    "  npx ncatbot napcat login    # 在终端里扫码登录 QQ（WebUI 令牌从 napcat/config/webui.json 读取）",
  );
  ctx.out("  npx ncatbot doctor          # 检查连接");
  return 0;
}

interface LoginFlags {
  config?: string;
  webui?: string;
  webuiToken?: string;
  qq?: string;
  timeout?: string;
  interval?: string;
}

function webUIToken(ctx: CliContext, flags: LoginFlags): string | undefined {
  if (flags.webuiToken) return flags.webuiToken;
  if (ctx.env.NAPCAT_WEBUI_TOKEN) return ctx.env.NAPCAT_WEBUI_TOKEN;
  const path = join(ctx.cwd, WEBUI_JSON);
  if (existsSync(path)) {
    try {
      const token = (JSON.parse(readFileSync(path, "utf8")) as { token?: unknown }).token;
      if (typeof token === "string" && token) return token;
    } catch {
      // unreadable: ask below
    }
  }
  return undefined;
}

function configuredQq(ctx: CliContext, flags: LoginFlags): string | undefined {
  if (flags.qq) return flags.qq;
  const path = configPath(ctx.cwd, flags.config, ctx.env);
  if (!existsSync(path)) return undefined;
  const checked = checkConfigFile(ctx.cwd, path, ctx.env);
  return checked.ok && checked.config.selfId !== undefined
    ? String(checked.config.selfId)
    : undefined;
}

function renderQr(text: string): Promise<string> {
  return new Promise((resolve) => qrcode.generate(text, { small: true }, resolve));
}

interface LoginStatus {
  isLogin?: unknown;
  qrcodeurl?: unknown;
  loginError?: unknown;
}

async function login(ctx: CliContext, flags: LoginFlags): Promise<number> {
  const base = flags.webui ?? ctx.env.NAPCAT_WEBUI ?? DEFAULT_WEBUI;
  const timeoutMs =
    (flags.timeout === undefined ? 180 : parsePositiveSeconds(flags.timeout, "--timeout")) * 1000;
  const intervalMs =
    (flags.interval === undefined ? 1 : parsePositiveSeconds(flags.interval, "--interval")) * 1000;
  let token = webUIToken(ctx, flags);
  if (token === undefined && ctx.interactive) {
    const { password } = await import("@inquirer/prompts");
    token = await password({
      message: "NapCat WebUI 令牌（config/webui.json 里的 token）",
      mask: "*",
    });
  }
  if (!token) {
    throw new CliError("需要 NapCat 的 WebUI 令牌", {
      hint: "用 --webui-token 或环境变量 NAPCAT_WEBUI_TOKEN 给出（在 NapCat 的 config/webui.json 里，启动日志里也有）。",
      exitCode: 2,
    });
  }
  const want = configuredQq(ctx, flags);
  const client = await WebUIClient.login(base, token);
  ctx.out(`已连接 NapCat WebUI ${base}`);
  let status = await client.data<LoginStatus>("/api/QQLogin/CheckLoginStatus");
  if (!status.isLogin) {
    const quick = await quickLoginList(client);
    const pick = want && quick.some((a) => a.uin === want) ? want : undefined;
    if (pick) {
      ctx.out(`快速登录 QQ ${pick}（这台 NapCat 以前登录过它）…`);
      await client.data("/api/QQLogin/SetQuickLogin", { uin: pick });
    } else {
      if (quick.length > 0)
        ctx.out(
          `可以快速登录的账号：${quick.map((a) => `${a.uin}${a.nickName ? `（${a.nickName}）` : ""}`).join("、")}；用 --qq 选一个，或者扫码。`,
        );
      const qr = await client.data<{ qrcode?: unknown }>("/api/QQLogin/GetQQLoginQrcode");
      await showQr(ctx, String(qr.qrcode ?? ""));
    }
    status = await waitForLogin(ctx, client, status, timeoutMs, intervalMs);
  }
  const info = await client.data<{ uin?: unknown; nick?: unknown }>("/api/QQLogin/GetQQLoginInfo");
  const uin = String(info.uin ?? "");
  const who = `QQ ${uin}${info.nick ? `（${String(info.nick)}）` : ""}`;
  if (want && uin !== want) {
    throw new CliError(`NapCat 登录的是 ${who}，但配置的 selfId 是 ${want}`, {
      hint: `在 NapCat WebUI 里退出后用 ${want} 登录，或者把 selfId 改成 ${uin}（npx ncatbot config set selfId ${uin}）。`,
    });
  }
  ctx.out(ctx.c.green(`✔ NapCat 已登录 ${who}${want ? "，和 selfId 一致" : ""}`));
  ctx.out("下一步：npx ncatbot doctor");
  return 0;
}

async function quickLoginList(
  client: WebUIClient,
): Promise<Array<{ uin: string; nickName: string }>> {
  const fresh = await client.call("/api/QQLogin/GetQuickLoginListNew");
  if (fresh.code === 0 && Array.isArray(fresh.data)) {
    return (fresh.data as Array<{ uin?: unknown; nickName?: unknown }>).map((a) => ({
      uin: String(a.uin ?? ""),
      nickName: String(a.nickName ?? ""),
    }));
  }
  const old = await client.call("/api/QQLogin/GetQuickLoginList");
  return old.code === 0 && Array.isArray(old.data)
    ? (old.data as unknown[]).map((u) => ({ uin: String(u), nickName: "" }))
    : [];
}

async function showQr(ctx: CliContext, text: string): Promise<void> {
  if (!text)
    throw new CliError("NapCat 没有给出登录二维码", {
      hint: "稍等几秒再试；或者打开 NapCat WebUI 扫码。",
    });
  ctx.out("用手机 QQ 扫描下面的二维码登录：");
  ctx.out(await renderQr(text));
  ctx.out(`二维码链接（扫不了时可以用别的工具生成二维码）：${text}`);
}

async function waitForLogin(
  ctx: CliContext,
  client: WebUIClient,
  first: LoginStatus,
  timeoutMs: number,
  intervalMs: number,
): Promise<LoginStatus> {
  const deadline = Date.now() + timeoutMs;
  let shown = typeof first.qrcodeurl === "string" ? first.qrcodeurl : "";
  ctx.out(`等待登录（最多 ${Math.round(timeoutMs / 1000)} 秒，Ctrl+C 取消）…`);
  for (;;) {
    const status = await client.data<LoginStatus>("/api/QQLogin/CheckLoginStatus");
    if (status.isLogin) return status;
    if (typeof status.loginError === "string" && status.loginError) {
      throw new CliError(`QQ 登录失败：${status.loginError}`, {
        hint: "在 NapCat WebUI 里查看详情，或者再运行一次 npx ncatbot napcat login。",
      });
    }
    const url = typeof status.qrcodeurl === "string" ? status.qrcodeurl : "";
    if (url && shown && url !== shown) {
      ctx.out("二维码过期了，这是新的：");
      await showQr(ctx, url);
    }
    if (url) shown = url;
    if (Date.now() >= deadline) {
      throw new CliError(`等了 ${Math.round(timeoutMs / 1000)} 秒还没有登录`, {
        hint: "再运行一次 npx ncatbot napcat login（--timeout 可以等更久）。",
      });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Registers `napcat setup|login` on `program`. */
export function registerNapcat(program: Command, ctx: CliContext, run: RunCommand): void {
  const napcat = program
    .command("napcat")
    .description("配置和登录 NapCat（docker-compose、OneBot 11 网络配置、扫码登录）");
  napcat
    .command("setup")
    .description(
      "生成 NapCat 的 docker-compose.yml 和 OneBot 11 网络配置（端口、令牌、array 格式和 ncatbot.config.yaml 一致）",
    )
    .option(
      "--webui-steps",
      "不写文件，只打印在 NapCat WebUI 里要填的每一步（NapCat 在别处运行时用）",
    )
    .option(...CONFIG_OPTION)
    .option("-f, --force", "覆盖已存在的文件")
    .action((flags: SetupFlags) => run(() => setup(ctx, flags)));
  napcat
    .command("login")
    .description("通过 NapCat WebUI 登录 QQ：快速登录或在终端里扫码，并检查登录的是不是配置的 QQ")
    .option("--webui <url>", `NapCat WebUI 地址，默认 ${DEFAULT_WEBUI}（环境变量 NAPCAT_WEBUI）`)
    .option(
      "--webui-token <token>",
      "WebUI 令牌（环境变量 NAPCAT_WEBUI_TOKEN；默认读 napcat/config/webui.json）",
    )
    .option("--qq <qq>", "要登录的 QQ，默认配置里的 selfId")
    .option("--timeout <seconds>", "最多等多少秒，默认 180")
    .option("--interval <seconds>", "查询登录状态的间隔秒数，默认 1")
    .option(...CONFIG_OPTION)
    .action((flags: LoginFlags) => run(() => login(ctx, flags)));
}
