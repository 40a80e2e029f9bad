/**
 * `ncatbot doctor`'s checks, in order, each reported as it ends: config file,
 * host, TCP port, handshake (token), get_login_info (QQ), get_version_info,
 * latency; for reverse WS / HTTP POST, whether NapCat connects to us. A failed
 * step skips the ones that need it. Tokens are never part of any text.
 *
 * @module
 */
import { type ConnectionOption, type ResolvedConfig, reveal } from "../../client/config.js";
import { checkConfigFile, formatProblem } from "../config-file.js";
import { type InboundResult, waitForHttpPost, waitForReverseWs } from "./inbound.js";
import { type CallFailure, type OneBotSocket, openWebSocket } from "./onebot-socket.js";
import { type HttpCallResult, httpCall, probeTcp, resolveHost } from "./probes.js";
import type { DoctorReport, DoctorStep } from "./report.js";

/** Options of {@link runDoctor}. */
export interface DoctorOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The config file (absolute). */
  configFile: string;
  /** Per-request timeout. Default 5000 ms. */
  timeoutMs?: number;
  /** How long to wait for NapCat to connect to us (reverse WS, HTTP POST). Default 15000 ms. */
  waitMs?: number;
  /** Called as each step ends. */
  onStep?: (step: DoctorStep) => void;
}

const TITLES = {
  config: "配置文件",
  dns: "解析主机名",
  tcp: "TCP 端口",
  handshake: "握手与令牌",
  login: "登录的 QQ（get_login_info）",
  version: "NapCat 版本（get_version_info）",
  latency: "往返延迟",
  inbound: "NapCat 连接到机器人",
} as const;

type StepId = keyof typeof TITLES;

const ORDER: Record<string, StepId[]> = {
  "forward-ws": ["config", "dns", "tcp", "handshake", "login", "version", "latency"],
  http: ["config", "dns", "tcp", "handshake", "login", "version", "latency", "inbound"],
  "reverse-ws": ["config", "inbound", "login", "version", "latency"],
};

/** Where each side keeps the token, for hints that never show it. */
function tokenSides(config: ResolvedConfig, env: NodeJS.ProcessEnv, file: string) {
  const ours = env.NCATBOT_WS_TOKEN ? "环境变量 NCATBOT_WS_TOKEN" : `${file} 的 wsToken`;
  const c = config.connection;
  if (c.mode === "http")
    return {
      ours: c.token ? `${file} 的 connection.token` : ours,
      theirs: "NapCat 网络配置里「HTTP 服务器」的 Token",
    };
  if (c.mode === "reverse-ws")
    return {
      ours: c.token ? `${file} 的 connection.token` : ours,
      theirs: "NapCat 网络配置里「WebSocket 客户端」的 Token",
    };
  return { ours, theirs: "NapCat 网络配置里「WebSocket 服务器」的 Token" };
}

function tokenOf(config: ResolvedConfig): string | undefined {
  const c = config.connection;
  // Secrets are `Secret` holders (masked when logged); the doctor needs the real value.
  if (c.mode === "http" || c.mode === "reverse-ws")
    return reveal(c.token) ?? reveal(config.wsToken);
  return reveal(config.wsToken);
}

class Steps {
  readonly steps: DoctorStep[] = [];
  constructor(
    private readonly order: StepId[],
    private readonly onStep: ((s: DoctorStep) => void) | undefined,
  ) {}
  add(id: StepId, status: DoctorStep["status"], detail: string, hint?: string): boolean {
    const step: DoctorStep = { id, title: TITLES[id], status, detail, ...(hint ? { hint } : {}) };
    this.steps.push(step);
    this.onStep?.(step);
    return status !== "fail";
  }
  skipRest(): void {
    for (const id of this.order) {
      if (!this.steps.some((s) => s.id === id)) this.add(id, "skip", "前面的步骤没有通过，跳过");
    }
  }
  get ok(): boolean {
    return this.steps.every((s) => s.status !== "fail");
  }
}

/** One OneBot call, over WS or HTTP, in one shape. */
type Caller = (
  action: string,
) => Promise<{ ok: true; data: unknown; ms: number } | { ok: false; why: string; token: boolean }>;

function wsCaller(socket: OneBotSocket, timeoutMs: number): Caller {
  return async (action) => {
    const r = await socket.call(action, timeoutMs);
    return r.ok
      ? r
      : {
          ok: false,
          why: describeFailure(r.failure, action, timeoutMs),
          token: r.failure.kind === "token",
        };
  };
}

function describeFailure(f: CallFailure, action: string, timeoutMs: number): string {
  switch (f.kind) {
    case "token":
      return "NapCat 拒绝了令牌（retcode 1403）";
    case "timeout":
      return `NapCat 在 ${timeoutMs / 1000} 秒内没有回答 ${action}`;
    case "closed":
      return `连接被关闭了（${f.detail || "没有原因"}）`;
    case "failed":
      return `${action} 失败：retcode ${f.retcode} ${f.message}`;
  }
}

function httpCaller(apiUrl: string, token: string | undefined, timeoutMs: number): Caller {
  return async (action) => {
    const r: HttpCallResult = await httpCall(apiUrl, action, token, timeoutMs);
    if (r.ok) return r;
    switch (r.kind) {
      case "token":
        return { ok: false, why: `NapCat 拒绝了令牌（HTTP ${r.status}）`, token: true };
      case "http":
        return {
          ok: false,
          why: `${apiUrl} 回答了 HTTP ${r.status}，它不像 NapCat 的 HTTP 服务器`,
          token: false,
        };
      case "failed":
        return {
          ok: false,
          why: `${action} 失败：retcode ${r.retcode} ${r.message}`,
          token: false,
        };
      case "error":
        return { ok: false, why: `请求失败：${r.detail}`, token: false };
    }
  };
}

function hostPort(address: string): { host: string; port: number } {
  const url = new URL(address);
  const secure = url.protocol === "wss:" || url.protocol === "https:";
  return {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : secure ? 443 : 80,
  };
}

/** Runs every check; resolves to the report (never throws for a failed check). */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const waitMs = options.waitMs ?? 15_000;
  const checked = checkConfigFile(options.cwd, options.configFile, options.env);
  const mode = checked.ok ? checked.config.connection.mode : "forward-ws";
  const steps = new Steps(ORDER[mode] ?? (ORDER["forward-ws"] as StepId[]), options.onStep);
  if (!checked.ok) {
    steps.add(
      "config",
      "fail",
      formatProblem(checked.problem),
      "改好这一处再运行 npx ncatbot doctor；npx ncatbot config check 只检查配置。",
    );
    steps.skipRest();
    return { ok: false, mode, steps: steps.steps };
  }
  const { config, file } = checked;
  steps.add("config", "pass", `${file.shown}（连接方式 ${mode}）`);
  const sides = tokenSides(config, options.env, file.shown);
  const token = tokenOf(config);
  const closers: Array<() => Promise<void> | void> = [];
  try {
    const caller = await connect(
      config.connection,
      config,
      token,
      sides,
      steps,
      { timeoutMs, waitMs },
      closers,
    );
    if (caller && (await checkOneBot(caller, config, file.shown, steps))) {
      if (config.connection.mode === "http")
        await checkHttpEvents(config.connection, token, steps, { timeoutMs, waitMs });
    }
  } finally {
    for (const close of closers) await close();
  }
  steps.skipRest();
  return { ok: steps.ok, mode, steps: steps.steps };
}

type Sides = ReturnType<typeof tokenSides>;
type Limits = { timeoutMs: number; waitMs: number };

/** Reaches NapCat (dns, tcp, handshake for outbound modes; inbound wait for reverse WS). */
async function connect(
  connection: ConnectionOption,
  config: ResolvedConfig,
  token: string | undefined,
  sides: Sides,
  steps: Steps,
  limits: Limits,
  closers: Array<() => Promise<void> | void>,
): Promise<Caller | undefined> {
  if (connection.mode === "reverse-ws") {
    const host = connection.host ?? "127.0.0.1";
    const path = connection.path ?? "/";
    const result = await waitForReverseWs(host, connection.port, path, token, limits.waitMs);
    if (result.kind !== "listen-error") closers.push(result.close);
    return reverseOutcome(result, `ws://${host}:${connection.port}${path}`, sides, steps, limits);
  }
  const address = connection.mode === "http" ? connection.apiUrl : config.wsUri;
  const { host, port } = hostPort(address);
  const resolved = await resolveHost(host);
  if (!resolved.ok) {
    steps.add(
      "dns",
      "fail",
      `找不到主机 ${host}（${resolved.code}）`,
      "检查地址的拼写；NapCat 在本机就用 127.0.0.1。",
    );
    return undefined;
  }
  steps.add(
    "dns",
    "pass",
    resolved.address === host ? `${host} 是 IP 地址` : `${host} → ${resolved.address}`,
  );
  const tcp = await probeTcp(host, port, limits.timeoutMs);
  if (!tcp.ok) {
    const why =
      tcp.code === "ECONNREFUSED"
        ? "连接被拒绝"
        : tcp.code === "ETIMEDOUT"
          ? `${limits.timeoutMs / 1000} 秒内没有回应`
          : tcp.code;
    const server = connection.mode === "http" ? "HTTP 服务器" : "WebSocket 服务器";
    steps.add(
      "tcp",
      "fail",
      `NapCat 没有在 ${host}:${port} 监听：${why}`,
      `确认 NapCat 已经启动，并在它的网络配置里开启「${server}」，主机和端口与 ${address} 一致（npx ncatbot napcat setup 可以生成配置）。`,
    );
    return undefined;
  }
  steps.add("tcp", "pass", `${host}:${port} 可以连接`);
  const tokenHint = `两边的令牌要一模一样：${sides.ours} 和 ${sides.theirs}。改其中一边，让它们相同。`;
  if (connection.mode === "http") {
    const caller = httpCaller(connection.apiUrl, token, limits.timeoutMs);
    const first = await caller("get_login_info");
    if (!first.ok) {
      steps.add(
        "handshake",
        "fail",
        first.token ? `令牌不一致：${first.why}` : first.why,
        first.token ? tokenHint : undefined,
      );
      return undefined;
    }
    steps.add("handshake", "pass", "HTTP 服务器接受了令牌");
    return caller;
  }
  const opened = await openWebSocket(config.wsUri, token, limits.timeoutMs);
  if (!opened.ok) {
    if (opened.kind === "token")
      steps.add(
        "handshake",
        "fail",
        `令牌不一致：NapCat 拒绝了握手（HTTP ${opened.status}）`,
        tokenHint,
      );
    else if (opened.kind === "http")
      steps.add(
        "handshake",
        "fail",
        `${config.wsUri} 回答了 HTTP ${opened.status}，它不像 NapCat 的 WebSocket 服务器`,
        "检查 wsUri 的端口：是 NapCat「WebSocket 服务器」的端口，不是 HTTP 或 WebUI 的端口。",
      );
    else steps.add("handshake", "fail", `WebSocket 握手失败：${opened.detail}`);
    return undefined;
  }
  closers.push(() => opened.socket.close());
  const caller = wsCaller(opened.socket, limits.timeoutMs);
  const probe = await caller("get_login_info");
  if (!probe.ok && probe.token) {
    steps.add("handshake", "fail", `令牌不一致：${probe.why}`, tokenHint);
    return undefined;
  }
  steps.add(
    "handshake",
    "pass",
    token ? "WebSocket 已连接，令牌正确" : "WebSocket 已连接（没有设置令牌）",
  );
  return caller;
}

function reverseOutcome(
  result: InboundResult,
  url: string,
  sides: Sides,
  steps: Steps,
  limits: Limits,
): Caller | undefined {
  switch (result.kind) {
    case "listen-error":
      steps.add(
        "inbound",
        "fail",
        result.code === "EADDRINUSE"
          ? `${url} 的端口已被占用`
          : `无法在 ${url} 监听：${result.code}`,
        result.code === "EADDRINUSE"
          ? "机器人是不是已经在运行？先停掉它，再运行 doctor。"
          : undefined,
      );
      return undefined;
    case "token":
      steps.add(
        "inbound",
        "fail",
        "NapCat 连上来了，但令牌不一致",
        `两边的令牌要一模一样：${sides.ours} 和 ${sides.theirs}。`,
      );
      return undefined;
    case "timeout":
      steps.add(
        "inbound",
        "fail",
        `等了 ${limits.waitMs / 1000} 秒，NapCat 没有连接 ${url}`,
        `在 NapCat 网络配置里添加「WebSocket 客户端」，地址填 ${url}，并确认 NapCat 正在运行（可以用 --wait 等久一点）。`,
      );
      return undefined;
    case "connected":
      steps.add("inbound", "pass", `NapCat 已连接到 ${url}，令牌正确`);
      return wsCaller(result.socket, limits.timeoutMs);
    case "posted":
      return undefined;
  }
}

/** get_login_info (QQ vs selfId), get_version_info, latency. */
async function checkOneBot(
  call: Caller,
  config: ResolvedConfig,
  file: string,
  steps: Steps,
): Promise<boolean> {
  const login = await call("get_login_info");
  if (!login.ok) {
    steps.add(
      "login",
      "fail",
      login.why,
      "NapCat 可能还没有登录 QQ：npx ncatbot napcat login 或 NapCat WebUI 扫码登录。",
    );
    return false;
  }
  const info = (login.data ?? {}) as { user_id?: unknown; nickname?: unknown };
  const qq = String(info.user_id ?? "");
  const who = `QQ ${qq}${info.nickname ? `（${String(info.nickname)}）` : ""}`;
  if (config.selfId !== undefined && String(config.selfId) !== qq) {
    steps.add(
      "login",
      "fail",
      `NapCat 登录的是 ${who}，但 ${file} 的 selfId 是 ${config.selfId}`,
      `把 selfId 改成 ${qq}（npx ncatbot config set selfId ${qq}），或者让 NapCat 登录 ${config.selfId}。`,
    );
    return false;
  }
  steps.add(
    "login",
    "pass",
    config.selfId === undefined ? `${who}（没有配置 selfId，不比较）` : `${who}，和 selfId 一致`,
  );
  const version = await call("get_version_info");
  if (!version.ok) {
    steps.add("version", "fail", version.why);
    return false;
  }
  const v = (version.data ?? {}) as {
    app_name?: unknown;
    app_version?: unknown;
    protocol_version?: unknown;
  };
  steps.add(
    "version",
    "pass",
    `${String(v.app_name ?? "?")} ${String(v.app_version ?? "?")}（OneBot ${String(v.protocol_version ?? "v11")}）`,
  );
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await call("get_status");
    if (!r.ok) {
      steps.add("latency", "fail", r.why);
      return false;
    }
    times.push(r.ms);
  }
  times.sort((a, b) => a - b);
  const median = times[2] as number;
  const text = `中位数 ${median.toFixed(1)} ms（5 次 get_status，最慢 ${(times[4] as number).toFixed(1)} ms）`;
  steps.add(
    "latency",
    median > 500 ? "warn" : "pass",
    text,
    median > 500 ? "延迟偏高：NapCat 是不是在很远的机器上，或者机器很忙？" : undefined,
  );
  return true;
}

/** HTTP mode: events by HTTP POST (wait for one) or SSE (the stream opens). */
async function checkHttpEvents(
  connection: Extract<ConnectionOption, { mode: "http" }>,
  token: string | undefined,
  steps: Steps,
  limits: Limits,
): Promise<void> {
  const events = connection.events;
  if (events.mode === "sse") {
    const url =
      events.url ??
      new URL(
        "_events",
        connection.apiUrl.endsWith("/") ? connection.apiUrl : `${connection.apiUrl}/`,
      ).href;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
    try {
      const res = await fetch(url, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
        signal: controller.signal,
      });
      void res.body?.cancel();
      if (res.ok) steps.add("inbound", "pass", `SSE 事件流 ${url} 已打开`);
      else
        steps.add(
          "inbound",
          "fail",
          `SSE 事件流 ${url} 回答了 HTTP ${res.status}`,
          "在 NapCat 的「HTTP 服务器」里开启 SSE（enableSSE）。",
        );
    } catch (error) {
      steps.add("inbound", "fail", `打不开 SSE 事件流 ${url}：${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
    return;
  }
  const host = events.host ?? "127.0.0.1";
  const url = `http://${host}:${events.port}${events.path ?? "/"}`;
  const result = await waitForHttpPost(host, events.port, limits.waitMs);
  if (result.kind !== "listen-error") await result.close();
  if (result.kind === "posted") steps.add("inbound", "pass", `收到了 NapCat 发到 ${url} 的事件`);
  else if (result.kind === "listen-error")
    steps.add(
      "inbound",
      "fail",
      result.code === "EADDRINUSE" ? `${url} 的端口已被占用` : `无法在 ${url} 监听：${result.code}`,
      result.code === "EADDRINUSE"
        ? "机器人是不是已经在运行？先停掉它，再运行 doctor。"
        : undefined,
    );
  else
    steps.add(
      "inbound",
      "warn",
      `${limits.waitMs / 1000} 秒内没有收到 NapCat 发到 ${url} 的事件`,
      `在 NapCat 网络配置里添加「HTTP 客户端」，地址填 ${url}；NapCat 只在有事件时才发送，等待时给机器人发一条消息试试。`,
    );
}
