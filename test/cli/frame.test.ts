import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { captureContext } from "../../src/cli/context.js";
import { runCli } from "../../src/cli/program.js";
import { packageVersion } from "../../src/cli/version.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

async function cli(...argv: string[]) {
  const ctx = captureContext(ROOT);
  const code = await runCli(argv, ctx);
  return { code, out: ctx.stdout.join("\n"), err: ctx.stderr.join("\n") };
}

describe("the ncatbot command frame", () => {
  it("prints the version with --version and -v", async () => {
    expect(await cli("--version")).toMatchObject({ code: 0, out: packageVersion() });
    expect(await cli("-v")).toMatchObject({ code: 0, out: packageVersion() });
  });

  it("shows Chinese help with English command names, with no arguments and with --help", async () => {
    for (const argv of [[], ["--help"], ["help"]]) {
      const { code, out } = await cli(...argv);
      expect(code).toBe(0);
      expect(out).toContain("用法 / Usage: ncatbot");
      expect(out).toContain("命令 / Commands:");
      expect(out).toMatch(/sandbox.*启动沙盒/);
    }
  });

  it("has --help on every command", async () => {
    const { out } = await cli("--help");
    const names = [...out.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1] as string);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names.filter((n) => n !== "help")) {
      const help = await cli(name, "--help");
      expect(help.code, name).toBe(0);
      expect(help.out, name).toContain(`用法 / Usage: ncatbot ${name}`);
      expect(help.out, name).toContain("显示帮助");
    }
  });

  it("suggests the nearest command for an unknown one (exit 2)", async () => {
    const { code, err } = await cli("sandbx");
    expect(code).toBe(2);
    expect(err).toContain("错误：未知命令 'sandbx'");
    expect(err).toContain("你是不是想输入 sandbox");
  });

  it("reports unknown options in Chinese", async () => {
    const { code, err } = await cli("sandbox", "--nope");
    expect(code).toBe(2);
    expect(err).toContain("未知选项 '--nope'");
  });
});
