import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeNapCatInProcess } from "../../src/testing/index.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** tsx's command line (as `npx tsx` would run it), by path: the child runs in a temp dir. */
const TSX_CLI = join(ROOT, "node_modules/tsx/dist/cli.mjs");
const TOKEN = "run-token-0123456789abcdef";
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

function project(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), "ncatbot-run-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "ncatbot.config.yaml"), yaml);
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Spawns the real CLI; `output()` is everything it printed so far. */
function cli(cwd: string, ...argv: string[]) {
  const child: ChildProcess = spawn(
    process.execPath,
    [TSX_CLI, join(ROOT, "src/cli/main.ts"), ...argv],
    {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1" },
    },
  );
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  const waitFor = async (text: string | RegExp, ms = 20_000) => {
    const deadline = Date.now() + ms;
    const found = () => (typeof text === "string" ? output.includes(text) : text.test(output));
    while (!found()) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`no ${String(text)} in the output:\n${output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { child, exited, waitFor, output: () => output };
}

describe("ncatbot run (spawned, against the fake NapCat)", () => {
  it("unreachable NapCat: says what it waits for, retries with backoff, points to doctor; connects once NapCat is up; Ctrl+C stops", async () => {
    const port = await freePort();
    const dir = project(
      `wsUri: ws://127.0.0.1:${port}\nwsToken: ${TOKEN}\nstartTimeoutMs: 400\nlogLevel: warn\n`,
    );
    const run = cli(dir, "run");
    await run.waitFor(`正在连接：NapCat WebSocket 服务器 ws://127.0.0.1:${port}`);
    await run.waitFor("1 秒后重试");
    expect(run.output()).toContain("npx ncatbot doctor");
    await run.waitFor("2 秒后重试");
    const fake = await startFakeNapCatInProcess({ port, token: TOKEN, heartbeatIntervalMs: 0 });
    cleanups.push(() => fake.stop());
    await run.waitFor("✔ 已连接");
    expect(run.output()).not.toContain(TOKEN);
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain("已停止");
  }, 60_000);

  it("a rejected token is not retried: exit 1 with a pointer to doctor", async () => {
    const fake = await startFakeNapCatInProcess({ token: TOKEN, heartbeatIntervalMs: 0 });
    cleanups.push(() => fake.stop());
    const dir = project(
      `wsUri: ${fake.wsUrl}\nwsToken: wrong-token-0000000000\nlogLevel: silent\n`,
    );
    const run = cli(dir, "run");
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain("NapCat 拒绝了连接");
    expect(run.output()).toContain("npx ncatbot doctor");
    expect(run.output()).not.toContain("秒后重试");
    expect(run.output()).not.toContain("wrong-token-0000000000");
  }, 30_000);

  it("a broken config names file, line and key", async () => {
    const dir = project("wsUri: ws://127.0.0.1:3001\nlogLevel: loud\n");
    const run = cli(dir, "run");
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain("ncatbot.config.yaml:2 设置 logLevel");
  }, 30_000);
});

describe("ncatbot dev (spawned): plugins from plugins/, hot reload", () => {
  const NCATBOT = pathToFileURL(join(ROOT, "src/index.ts")).href;
  const source = (reply: string) => `import { NcatBotPlugin } from ${JSON.stringify(NCATBOT)};
export default class Echo extends NcatBotPlugin {
  static meta = { name: "echo", version: "1.0.0" };
  onLoad(): void {
    this.onGroupMessage(async (msg) => {
      if (msg.raw_message === "ping") await msg.reply(${JSON.stringify(reply)});
    });
  }
}
`;

  it("loads a TypeScript plugin without a build step, and reloads it when its file changes", async () => {
    const fake = await startFakeNapCatInProcess({ token: TOKEN, heartbeatIntervalMs: 0 });
    cleanups.push(() => fake.stop());
    const dir = project(`wsUri: ${fake.wsUrl}\nwsToken: ${TOKEN}\nlogLevel: info\n`);
    const { mkdirSync } = await import("node:fs");
    // as in a project made by `ncatbot init`: ES modules
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    mkdirSync(join(dir, "plugins/echo"), { recursive: true });
    writeFileSync(join(dir, "plugins/echo/index.ts"), source("pong v1"));
    const dev = cli(dir, "dev");
    await dev.waitFor("✔ 已连接");
    const replyTo = async (expected: string) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        fake.clearCalls();
        await fake.say({ text: "ping" });
        const call = await fake.waitForCall("send_group_msg", 2_000).catch(() => undefined);
        if (call && JSON.stringify(call.params).includes(expected)) return;
        if (Date.now() > deadline)
          throw new Error(`no "${expected}" reply; output:\n${dev.output()}`);
      }
    };
    await replyTo("pong v1");
    writeFileSync(join(dir, "plugins/echo/index.ts"), source("pong v2"));
    await replyTo("pong v2");
    expect(dev.output()).toMatch(/reload/i);
    expect(dev.output()).not.toContain(TOKEN);
    dev.child.kill("SIGINT");
    expect(await dev.exited).toBe(0);
  }, 90_000);
});
