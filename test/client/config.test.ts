import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/client/config.js";
import { ConfigError } from "../../src/errors.js";

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "ncatbot-config-"));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("resolveConfig", () => {
  it("fills the defaults", () => {
    const config = resolveConfig({ configFile: false }, {});
    expect(config.wsUri).toBe("ws://127.0.0.1:3001");
    expect(config.apiTimeoutMs).toBe(30_000);
    expect(config.connection).toEqual({ mode: "forward-ws" });
    expect(config.napcatIsLocal).toBe(true);
    expect(config.reconnect).toEqual({});
  });

  it("lets the config file override options and the environment override both", () => {
    const file = tempFile(
      "bot.yaml",
      "wsUri: ws://10.0.0.2:3001\nws_token: from-file\napiTimeoutMs: 5000\n",
    );
    const config = resolveConfig(
      { wsUri: "ws://127.0.0.1:9999", wsToken: "from-options", configFile: file },
      { NCATBOT_WS_TOKEN: "from-env" },
    );
    expect(config.wsUri).toBe("ws://10.0.0.2:3001");
    expect(config.wsToken?.reveal()).toBe("from-env");
    expect(JSON.stringify(config)).not.toContain("from-");
    expect(config.apiTimeoutMs).toBe(5000);
    expect(config.napcatIsLocal).toBe(false);
    expect(config.configFile).toBe(file);
  });

  it("reads NCATBOT_CONFIG and numbers from the environment", () => {
    const file = tempFile("c.yaml", "logLevel: debug\n");
    const config = resolveConfig({}, { NCATBOT_CONFIG: file, NCATBOT_API_TIMEOUT_MS: "1234" });
    expect(config.logLevel).toBe("debug");
    expect(config.apiTimeoutMs).toBe(1234);
  });

  it("names an unknown key and lists the valid ones", () => {
    const file = tempFile("c.yaml", "wsUrl: ws://127.0.0.1:3001\n");
    const error = (() => {
      try {
        resolveConfig({ configFile: file }, {});
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe("wsUrl");
    expect((error as ConfigError).message).toContain("wsUri");
  });

  it("explains bad values without echoing the token", () => {
    expect(() => resolveConfig({ wsUri: "http://127.0.0.1:3000", configFile: false }, {})).toThrow(
      /ws:\/\//,
    );
    expect(() => resolveConfig({ handlerTimeoutMs: -1, configFile: false }, {})).toThrow(
      ConfigError,
    );
    expect(() => resolveConfig({ configFile: false }, { NCATBOT_API_TIMEOUT_MS: "soon" })).toThrow(
      /NCATBOT_API_TIMEOUT_MS.*"soon"|"soon".*NCATBOT_API_TIMEOUT_MS/,
    );
    // Credentials in the URI are refused, and the refusal does not echo them.
    const refused = (() => {
      try {
        resolveConfig({ wsUri: "ws://user:sup3rsecret@127.0.0.1:3001", configFile: false }, {});
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).not.toContain("sup3rsecret");
  });

  it("rejects broken YAML and a missing explicit file", () => {
    const file = tempFile("c.yaml", "wsUri: [unclosed\n");
    expect(() => resolveConfig({ configFile: file }, {})).toThrow(/not valid YAML/);
    expect(() => resolveConfig({ configFile: "/nonexistent/ncatbot.yaml" }, {})).toThrow(
      /not found/,
    );
  });
});
