/**
 * The settings schema (issue 13) with token validation (issue 11.4) and secret
 * masking (issue 12): one declaration gives keys, env names, defaults, errors, docs.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { BotClient } from "../../src/client/bot-client.js";
import { BOT_SETTINGS, type BotClientOptions, resolveConfig } from "../../src/client/config.js";
import { ConfigError } from "../../src/errors.js";
import { int, list, num, record, text } from "../../src/settings/fields.js";
import { defineSettings } from "../../src/settings/schema.js";
import { Secret } from "../../src/settings/secret.js";

function tempFile(name: string, body: string): string {
  const dir = mkdtempSync(join(tmpdir(), "ncatbot-settings-"));
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
}

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw new Error(`expected a ConfigError, got ${String(e)}`);
  }
  throw new Error("expected a ConfigError, nothing was thrown");
}

const resolveOptions = (options: BotClientOptions, env: NodeJS.ProcessEnv = {}) =>
  resolveConfig({ configFile: false, ...options }, env);

const NON_ASCII = "你的 token";

describe("token validation at construction (every mode)", () => {
  const cases: [string, BotClientOptions, string][] = [
    ["forward WS", { wsToken: NON_ASCII }, "wsToken"],
    [
      "reverse WS",
      { connection: { mode: "reverse-ws", port: 0, token: NON_ASCII } },
      "connection.token",
    ],
    [
      "HTTP + SSE",
      {
        connection: {
          mode: "http",
          apiUrl: "http://127.0.0.1:3000",
          token: NON_ASCII,
          events: { mode: "sse" },
        },
      },
      "connection.token",
    ],
    [
      "HTTP + HTTP POST secret",
      {
        connection: {
          mode: "http",
          apiUrl: "http://127.0.0.1:3000",
          events: { mode: "http-post", port: 0, secret: "密钥" },
        },
      },
      "connection.events.secret",
    ],
    ["a control character", { wsToken: "abc\ndef" }, "wsToken"],
  ];
  it.each(cases)("%s: a ConfigError names the setting, never the token", (_name, options, key) => {
    const error = errorOf(() => new BotClient({ configFile: false, ...options }, { env: {} }));
    expect(error.key).toBe(key);
    expect(error.message).toMatch(/ASCII|control/);
    expect(error.message).not.toContain("你的");
    expect(error.message).not.toContain("密钥");
  });

  it("from the environment and the config file too", () => {
    expect(errorOf(() => resolveOptions({}, { NCATBOT_WS_TOKEN: NON_ASCII })).key).toBe("wsToken");
    const file = tempFile("c.yaml", `wsToken: "${NON_ASCII}"\n`);
    const error = errorOf(() => resolveConfig({ configFile: file }, {}));
    expect(error.key).toBe("wsToken");
    expect(error.message).toContain(file);
  });

  it("accepts printable ASCII tokens and Secret holders", () => {
    expect(resolveOptions({ wsToken: "Ab0-_.~!@#$%^&*()+=" }).wsToken?.reveal()).toBe(
      "Ab0-_.~!@#$%^&*()+=",
    );
    expect(resolveOptions({ wsToken: new Secret("s3") }).wsToken?.reveal()).toBe("s3");
  });
});

describe("secrets never shown", () => {
  it("URLs with tokens and spaces: masked ConfigError, never a raw TypeError", () => {
    for (const [options, key] of [
      [{ wsUri: "ws://exa mple.com/?access_token=S3CR3T" }, "wsUri"],
      [{ wsUri: "ws://127.0.0.1:3001/?access_token=S3CR3T" }, "wsUri"],
      [
        {
          connection: {
            mode: "http",
            apiUrl: "http://exa mple.com/?access_token=S3CR3T",
            events: { mode: "sse" },
          },
        },
        "connection.apiUrl",
      ],
      [
        {
          connection: {
            mode: "http",
            apiUrl: "http://127.0.0.1:3000",
            events: { mode: "sse", url: "http://x y/?token=S3CR3T" },
          },
        },
        "connection.events.url",
      ],
    ] as [BotClientOptions, string][]) {
      const error = errorOf(() => new BotClient({ configFile: false, ...options }, { env: {} }));
      expect(error.key).toBe(key);
      expect(error.message).not.toContain("S3CR3T");
      expect(inspect(error)).not.toContain("S3CR3T");
    }
  });

  it("util.inspect(bot), JSON.stringify(bot) and JSON.stringify(bot.config) mask every token at any depth", () => {
    const bot = new BotClient(
      {
        configFile: false,
        wsToken: "TOKEN-A",
        connection: {
          mode: "http",
          apiUrl: "http://127.0.0.1:3000",
          token: "TOKEN-B",
          events: { mode: "http-post", port: 0, secret: "TOKEN-C" },
        },
      },
      { env: {} },
    );
    for (const shown of [
      inspect(bot, { depth: Number.POSITIVE_INFINITY }),
      JSON.stringify(bot),
      JSON.stringify(bot.config),
      inspect(bot.config, { depth: Number.POSITIVE_INFINITY }),
      String(bot.config.wsToken),
      `${JSON.stringify({ nested: { deeper: [bot.config] } })}`,
    ]) {
      expect(shown).not.toMatch(/TOKEN-[ABC]/);
    }
    expect(JSON.stringify(bot.config)).toContain('"wsToken":"***"');
    expect(bot.config.wsToken?.reveal()).toBe("TOKEN-A");
  });
});

describe("one declaration", () => {
  it("options, file (with aliases) and env override in that order; defaults fill the rest", () => {
    const file = tempFile(
      "c.yaml",
      "api_timeout_ms: 5000\nlogLevel: debug\nplugins:\n  welcome: { greeting: hi }\n",
    );
    const config = resolveConfig(
      { configFile: file, apiTimeoutMs: 1, logLevel: "warn", hotReload: true },
      { NCATBOT_LOG_LEVEL: "error", NCATBOT_COMMAND_PREFIXES: "#, ." },
    );
    expect(config.apiTimeoutMs).toBe(5000);
    expect(config.logLevel).toBe("error");
    expect(config.hotReload).toBe(true);
    expect(config.commandPrefixes).toEqual(["#", "."]);
    expect(config.dataDir).toBe("data");
    expect(config.pluginsDir).toBe("plugins");
    expect(config.pluginsDirExplicit).toBe(false);
    expect(config.pluginSettings).toEqual({ welcome: { greeting: "hi" } });
    expect(config.root).toEqual([]);
  });

  it("errors carry key, problem and fix, with did-you-mean and the env name", () => {
    const unknown = errorOf(() => resolveOptions({ apiTimeout: 5 } as BotClientOptions));
    expect(unknown.key).toBe("apiTimeout");
    expect(unknown.fix).toContain("Did you mean `apiTimeoutMs`?");
    const bad = errorOf(() => resolveOptions({ apiTimeoutMs: -5 }));
    expect(bad.problem).toContain("positive number of milliseconds");
    expect(bad.fix).toContain("NCATBOT_API_TIMEOUT_MS");
    const level = errorOf(() => resolveOptions({}, { NCATBOT_LOG_LEVEL: "verbose" }));
    expect(level.problem).toContain("env NCATBOT_LOG_LEVEL");
    const nested = errorOf(() =>
      resolveOptions({ connection: { mode: "reverse-ws", port: 70000, token: "t" } }),
    );
    expect(nested.key).toBe("connection.port");
    const reconnect = errorOf(() => resolveOptions({ reconnect: { factor: 0.5 } }));
    expect(reconnect.key).toBe("reconnect.factor");
  });

  it("timer settings must fit Node's timers (3e9 ms would overflow)", () => {
    expect(errorOf(() => resolveOptions({ heartbeatTimeoutMs: 3e9 })).key).toBe(
      "heartbeatTimeoutMs",
    );
    expect(errorOf(() => resolveOptions({ apiTimeoutMs: 3e9 })).key).toBe("apiTimeoutMs");
  });

  it("__proto__ / constructor keys in a config file are unknown settings, never prototypes", () => {
    for (const body of [
      '__proto__: { logLevel: "debug" }\n',
      "constructor: 1\n",
      "toString: 1\n",
    ]) {
      const file = tempFile("c.yaml", body);
      const error = errorOf(() => resolveConfig({ configFile: file }, {}));
      expect(error.problem).toContain("unknown setting");
    }
    expect(({} as Record<string, unknown>).logLevel).toBeUndefined();
  });

  it("a reusable defineSettings for plugin settings, with a prefix in errors", () => {
    const settings = defineSettings({
      greeting: text({ doc: "Greeting", zh: "欢迎语", default: "欢迎" }),
      maxWarnings: int({ doc: "Warnings", zh: "警告次数", default: 3, min: 1 }),
      ratio: num({ doc: "Ratio", zh: "比例" }),
    });
    const values = settings.resolve([{ where: "plugins.welcome", values: { maxWarnings: 5 } }]);
    expect(values).toEqual({ greeting: "欢迎", maxWarnings: 5, ratio: undefined });
    const error = errorOf(() =>
      settings.resolve([{ where: "x.yaml", values: { maxWarnings: 0.5 } }], {
        keyPrefix: "plugins.welcome.",
      }),
    );
    expect(error.key).toBe("plugins.welcome.maxWarnings");
  });

  it("envPrefix names every setting without its own env; list (of strings or numbers), record and choices", () => {
    const settings = defineSettings(
      {
        maxCount: int({ doc: "Count", zh: "次数", default: 1 }),
        words: list({ doc: "Words", zh: "词", default: [] }),
        ids: list({ doc: "Ids", zh: "号码", default: [] }, "number"),
        extra: record({ doc: "Extra", zh: "其他", default: {} }),
        mode: text({ doc: "Mode", zh: "模式", default: "a", choices: ["a", "b"] }),
        own: text({ doc: "Own", zh: "自定", env: "OWN_NAME" }),
      },
      { envPrefix: "NCATBOT_PLUGIN_DEMO_" },
    );
    expect([...settings.envNames.keys()]).toEqual([
      "NCATBOT_PLUGIN_DEMO_MAX_COUNT",
      "NCATBOT_PLUGIN_DEMO_WORDS",
      "NCATBOT_PLUGIN_DEMO_IDS",
      "NCATBOT_PLUGIN_DEMO_EXTRA",
      "NCATBOT_PLUGIN_DEMO_MODE",
      "OWN_NAME",
    ]);
    expect(settings.docsTable()).toContain("`NCATBOT_PLUGIN_DEMO_MAX_COUNT`");
    const values = settings.resolve([], {
      env: {
        NCATBOT_PLUGIN_DEMO_WORDS: '["x, y", "z"]',
        NCATBOT_PLUGIN_DEMO_IDS: "1, 2",
        NCATBOT_PLUGIN_DEMO_EXTRA: '{"a":1}',
        NCATBOT_PLUGIN_DEMO_MODE: "b",
      },
    });
    expect(values).toMatchObject({ words: ["x, y", "z"], ids: [1, 2], extra: { a: 1 }, mode: "b" });
    const choice = errorOf(() => settings.resolve([{ where: "x.yaml", values: { mode: "bb" } }]));
    expect(choice.problem).toBe('the string "bb" in x.yaml is not one of "a", "b"');
    expect(choice.fix).toContain('Did you mean "b"?');
    const env = errorOf(() => settings.resolve([], { env: { NCATBOT_PLUGIN_DEMO_IDS: "1, two" } }));
    expect(env.problem).toBe('env NCATBOT_PLUGIN_DEMO_IDS="two" is not a number');
    const json = errorOf(() => settings.resolve([], { env: { NCATBOT_PLUGIN_DEMO_EXTRA: "{a" } }));
    expect(json.problem).toContain("is not JSON");
    const mapping = errorOf(() => settings.resolve([{ where: "x.yaml", values: { extra: [1] } }]));
    expect(mapping.problem).toBe("expected object in x.yaml, got an array");
    const leaked = errorOf(() =>
      settings.resolve([{ where: "x.yaml", values: { ids: "https://u:hunter2@example.test" } }]),
    );
    expect(leaked.message).toContain('got the string "https://***@example.test"');
    expect(leaked.message).not.toContain("hunter2");
  });
});

describe("docs/configuration.md", () => {
  it("holds the table generated from the schema, with every key and env name", () => {
    const page = readFileSync(new URL("../../docs/configuration.md", import.meta.url), "utf8");
    const table = BOT_SETTINGS.docsTable();
    expect(page).toContain(table);
    for (const key of BOT_SETTINGS.keys) expect(table).toContain(`\`${key}\``);
    for (const env of BOT_SETTINGS.envNames.keys()) expect(table).toContain(env);
  });
});
