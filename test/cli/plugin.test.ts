import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { captureContext } from "../../src/cli/context.js";
import { runCli } from "../../src/cli/program.js";
import type { PluginClass } from "../../src/plugin/index.js";
import { createTestBot } from "../../src/testing/index.js";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function project(): string {
  dir = mkdtempSync(join(tmpdir(), "ncatbot-plugin-"));
  writeFileSync(join(dir, "tsconfig.json"), "{}");
  return dir;
}

async function plugin(cwd: string, ...argv: string[]) {
  const ctx = captureContext(cwd);
  const code = await runCli(["plugin", ...argv], ctx);
  return { code, output: ctx.output() };
}

describe("ncatbot plugin", () => {
  it("new writes a plugin with a test; the plugin answers /<name> against the fake NapCat", async () => {
    const cwd = project();
    const made = await plugin(cwd, "new", "weather");
    expect(made.code, made.output).toBe(0);
    expect(existsSync(join(cwd, "plugins/weather/index.ts"))).toBe(true);
    expect(readFileSync(join(cwd, "plugins/weather/weather.test.ts"), "utf8")).toContain(
      "createTestBot({ plugins: [Weather] })",
    );
    const { default: Weather } = (await import(join(cwd, "plugins/weather/index.ts"))) as {
      default: PluginClass;
    };
    const t = await createTestBot({ plugins: [Weather] });
    try {
      const reply = await t.sayAndWaitReply("/weather");
      expect(reply.text).toContain("这里是 weather 插件");
    } finally {
      await t.stop();
    }
    const again = await plugin(cwd, "new", "weather");
    expect(again.code).toBe(1);
    expect(again.output).toContain("已经存在");
    expect((await plugin(cwd, "new", "bad name!")).code).toBe(2);
    expect((await plugin(cwd, "new", "js-one", "--lang", "js")).code).toBe(0);
    expect(existsSync(join(cwd, "plugins/js-one/index.js"))).toBe(true);
  });

  it("list shows name, version, state and description; disable and enable rename the folder", async () => {
    const cwd = project();
    await plugin(cwd, "new", "alpha");
    await plugin(cwd, "new", "beta");
    mkdirSync(join(cwd, "plugins/broken"));
    writeFileSync(join(cwd, "plugins/broken/index.ts"), "export default {};\n");
    const listed = await plugin(cwd, "list");
    expect(listed.code).toBe(1); // one plugin does not load
    expect(listed.output).toMatch(/● alpha {2}0\.1\.0 {2}启用 {2}发送 \/alpha/);
    expect(listed.output).toMatch(/✖ broken .*加载失败/);

    const off = await plugin(cwd, "disable", "beta");
    expect(off.code, off.output).toBe(0);
    expect(existsSync(join(cwd, "plugins/_beta"))).toBe(true);
    expect(existsSync(join(cwd, "plugins/beta"))).toBe(false);
    expect((await plugin(cwd, "list")).output).toMatch(/○ beta {2}0\.1\.0 {2}禁用/);
    expect((await plugin(cwd, "disable", "beta")).output).toContain("已经是禁用的");
    expect((await plugin(cwd, "enable", "beta")).code).toBe(0);
    expect(existsSync(join(cwd, "plugins/beta"))).toBe(true);
    const missing = await plugin(cwd, "enable", "gamma");
    expect(missing.code).toBe(1);
    expect(missing.output).toContain("没有插件 gamma");
  });
});
