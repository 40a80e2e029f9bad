import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { captureContext } from "../../src/cli/context.js";
import { runCli } from "../../src/cli/program.js";

const TOKEN = "config-secret-token-0123456789";
const YAML = `# 顶部注释
wsUri: "ws://127.0.0.1:3001" # NapCat 地址

# 令牌
wsToken: "${TOKEN}"
logLevel: info
`;

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function project(text = YAML): string {
  dir = mkdtempSync(join(tmpdir(), "ncatbot-config-"));
  writeFileSync(join(dir, "ncatbot.config.yaml"), text);
  return dir;
}

async function config(cwd: string, ...argv: string[]) {
  const ctx = captureContext(cwd);
  const code = await runCli(["config", ...argv], ctx);
  return { code, out: ctx.stdout.join("\n"), output: ctx.output() };
}

const read = (cwd: string) => readFileSync(join(cwd, "ncatbot.config.yaml"), "utf8");

describe("ncatbot config", () => {
  it("get prints a value, never a secret", async () => {
    const cwd = project();
    expect(await config(cwd, "get", "wsUri")).toMatchObject({
      code: 0,
      out: "ws://127.0.0.1:3001",
    });
    const token = await config(cwd, "get", "wsToken");
    expect(token.code).toBe(0);
    expect(token.out).toContain("已设置");
    expect(token.output).not.toContain(TOKEN);
    const missing = await config(cwd, "get", "selfId");
    expect(missing.code).toBe(1);
    expect(missing.output).toContain("没有设置 selfId");
  });

  it("set edits in place and keeps every comment; numbers stay numbers, tokens stay strings", async () => {
    const cwd = project();
    expect((await config(cwd, "set", "selfId", "123456789")).code).toBe(0);
    expect((await config(cwd, "set", "wsUri", "ws://127.0.0.1:3999")).code).toBe(0);
    const setToken = await config(cwd, "set", "wsToken", "12345678901234");
    expect(setToken.output).not.toContain("12345678901234");
    expect((await config(cwd, "set", "connection.mode", "forward-ws")).code).toBe(0);
    const text = read(cwd);
    expect(text).toContain("# 顶部注释");
    expect(text).toContain("# NapCat 地址");
    expect(text).toContain("# 令牌");
    expect(text).toMatch(/^selfId: 123456789$/m);
    expect(text).toContain('wsUri: "ws://127.0.0.1:3999"');
    expect(text).toMatch(/^wsToken: "12345678901234"$/m);
    expect(text).toMatch(/connection:\n {2}mode: forward-ws/);
  });

  it("set refuses a value that makes the file invalid, naming file, line and key, writing nothing", async () => {
    const cwd = project();
    const { code, output } = await config(cwd, "set", "logLevel", "loud");
    expect(code).toBe(1);
    expect(output).toContain("ncatbot.config.yaml:6 设置 logLevel");
    expect(read(cwd)).toBe(YAML);
  });

  it("check passes a good file and names file, line and key of a bad one", async () => {
    const good = await config(project(), "check");
    expect(good.code).toBe(0);
    expect(good.output).toContain("没有问题");
    expect(good.output).not.toContain(TOKEN);
    const bad = await config(project(`${YAML}apiTimeoutMs: "soon"\n`), "check");
    expect(bad.code).toBe(1);
    expect(bad.output).toContain("ncatbot.config.yaml:7 设置 apiTimeoutMs");
    const unknown = await config(project(`${YAML}wsUrl: ws://x\n`), "check");
    expect(unknown.output).toContain("ncatbot.config.yaml:7 设置 wsUrl");
    const syntax = await config(project("wsUri: [\n"), "check");
    expect(syntax.code).toBe(1);
    expect(syntax.output).toMatch(/ncatbot\.config\.yaml:\d+：YAML 语法错误/);
  });
});
