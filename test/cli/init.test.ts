import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runInit } from "../../src/cli/commands/init.js";
import { captureContext } from "../../src/cli/context.js";
import { runCli } from "../../src/cli/program.js";
import type { PluginClass } from "../../src/plugin/index.js";
import { createTestBot } from "../../src/testing/index.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ncatbot-init-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function init(cwd: string, ...argv: string[]) {
  const ctx = captureContext(cwd);
  const code = await runCli(["init", ...argv], ctx);
  return { code, output: ctx.output() };
}

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? listFiles(join(dir, e.name), `${prefix}${e.name}/`)
        : [`${prefix}${e.name}`],
    )
    .sort();
}

describe("ncatbot init", () => {
  it("writes a TypeScript project with the answers from flags, and never prints the token", async () => {
    const cwd = tempDir();
    const { code, output } = await init(
      cwd,
      "my-bot",
      "--yes",
      "--qq",
      "123456789",
      "--root",
      "10001",
      "--ws-uri",
      "ws://127.0.0.1:3999",
    );
    expect(code, output).toBe(0);
    const dir = join(cwd, "my-bot");
    expect(listFiles(dir)).toEqual([
      ".gitignore",
      "ncatbot.config.yaml",
      "package.json",
      "plugins/hello/hello.test.ts",
      "plugins/hello/index.ts",
      "tsconfig.json",
    ]);
    const yamlText = readFileSync(join(dir, "ncatbot.config.yaml"), "utf8");
    expect(yamlText).toMatch(/^# .*[\u4e00-\u9fff]/m); // commented, in Chinese
    const config = parse(yamlText) as Record<string, unknown>;
    expect(config).toMatchObject({ wsUri: "ws://127.0.0.1:3999", selfId: 123456789 });
    expect(yamlText).toContain("10001");
    const token = config.wsToken as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(output).not.toContain(token);
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    expect(pkg.name).toBe("my-bot");
    expect(Object.keys(pkg.scripts)).toEqual(["start", "dev", "test"]);
    expect(pkg.dependencies.ncatbot).toMatch(/^\^\d+\.\d+\.\d+/);
    const ignore = readFileSync(join(dir, ".gitignore"), "utf8");
    for (const line of ["data/", "logs/", "node_modules/", ".env"]) expect(ignore).toContain(line);
    // no staging folder left behind
    expect(readdirSync(cwd)).toEqual(["my-bot"]);
  });

  it("makes a different strong token each time", async () => {
    const cwd = tempDir();
    await init(cwd, "a", "--yes");
    await init(cwd, "b", "--yes");
    const tokenOf = (d: string) =>
      (parse(readFileSync(join(cwd, d, "ncatbot.config.yaml"), "utf8")) as { wsToken: string })
        .wsToken;
    expect(tokenOf("a")).not.toBe(tokenOf("b"));
  });

  it("writes a JavaScript project with --lang js", async () => {
    const cwd = tempDir();
    expect((await init(cwd, ".", "--yes", "--lang", "js")).code).toBe(0);
    expect(listFiles(cwd)).toEqual([
      ".gitignore",
      "ncatbot.config.yaml",
      "package.json",
      "plugins/hello/hello.test.js",
      "plugins/hello/index.js",
    ]);
  });

  it("never overwrites without --force, and --force replaces only its own files", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "package.json"), '{"name":"mine"}');
    writeFileSync(join(cwd, "notes.txt"), "keep me");
    const refused = await init(cwd, ".", "--yes");
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("package.json");
    expect(refused.output).toContain("--force");
    expect(listFiles(cwd)).toEqual(["notes.txt", "package.json"]);
    expect(readFileSync(join(cwd, "package.json"), "utf8")).toBe('{"name":"mine"}');

    expect((await init(cwd, ".", "--yes", "--force")).code).toBe(0);
    expect(readFileSync(join(cwd, "package.json"), "utf8")).toContain('"scripts"');
    expect(readFileSync(join(cwd, "notes.txt"), "utf8")).toBe("keep me");
  });

  it("leaves no half-written project when writing fails midway (and restores replaced files)", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "package.json"), '{"name":"mine"}');
    writeFileSync(join(cwd, "notes.txt"), "keep me");
    mkdirSync(join(cwd, "plugins"));
    const ctx = captureContext(cwd);
    let moved = 0;
    await expect(
      runInit(
        ctx,
        ".",
        { yes: true, force: true },
        {
          afterEach: () => {
            if (++moved === 4) throw new Error("disk full");
          },
        },
      ),
    ).rejects.toThrow("disk full");
    expect(listFiles(cwd)).toEqual(["notes.txt", "package.json"]);
    expect(readdirSync(cwd).sort()).toEqual(["notes.txt", "package.json", "plugins"]);
    expect(readFileSync(join(cwd, "package.json"), "utf8")).toBe('{"name":"mine"}');
  });

  it("rejects bad flag values before writing anything", async () => {
    const cwd = tempDir();
    for (const argv of [
      ["--qq", "abc"],
      ["--ws-uri", "http://x"],
      ["--token", "short"],
      ["--lang", "py"],
    ]) {
      const { code, output } = await init(cwd, "p", "--yes", ...argv);
      expect(code, output).toBe(2);
      expect(existsSync(join(cwd, "p"))).toBe(false);
    }
  });

  it("generates a hello plugin that answers /hello against the fake NapCat", async () => {
    const cwd = tempDir();
    await init(cwd, ".", "--yes");
    const plugin = (await import(join(cwd, "plugins/hello/index.ts"))) as { default: PluginClass };
    const t = await createTestBot({ plugins: [plugin.default] });
    try {
      await t.say("随便说点什么");
      const reply = await t.sayAndWaitReply("/hello");
      expect(reply.text).toContain("你好");
      expect(t.replies()).toHaveLength(1);
    } finally {
      await t.stop();
    }
  });
});

describe("ncatbot init in the current, empty folder", () => {
  it("keeps the folder itself (the user's shell may be in it)", async () => {
    const cwd = tempDir();
    const { ino } = statSync(cwd);
    expect((await init(cwd, ".", "--yes")).code).toBe(0);
    expect(statSync(cwd).ino).toBe(ino);
    expect(existsSync(join(cwd, "ncatbot.config.yaml"))).toBe(true);
  });
});

describe("ncatbot init: Ctrl+C during the questions", () => {
  it("writes nothing and exits 130", async () => {
    const cwd = tempDir();
    const aborted = new AbortController();
    aborted.abort();
    const ctx = { ...captureContext(cwd), interactive: true, signal: aborted.signal };
    const code = await runCli(["init", "p"], ctx);
    expect(code).toBe(130);
    expect(ctx.stderr.join("\n")).toContain("已取消，没有写入任何文件");
    expect(readdirSync(cwd)).toEqual([]);
  });
});
