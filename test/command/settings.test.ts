/** The command settings: root (option, config file, env), commandPrefixes, checked types. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, resolveConfig } from "ncatbot";
import { createTestBot, type TestBot } from "ncatbot/testing";
import { afterEach, describe, expect, it } from "vitest";

let t: TestBot | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await t?.stop();
  t = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("command settings", () => {
  it("root comes from the option, the config file or NCATBOT_ROOT; bad values are ConfigErrors", () => {
    expect(resolveConfig({ configFile: false, root: 123 }, {}).root).toEqual(["123"]);
    expect(resolveConfig({ configFile: false }, { NCATBOT_ROOT: "1, 2" }).root).toEqual(["1", "2"]);
    const dir = mkdtempSync(join(tmpdir(), "ncatbot-cfg-"));
    dirs.push(dir);
    const file = join(dir, "ncatbot.config.yaml");
    writeFileSync(
      file,
      "root: [111, '222']\ncommandPrefixes: ['#']\ncommands:\n  deniedReply: false\n",
    );
    const config = resolveConfig({ configFile: file }, {});
    expect(config.root).toEqual(["111", "222"]);
    expect(config.commandPrefixes).toEqual(["#"]);
    expect(config.commands.deniedReply).toBe(false);
    expect(() => resolveConfig({ configFile: false, root: "abc" }, {})).toThrow(ConfigError);
    expect(() =>
      resolveConfig({ configFile: false, commandPrefixes: [1] as unknown as string[] }, {}),
    ).toThrow(ConfigError);
  });

  it("commandPrefixes replaces the default prefixes for every command", async () => {
    t = await createTestBot({
      inProcess: true,
      bot: { commandPrefixes: ["#"], commands: { rbacFile: false } },
      setup: (b) => {
        b.command("ping", (e) => e.reply("pong"));
      },
    });
    expect((await t.sayAndWaitReply("#ping")).text).toContain("pong");
    await t.say("/ping");
    expect((await t.sayAndWaitReply("#ping")).text).toContain("pong");
    expect(t.replies()).toHaveLength(2);
  });
});
