/**
 * Plugin config: defaults, the `plugins.<name>` section of ncatbot.config.yaml, then
 * the environment; wrong types name the file, the key and the expected type and the
 * other plugins still load; setConfig writes one key back keeping the user's other
 * keys and comments, and tells the plugin.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BotClient, type ConfigChange, type HandlerError, NcatBotPlugin } from "ncatbot";
import { afterEach, describe, expect, it } from "vitest";
import { cleanTempDirs, tempDir } from "./helpers.js";

afterEach(cleanTempDirs);

class Greeter extends NcatBotPlugin {
  static meta = { name: "greeter", version: "1.0.0" };
  config = this.defineConfig({
    greeting: { default: "你好", description: "问候语" },
    times: { default: 1, description: "说几遍" },
    loud: { default: false },
    words: { default: ["a"] as string[] },
  });
  changes: ConfigChange[] = [];
  onLoad() {
    this.onConfigChange((change) => void this.changes.push(change));
  }
}

class Other extends NcatBotPlugin {
  static meta = { name: "other" };
}

const FILE = `# my bot
logLevel: silent # keep quiet

plugins:
  # the greeter plugin
  greeter:
    greeting: 早上好 # morning
    times: 3
  unrelated:
    keep: me
`;

function bot(
  configFile: string | false,
  env: NodeJS.ProcessEnv = {},
  plugins: unknown[] = [Greeter, Other],
) {
  const client = new BotClient(
    { configFile, pluginsDir: false, dataDir: tempDir(), plugins, logLevel: "silent" },
    { env },
  );
  const errors: HandlerError[] = [];
  client.catch((err) => void errors.push(err));
  return { client, errors };
}

describe("plugin config", () => {
  it("defaults, then the file's plugins.<name> section, then the environment; typed values", async () => {
    const dir = tempDir({ "ncatbot.config.yaml": FILE });
    const { client, errors } = bot(join(dir, "ncatbot.config.yaml"), {
      NCATBOT_PLUGIN_GREETER_LOUD: "true",
      NCATBOT_PLUGIN_GREETER_WORDS: '["x","y"]',
    });
    await client.plugins.start();
    expect(errors).toEqual([]);
    const greeter = client.plugins.get("greeter") as Greeter;
    expect({ ...greeter.config }).toEqual({
      greeting: "早上好",
      times: 3,
      loud: true,
      words: ["x", "y"],
    });
    const { client: plain } = bot(false);
    await plain.plugins.start();
    expect({ ...(plain.plugins.get("greeter") as Greeter).config }).toEqual({
      greeting: "你好",
      times: 1,
      loud: false,
      words: ["a"],
    });
  });

  it("a wrong type in the file names the file, the key and the expected type; other plugins load", async () => {
    const dir = tempDir({ "ncatbot.config.yaml": "plugins:\n  greeter:\n    times: lots\n" });
    const file = join(dir, "ncatbot.config.yaml");
    const { client, errors } = bot(file);
    await client.plugins.start();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.plugin).toBe("greeter");
    expect(errors[0]?.message).toContain(`plugins.greeter.times`);
    expect(errors[0]?.message).toContain(`expected number in ${file}, got the string "lots"`);
    expect(client.plugins.list().map((p) => [p.name, p.state])).toEqual([
      ["greeter", "failed"],
      ["other", "loaded"],
    ]);
  });

  it("a wrong environment value names the variable", async () => {
    const { client, errors } = bot(false, { NCATBOT_PLUGIN_GREETER_TIMES: "many" });
    await client.plugins.start();
    expect(errors[0]?.message).toMatch(/NCATBOT_PLUGIN_GREETER_TIMES="many" is not a number/);
  });

  it("choices, number lists and objects: checked in the file, read from the environment", async () => {
    class Picky extends NcatBotPlugin {
      static meta = { name: "picky-one" };
      config = this.defineConfig({
        mode: { default: "fast", choices: ["fast", "slow"] },
        groups: { default: [1, 2] },
        limits: { default: { perUser: 3 } as Record<string, number> },
      });
    }
    const dir = tempDir({ "ncatbot.config.yaml": "plugins:\n  picky-one:\n    mode: slwo\n" });
    const file = join(dir, "ncatbot.config.yaml");
    const wrong = bot(file, {}, [Picky]);
    await wrong.client.plugins.start();
    expect(wrong.errors[0]?.message).toContain(
      `plugins.picky-one.mode": the string "slwo" in ${file} is not one of "fast", "slow". Did you mean "slow"?`,
    );
    const fromEnv = bot(
      false,
      {
        NCATBOT_PLUGIN_PICKY_ONE_GROUPS: "7, 8",
        NCATBOT_PLUGIN_PICKY_ONE_LIMITS: '{"perUser":5}',
      },
      [Picky],
    );
    await fromEnv.client.plugins.start();
    expect(fromEnv.errors).toEqual([]);
    expect({ ...(fromEnv.client.plugins.get("picky-one") as Picky).config }).toEqual({
      mode: "fast",
      groups: [7, 8],
      limits: { perUser: 5 },
    });
    const badEnv = bot(false, { NCATBOT_PLUGIN_PICKY_ONE_LIMITS: "[1]" }, [Picky]);
    await badEnv.client.plugins.start();
    expect(badEnv.errors[0]?.message).toContain(
      "expected object in env NCATBOT_PLUGIN_PICKY_ONE_LIMITS, got an array",
    );
  });

  it("setConfig writes one key, keeps the other keys and the comments, and emits a change", async () => {
    const dir = tempDir({ "ncatbot.config.yaml": FILE });
    const file = join(dir, "ncatbot.config.yaml");
    const { client } = bot(file);
    await client.plugins.start();
    const greeter = client.plugins.get("greeter") as Greeter;
    await greeter.setConfig("times", 5);
    expect(greeter.config.times).toBe(5);
    expect(greeter.changes).toEqual([{ key: "times", value: 5, previous: 3 }]);
    const after = readFileSync(file, "utf8");
    expect(after).toBe(FILE.replace("times: 3", "times: 5"));
    await greeter.setConfig("loud", true);
    expect(readFileSync(file, "utf8")).toContain("    loud: true");
    await expect(greeter.setConfig("times", "five")).rejects.toThrow(
      /plugins\.greeter\.times.*expected number/,
    );
    await expect(greeter.setConfig("nope", 1)).rejects.toThrow(
      /declares no such setting.*greeting, times, loud, words/,
    );
    expect(greeter.config.times).toBe(5);
  });

  it("setConfig creates the section in a file without one", async () => {
    const dir = tempDir({ "ncatbot.config.yaml": "# only a comment\nlogLevel: silent\n" });
    const file = join(dir, "ncatbot.config.yaml");
    const { client } = bot(file, {}, [Greeter]);
    await client.plugins.start();
    await (client.plugins.get("greeter") as Greeter).setConfig("greeting", "嗨");
    expect(readFileSync(file, "utf8")).toBe(
      "# only a comment\nlogLevel: silent\nplugins:\n  greeter:\n    greeting: 嗨\n",
    );
    writeFileSync(file, "plugins:\n  greeter:\n    greeting: 嗨\n");
    const { client: again } = bot(file, {}, [Greeter]);
    await again.plugins.start();
    expect((again.plugins.get("greeter") as Greeter).config.greeting).toBe("嗨");
  });
});
