import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { captureContext } from "../../src/cli/context.js";
import type { DoctorReport } from "../../src/cli/doctor/report.js";
import { runCli } from "../../src/cli/program.js";
import { type InProcessFakeNapCat, startFakeNapCatInProcess } from "../../src/testing/index.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** tsx's loader by absolute URL: the child runs in a temp dir where "tsx" does not resolve. */
const TSX = pathToFileURL(join(ROOT, "node_modules/tsx/dist/esm/index.mjs")).href;
const TOKEN = "doctor-right-token-0123456789";
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

function project(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), "ncatbot-doctor-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "ncatbot.config.yaml"), yaml);
  return dir;
}

async function fake(
  options: Parameters<typeof startFakeNapCatInProcess>[0],
): Promise<InProcessFakeNapCat> {
  const f = await startFakeNapCatInProcess({ heartbeatIntervalMs: 0, ...options });
  cleanups.push(() => f.stop());
  return f;
}

/** A port nothing listens on (bound once by the OS, then released). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on `port` (each try waits for a real answer). */
async function listening(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => resolve(true));
      socket.once("error", () => resolve(false));
      socket.once("connect", () => socket.destroy());
    });
    if (up) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`nothing listened on 127.0.0.1:${port} in time`);
}

async function doctor(cwd: string, ...argv: string[]) {
  const ctx = captureContext(cwd);
  const code = await runCli(["doctor", ...argv], ctx);
  return { code, output: ctx.output() };
}

async function doctorJson(cwd: string, ...argv: string[]) {
  const { code, output } = await doctor(cwd, "--json", ...argv);
  return { code, report: JSON.parse(output) as DoctorReport, output };
}

const statuses = (r: DoctorReport) => Object.fromEntries(r.steps.map((s) => [s.id, s.status]));

describe("ncatbot doctor (forward WebSocket)", () => {
  it("all good: every step passes, exit 0, with NapCat's version and the QQ", async () => {
    const f = await fake({ token: TOKEN, selfId: 123456789 });
    const dir = project(`wsUri: ${f.wsUrl}\nwsToken: ${TOKEN}\nselfId: 123456789\n`);
    const { code, output } = await doctor(dir);
    expect(code, output).toBe(0);
    expect(output).toMatch(/✔ TCP 端口/);
    expect(output).toContain("QQ 123456789");
    expect(output).toContain("4.18.19");
    expect(output).toMatch(/往返延迟：中位数 [\d.]+ ms/);
    expect(output).not.toContain(TOKEN);
    const json = await doctorJson(dir);
    expect(json.code).toBe(0);
    expect(json.report.ok).toBe(true);
    expect(statuses(json.report)).toEqual({
      config: "pass",
      dns: "pass",
      tcp: "pass",
      handshake: "pass",
      login: "pass",
      version: "pass",
      latency: "pass",
    });
  });

  it("nothing listening: names host and port, skips the rest, exit 1", async () => {
    const port = await freePort();
    const dir = project(`wsUri: ws://127.0.0.1:${port}\nwsToken: ${TOKEN}\n`);
    const { code, output } = await doctor(dir);
    expect(code).toBe(1);
    expect(output).toContain(`NapCat 没有在 127.0.0.1:${port} 监听：连接被拒绝`);
    const { report } = await doctorJson(dir);
    expect(statuses(report)).toMatchObject({ tcp: "fail", handshake: "skip", login: "skip" });
  });

  it("wrong token: says the token differs, names both settings, never prints a token", async () => {
    const f = await fake({ token: TOKEN });
    const wrong = "doctor-wrong-token-9876543210";
    const dir = project(`wsUri: ${f.wsUrl}\nwsToken: ${wrong}\n`);
    const { code, output } = await doctor(dir);
    expect(code).toBe(1);
    expect(output).toContain("令牌不一致");
    expect(output).toContain("ncatbot.config.yaml 的 wsToken");
    expect(output).toContain("「WebSocket 服务器」的 Token");
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain(wrong);
    const { report } = await doctorJson(dir);
    expect(statuses(report)).toMatchObject({ tcp: "pass", handshake: "fail", login: "skip" });
  });

  it("wrong QQ: NapCat is logged in as another account than selfId", async () => {
    const f = await fake({ token: TOKEN, selfId: 111111111 });
    const dir = project(`wsUri: ${f.wsUrl}\nwsToken: ${TOKEN}\nselfId: 222222222\n`);
    const { code, output } = await doctor(dir);
    expect(code).toBe(1);
    expect(output).toContain("NapCat 登录的是 QQ 111111111");
    expect(output).toContain("selfId 是 222222222");
    expect(output).toContain("npx ncatbot config set selfId 111111111");
  });

  it("a broken config file names the file, line and key", async () => {
    const dir = project("# comment\nwsUri: ws://127.0.0.1:3001\nlogLevel: loud\n");
    const { code, output } = await doctor(dir);
    expect(code).toBe(1);
    expect(output).toContain("ncatbot.config.yaml:3 设置 logLevel");
    const syntax = project("wsUri: ws://127.0.0.1:3001\nwsToken: [oops\n");
    expect((await doctor(syntax)).output).toMatch(/ncatbot\.config\.yaml:\d+：YAML 语法错误/);
    const none = mkdtempSync(join(tmpdir(), "ncatbot-doctor-"));
    cleanups.push(() => rmSync(none, { recursive: true, force: true }));
    expect((await doctor(none)).output).toContain("找不到配置文件");
  });
});

describe("ncatbot doctor (NapCat connects to us)", () => {
  it("reverse WebSocket: waits for NapCat, checks its token, then asks it who it is", async () => {
    const port = await freePort();
    const dir = project(
      `wsToken: ${TOKEN}\nselfId: 123456789\nconnection:\n  mode: reverse-ws\n  port: ${port}\n`,
    );
    const running = doctor(dir, "--wait", "20");
    await fake({
      selfId: 123456789,
      reverse: { url: `ws://127.0.0.1:${port}/`, token: TOKEN, reconnectIntervalMs: 100 },
    });
    const { code, output } = await running;
    expect(code, output).toBe(0);
    expect(output).toContain(`NapCat 已连接到 ws://127.0.0.1:${port}/`);
    expect(output).toContain("QQ 123456789");
  });

  it("reverse WebSocket with the wrong token on NapCat's side", async () => {
    const port = await freePort();
    const dir = project(`wsToken: ${TOKEN}\nconnection:\n  mode: reverse-ws\n  port: ${port}\n`);
    const running = doctor(dir, "--wait", "20");
    await fake({
      reverse: {
        url: `ws://127.0.0.1:${port}/`,
        token: "not-the-token-000",
        reconnectIntervalMs: 100,
      },
    });
    const { code, output } = await running;
    expect(code).toBe(1);
    expect(output).toContain("NapCat 连上来了，但令牌不一致");
    expect(output).toContain("「WebSocket 客户端」的 Token");
  });

  it("reverse WebSocket: NapCat never comes, bounded by --wait", async () => {
    const port = await freePort();
    const dir = project(`wsToken: ${TOKEN}\nconnection:\n  mode: reverse-ws\n  port: ${port}\n`);
    const { code, output } = await doctor(dir, "--wait", "0.3");
    expect(code).toBe(1);
    expect(output).toContain("NapCat 没有连接");
  });

  it("HTTP API + SSE: token, login and the event stream", async () => {
    const f = await fake({ token: TOKEN });
    const dir = project(
      `wsToken: ${TOKEN}\nconnection:\n  mode: http\n  apiUrl: ${f.httpUrl}\n  events:\n    mode: sse\n`,
    );
    const { code, report, output } = await doctorJson(dir);
    expect(code, output).toBe(0);
    expect(statuses(report)).toMatchObject({ handshake: "pass", login: "pass", inbound: "pass" });
    const wrong = project(
      `wsToken: wrong-token-abcdefgh\nconnection:\n  mode: http\n  apiUrl: ${f.httpUrl}\n  events:\n    mode: sse\n`,
    );
    const bad = await doctor(wrong);
    expect(bad.code).toBe(1);
    expect(bad.output).toContain("「HTTP 服务器」的 Token");
  });
});

describe("ncatbot doctor (HTTP API + HTTP POST events)", () => {
  it("checks the API, then listens where the bot would and passes when NapCat posts an event", async () => {
    const port = await freePort();
    const f = await fake({ token: TOKEN, httpPost: { url: `http://127.0.0.1:${port}/` } });
    const dir = project(
      `wsToken: ${TOKEN}\nconnection:\n  mode: http\n  apiUrl: ${f.httpUrl}\n  events:\n    mode: http-post\n    port: ${port}\n`,
    );
    const running = doctorJson(dir, "--wait", "20");
    await listening(port, Date.now() + 15_000);
    f.emit({
      post_type: "notice",
      notice_type: "friend_add",
      time: Math.floor(Date.now() / 1000),
      self_id: 2730000001,
      user_id: 1700000002,
    });
    const { code, report, output } = await running;
    expect(code, output).toBe(0);
    expect(statuses(report)).toMatchObject({ handshake: "pass", login: "pass", inbound: "pass" });
    const inbound = report.steps.find((step) => step.id === "inbound");
    expect(inbound?.detail).toContain(`收到了 NapCat 发到 http://127.0.0.1:${port}/ 的事件`);
  });

  it("warns with the address to configure when NapCat posts nothing within --wait", async () => {
    const port = await freePort();
    const f = await fake({ token: TOKEN });
    const dir = project(
      `wsToken: ${TOKEN}\nconnection:\n  mode: http\n  apiUrl: ${f.httpUrl}\n  events:\n    mode: http-post\n    port: ${port}\n`,
    );
    const { report } = await doctorJson(dir, "--wait", "0.3");
    const inbound = report.steps.find((step) => step.id === "inbound");
    expect(inbound?.status).toBe("warn");
    expect(inbound?.hint).toContain(`「HTTP 客户端」，地址填 http://127.0.0.1:${port}/`);
  });
});

describe("ncatbot doctor (spawned)", () => {
  it("exits 1 with a JSON report when nothing listens", async () => {
    const port = await freePort();
    const dir = project(`wsUri: ws://127.0.0.1:${port}\n`);
    const child = spawn(
      process.execPath,
      ["--import", TSX, join(ROOT, "src/cli/main.ts"), "doctor", "--json"],
      {
        cwd: dir,
        stdio: ["ignore", "pipe", "pipe"],
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1" },
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code, err).toBe(1);
    expect(err).toBe("");
    expect((JSON.parse(out) as DoctorReport).steps.find((s) => s.id === "tcp")?.status).toBe(
      "fail",
    );
  }, 30_000);
});
