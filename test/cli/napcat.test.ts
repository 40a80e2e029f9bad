import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { captureContext } from "../../src/cli/context.js";
import { runCli } from "../../src/cli/program.js";
import { type FakeWebUI, startFakeWebUI } from "../../src/testing/index.js";

const TOKEN = "napcat-setup-token-0123456789";
const WEBUI_TOKEN = "webui-token-abcdef";
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

function project(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), "ncatbot-napcat-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "ncatbot.config.yaml"), yaml);
  return dir;
}

async function webui(options: Parameters<typeof startFakeWebUI>[0]): Promise<FakeWebUI> {
  const w = await startFakeWebUI(options);
  cleanups.push(() => w.stop());
  return w;
}

function napcat(cwd: string, ...argv: string[]) {
  const ctx = captureContext(cwd);
  const done = runCli(["napcat", ...argv], ctx).then((code) => ({ code, output: ctx.output() }));
  return { ctx, done };
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("ncatbot napcat setup", () => {
  it("writes docker-compose.yml and NapCat's OneBot 11 config matching ncatbot.config.yaml", async () => {
    const dir = project(`wsUri: ws://127.0.0.1:3555\nwsToken: ${TOKEN}\nselfId: 123456789\n`);
    writeFileSync(join(dir, ".gitignore"), "node_modules/\n");
    const { code, output } = await napcat(dir, "setup").done;
    expect(code, output).toBe(0);
    expect(output).not.toContain(TOKEN);
    const compose = parse(readFileSync(join(dir, "docker-compose.yml"), "utf8"));
    expect(compose.services.napcat.ports).toContain("127.0.0.1:3555:3555");
    expect(compose.services.napcat.environment).toContain("ACCOUNT=123456789");
    for (const name of ["onebot11.json", "onebot11_123456789.json"]) {
      const onebot = JSON.parse(readFileSync(join(dir, "napcat/config", name), "utf8"));
      expect(onebot.network.websocketServers).toEqual([
        expect.objectContaining({
          enable: true,
          port: 3555,
          token: TOKEN,
          messagePostFormat: "array",
        }),
      ]);
    }
    const webuiJson = JSON.parse(readFileSync(join(dir, "napcat/config/webui.json"), "utf8"));
    expect(webuiJson.token).toMatch(/^[0-9a-f]{24}$/);
    expect(readFileSync(join(dir, ".gitignore"), "utf8")).toMatch(/^napcat\/$/m);
    // never overwrites without --force
    const again = await napcat(dir, "setup").done;
    expect(again.code).toBe(1);
    expect(again.output).toContain("--force");
    expect((await napcat(dir, "setup", "--force").done).code).toBe(0);
  });

  it("reverse WebSocket: NapCat dials the host's port with the same token", async () => {
    const dir = project(
      `wsToken: ${TOKEN}\nconnection:\n  mode: reverse-ws\n  port: 8095\n  path: /onebot\n`,
    );
    expect((await napcat(dir, "setup").done).code).toBe(0);
    const onebot = JSON.parse(readFileSync(join(dir, "napcat/config/onebot11.json"), "utf8"));
    expect(onebot.network.websocketClients[0]).toMatchObject({
      url: "ws://host.docker.internal:8095/onebot",
      token: TOKEN,
      messagePostFormat: "array",
    });
    expect(readFileSync(join(dir, "docker-compose.yml"), "utf8")).toContain(
      "host.docker.internal:host-gateway",
    );
  });

  it("--webui-steps prints the WebUI steps (port, array format) without the token, writing nothing", async () => {
    const dir = project(`wsUri: ws://127.0.0.1:3555\nwsToken: ${TOKEN}\n`);
    const { code, output } = await napcat(dir, "setup", "--webui-steps").done;
    expect(code).toBe(0);
    expect(output).toContain("「WebSocket 服务器」");
    expect(output).toContain("端口 3555");
    expect(output).toContain("Array");
    expect(output).not.toContain(TOKEN);
    expect(existsSync(join(dir, "docker-compose.yml"))).toBe(false);
  });

  it("refuses a broken config, naming file, line and key", async () => {
    const dir = project("wsUri: http://127.0.0.1:3001\n");
    const { code, output } = await napcat(dir, "setup").done;
    expect(code).toBe(1);
    expect(output).toContain("ncatbot.config.yaml:1 设置 wsUri");
  });
});

describe("ncatbot napcat login (against the fake WebUI)", () => {
  const account = { uin: "123456789", nickName: "测试机器人" };

  it("shows a QR code, polls until the phone scans it, and checks the QQ against selfId", async () => {
    const w = await webui({ token: WEBUI_TOKEN });
    const dir = project("selfId: 123456789\n");
    const run = napcat(
      dir,
      "login",
      "--webui",
      w.url,
      "--webui-token",
      WEBUI_TOKEN,
      "--interval",
      "0.05",
    );
    await until(() => run.ctx.output().includes("二维码链接"), "the QR code");
    expect(run.ctx.output()).toContain(w.qrCode);
    expect(run.ctx.output()).toMatch(/[▀▄█]/); // drawn in the terminal
    w.expireQrCode();
    await until(() => run.ctx.output().includes("二维码过期了"), "the refreshed QR code");
    w.scan(account);
    const { code, output } = await run.done;
    expect(code, output).toBe(0);
    expect(output).toContain("NapCat 已登录 QQ 123456789（测试机器人），和 selfId 一致");
    expect(output).not.toContain(WEBUI_TOKEN);
  });

  it("uses quick login when the configured QQ logged in before", async () => {
    const w = await webui({ token: WEBUI_TOKEN, quickLogin: [account] });
    const dir = project("selfId: 123456789\n");
    const { code, output } = await napcat(
      dir,
      "login",
      "--webui",
      w.url,
      "--webui-token",
      WEBUI_TOKEN,
      "--interval",
      "0.05",
    ).done;
    expect(code, output).toBe(0);
    expect(output).toContain("快速登录 QQ 123456789");
    expect(w.requests).toContain("/api/QQLogin/SetQuickLogin");
    expect(w.requests).not.toContain("/api/QQLogin/GetQQLoginQrcode");
  });

  it("reads the WebUI token that napcat setup wrote", async () => {
    const w = await webui({ token: WEBUI_TOKEN, loggedInAs: account });
    const dir = project("");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(dir, "napcat/config"), { recursive: true });
    writeFileSync(join(dir, "napcat/config/webui.json"), JSON.stringify({ token: WEBUI_TOKEN }));
    const { code, output } = await napcat(dir, "login", "--webui", w.url).done;
    expect(code, output).toBe(0);
    expect(output).toContain("NapCat 已登录 QQ 123456789");
  });

  it("a wrong WebUI token is a clear error that never shows a token", async () => {
    const w = await webui({ token: WEBUI_TOKEN });
    const dir = project("");
    const { code, output } = await napcat(
      dir,
      "login",
      "--webui",
      w.url,
      "--webui-token",
      "not-the-webui-token",
    ).done;
    expect(code).toBe(1);
    expect(output).toContain("NapCat WebUI 拒绝了 WebUI 令牌");
    expect(output).toContain("webui.json");
    expect(output).not.toContain("not-the-webui-token");
    expect(output).not.toContain(WEBUI_TOKEN);
  });

  it("an unreachable WebUI says so", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const dir = project("");
    const { code, output } = await napcat(
      dir,
      "login",
      "--webui",
      `http://127.0.0.1:${port}`,
      "--webui-token",
      WEBUI_TOKEN,
    ).done;
    expect(code).toBe(1);
    expect(output).toContain(`连不上 NapCat WebUI http://127.0.0.1:${port}：连接被拒绝`);
  });

  it("logged in as another QQ than selfId: exit 1 naming both", async () => {
    const w = await webui({
      token: WEBUI_TOKEN,
      loggedInAs: { uin: "111111111", nickName: "别的号" },
    });
    const dir = project("selfId: 123456789\n");
    const { code, output } = await napcat(
      dir,
      "login",
      "--webui",
      w.url,
      "--webui-token",
      WEBUI_TOKEN,
    ).done;
    expect(code).toBe(1);
    expect(output).toContain(
      "NapCat 登录的是 QQ 111111111（别的号），但配置的 selfId 是 123456789",
    );
  });
});
