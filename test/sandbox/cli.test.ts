import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_SANDBOX_PORT, parsePort } from "../../src/cli/commands/sandbox.js";
import { captureContext } from "../../src/cli/context.js";
import { runCli } from "../../src/cli/program.js";
import { packageVersion } from "../../src/cli/version.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("ncatbot sandbox arguments", () => {
  it("checks --port", async () => {
    expect(parsePort("0")).toBe(0);
    expect(parsePort("9000")).toBe(9000);
    expect(() => parsePort("abc")).toThrow("0 to 65535");
    expect(() => parsePort("70000")).toThrow("0 to 65535");
    const ctx = captureContext(ROOT);
    expect(await runCli(["sandbox", "--port", "abc"], ctx)).toBe(2);
    expect(ctx.output()).toContain("0 到 65535");
    expect(await runCli(["sandbox", "--nope"], captureContext(ROOT))).toBe(2);
    expect(DEFAULT_SANDBOX_PORT).toBe(8080);
  });

  it("reads the package version", () => {
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("ncatbot sandbox (spawned)", () => {
  let child: ChildProcess | undefined;

  afterEach(() => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid, "SIGKILL");
    }
  });

  it("prints the URL, serves the page, and exits by itself on Ctrl+C (SIGINT)", async () => {
    // Own process group, so SIGINT reaches npx, tsx and node together, like Ctrl+C in a terminal.
    const proc = spawn("npx", ["tsx", "src/cli/main.ts", "sandbox", "--port", "0"], {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    let output = "";
    proc.stdout?.on("data", (d: Buffer) => {
      output += d.toString();
    });
    proc.stderr?.on("data", (d: Buffer) => {
      output += d.toString();
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
      (resolve) => {
        proc.once("exit", (code, signal) => resolve({ code, signal }));
      },
    );

    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no URL printed within 15 s; output:\n${output}`)),
        15_000,
      );
      const check = () => {
        const match = /NcatBot 沙盒已启动: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      proc.stdout?.on("data", check);
      void exited.then(() =>
        reject(new Error(`exited before printing the URL; output:\n${output}`)),
      );
    });

    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('data-testid="app"');

    const started = Date.now();
    process.kill(-(proc.pid as number), "SIGINT");
    const result = await Promise.race([
      exited,
      new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 8_000)),
    ]);
    expect(result, `still running 8 s after SIGINT; output:\n${output}`).not.toBe("timeout");
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(output).toContain("正在关闭沙盒");
    await expect(fetch(url)).rejects.toThrow();
  }, 30_000);
});
