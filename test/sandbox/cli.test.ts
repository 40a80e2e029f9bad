import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_SANDBOX_PORT, parseCli } from "../../src/cli/args.js";
import { packageVersion } from "../../src/cli/version.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("parseCli", () => {
  it("parses sandbox with and without --port", () => {
    expect(parseCli(["sandbox"])).toEqual({
      kind: "sandbox",
      port: DEFAULT_SANDBOX_PORT,
      portFallback: true,
    });
    expect(parseCli(["sandbox", "--port", "0"])).toEqual({
      kind: "sandbox",
      port: 0,
      portFallback: false,
    });
    expect(parseCli(["sandbox", "--port=9000"])).toEqual({
      kind: "sandbox",
      port: 9000,
      portFallback: false,
    });
  });

  it("gives help, version, and clear errors", () => {
    expect(parseCli([])).toEqual({ kind: "help" });
    expect(parseCli(["--help"])).toEqual({ kind: "help" });
    expect(parseCli(["-v"])).toEqual({ kind: "version" });
    expect(parseCli(["deploy"])).toMatchObject({
      kind: "error",
      message: expect.stringContaining("unknown command: deploy"),
    });
    expect(parseCli(["sandbox", "--port", "abc"])).toMatchObject({
      kind: "error",
      message: expect.stringContaining("0 to 65535"),
    });
    expect(parseCli(["sandbox", "--nope"])).toMatchObject({ kind: "error" });
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
