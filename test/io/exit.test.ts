import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

describe.each([
  ["ServerModeEngine (reverse WebSocket)", "./exit-child.ts"],
  ["ClientModeEngine with its Sync API connection", "./exit-child-main.ts"],
])("%s.stop()", (_name, childScript) => {
  it("leaves nothing running: a child process exits on its own after stop()", async () => {
    const script = fileURLToPath(new URL(childScript, import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    const code = await new Promise<number | null | "hung">((resolve) => {
      const t = setTimeout(() => {
        child.kill("SIGKILL");
        resolve("hung");
      }, 10_000);
      child.on("exit", (c) => {
        clearTimeout(t);
        resolve(c);
      });
    });
    expect(err).toBe("");
    expect(out).toContain("stopped");
    expect(code).toBe(0);
  });
});
