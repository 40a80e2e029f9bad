import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeNapCatInProcess } from "../../src/testing/index.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = pathToFileURL(join(ROOT, "node_modules/tsx/dist/esm/index.mjs")).href;
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
    ["--import", TSX, join(ROOT, "src/cli/main.ts"), ...argv],
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
