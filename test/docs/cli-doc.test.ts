/**
 * docs/cli.md cannot rot: every `npx ncatbot ...` line in its code blocks names a
 * command and options that exist, and the lines that need no network (init,
 * config, napcat setup, plugin new/disable/enable) run, in order, in a
 * temporary folder. (`plugin list` imports the plugins: tested in test/cli/.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { afterEach, describe, expect, it } from "vitest";
import { captureContext } from "../../src/cli/context.js";
import { createProgram, runCli } from "../../src/cli/program.js";
import type { PluginClass } from "../../src/plugin/index.js";
import { createTestBot } from "../../src/testing/index.js";

const page = readFileSync(new URL("../../docs/cli.md", import.meta.url), "utf8");
const quickstart = readFileSync(new URL("../../docs/quickstart.md", import.meta.url), "utf8");
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

function commandLines(text = page): string[][] {
  const blocks = [...text.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  return blocks
    .flatMap((b) => b.split("\n"))
    .map((line) => line.replace(/#.*$/, "").trim())
    .filter((line) => line.startsWith("npx ncatbot"))
    .map((line) => line.split(/\s+/).slice(2));
}

function resolve(argv: string[]): { cmd: Command; rest: string[] } {
  let cmd = createProgram(captureContext(tmpdir()), () => {});
  let rest = argv;
  for (;;) {
    const next = rest[0];
    const sub = next === undefined ? undefined : cmd.commands.find((c) => c.name() === next);
    if (!sub) return { cmd, rest };
    cmd = sub;
    rest = rest.slice(1);
  }
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("docs/cli.md", () => {
  it("names only commands and options that exist (docs/cli.md, docs/quickstart.md, README)", () => {
    const lines = [...commandLines(), ...commandLines(quickstart), ...commandLines(readme)];
    expect(lines.length).toBeGreaterThan(8);
    for (const argv of lines) {
      const { cmd, rest } = resolve(argv);
      const known = new Set(["-h", "--help", "-v", "--version"]);
      for (const o of cmd.options) {
        if (o.long) known.add(o.long);
        if (o.short) known.add(o.short);
      }
      for (const word of rest.filter((w) => w.startsWith("-"))) {
        expect(known.has(word), `docs/cli.md: ${argv.join(" ")}: unknown option ${word}`).toBe(
          true,
        );
      }
      if (argv.length > 0 && !argv[0]?.startsWith("-")) {
        expect(cmd.name(), `docs/cli.md: ${argv.join(" ")}`).not.toBe("ncatbot");
      }
    }
  });

  it("its init, config and napcat setup lines run as shown", async () => {
    dir = mkdtempSync(join(tmpdir(), "ncatbot-cli-doc-"));
    let cwd = dir;
    const runnable = commandLines().filter(
      (argv) =>
        argv[0] === "init" || argv[0] === "config" || (argv[0] === "napcat" && argv[1] === "setup"),
    );
    expect(runnable.length).toBeGreaterThan(5);
    let inited = false;
    for (const argv of runnable) {
      // the page shows two ways to init the same folder: run the scripted one
      if (argv[0] === "init" && (inited || !argv.includes("--yes"))) continue;
      const ctx = captureContext(cwd);
      const code = await runCli(argv, ctx);
      expect(code, `npx ncatbot ${argv.join(" ")}\n${ctx.output()}`).toBe(0);
      if (argv[0] === "init") {
        inited = true;
        cwd = join(dir, argv[1] as string);
      }
    }
    expect(inited).toBe(true);
  });
});

describe("docs/quickstart.md", () => {
  it("its hello plugin answers /hello against the fake NapCat", async () => {
    const code = /```ts\n([\s\S]*?)```/.exec(quickstart)?.[1];
    expect(code).toContain("extends NcatBotPlugin");
    dir = mkdtempSync(join(tmpdir(), "ncatbot-quickstart-"));
    const file = join(dir, "hello.ts");
    writeFileSync(file, code as string);
    const { default: Hello } = (await import(file)) as { default: PluginClass };
    const t = await createTestBot({ plugins: [Hello] });
    try {
      const reply = await t.sayAndWaitReply("/hello");
      expect(reply.text).toContain("你好，我是 NcatBot 喵~");
    } finally {
      await t.stop();
    }
  });

  it("starts with the init, doctor, dev path", () => {
    const first = commandLines(quickstart)
      .slice(0, 2)
      .map((argv) => argv[0]);
    expect(first).toEqual(["init", "doctor"]);
    expect(quickstart).toMatch(/npm run dev/);
  });
});
