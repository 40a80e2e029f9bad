/**
 * Issue 12: every setting an error message names is a real setting, and every
 * environment variable it names is one NcatBot reads (no more `httpToken` /
 * `NCATBOT_HTTP_TOKEN`). Checked two ways: statically over every source file, and
 * on the messages the token errors actually produce.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SETTING_ENV_NAMES, SETTING_PATHS } from "../../src/client/config.js";
import { ActionFailedError } from "../../src/errors.js";
import { badTokenError } from "../../src/transport/errors-explain.js";

const SRC = new URL("../../src/", import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith(".ts") && !name.includes(".generated.") ? [path] : [];
  });
}

/** Setting names and env names a text refers to. */
function namesIn(text: string): { settings: string[]; envs: string[] } {
  const settings = new Set<string>();
  const envs = new Set<string>();
  // "`wsToken` (env NCATBOT_WS_TOKEN)", "Set `connection.token`", "setting `selfId`"
  for (const m of text.matchAll(/`([a-zA-Z][\w.]*)`\s*\(env/g)) settings.add(m[1] ?? "");
  for (const m of text.matchAll(/\b(?:Set|set|setting|settings?:)\s+\\?`([a-zA-Z][\w.]*)\\?`/g))
    settings.add(m[1] ?? "");
  for (const m of text.matchAll(/\bNCATBOT_[A-Z0-9_]*[A-Z0-9]\b/g)) envs.add(m[0]);
  return { settings: [...settings], envs: [...envs] };
}

/** Per-plugin settings and env names belong to the plugin's own schema. */
const isPluginName = (name: string) =>
  name.startsWith("NCATBOT_PLUGIN_") || name.startsWith("plugins.");

describe("error messages name real settings", () => {
  it("every ConfigError key, named setting and NCATBOT_* variable in src/ is real", () => {
    const bad: string[] = [];
    for (const file of sources(SRC)) {
      const text = readFileSync(file, "utf8");
      const rel = file.slice(SRC.length);
      for (const m of text.matchAll(/new ConfigError\(\s*"([^"]+)"/g)) {
        const key = m[1] ?? "";
        if (!SETTING_PATHS.has(key) && !isPluginName(key))
          bad.push(`${rel}: ConfigError key "${key}"`);
      }
      const { settings, envs } = namesIn(text);
      for (const s of settings)
        if (!SETTING_PATHS.has(s) && !isPluginName(s)) bad.push(`${rel}: setting \`${s}\``);
      for (const e of envs)
        if (!SETTING_ENV_NAMES.has(e) && !isPluginName(e) && e !== "NCATBOT_X")
          bad.push(`${rel}: ${e}`);
    }
    expect(bad).toEqual([]);
  });

  it("the token errors of every mode name real settings and their env names", () => {
    const messages = [
      badTokenError("forward-ws", "retcode 1403").message,
      badTokenError("http", "HTTP 401").message,
      badTokenError("sse", "HTTP 403").message,
      new ActionFailedError({
        action: "x",
        params: {},
        retcode: 1403,
        status: "failed",
        napcatMessage: "",
        wording: "",
        echo: null,
      }).message,
    ];
    for (const message of messages) {
      const { settings, envs } = namesIn(message);
      expect(settings.length).toBeGreaterThan(0);
      for (const s of settings) expect(SETTING_PATHS).toContain(s);
      for (const e of envs) expect(SETTING_ENV_NAMES).toContain(e);
    }
    expect(badTokenError("http", "HTTP 401").key).toBe("connection.token");
  });

  it("the scan sees a fake setting (the check can fail)", () => {
    const { settings, envs } = namesIn("Set `httpToken` (env NCATBOT_HTTP_TOKEN)");
    expect(settings).toContain("httpToken");
    expect(SETTING_PATHS.has("httpToken")).toBe(false);
    expect(SETTING_ENV_NAMES.has(envs[0] ?? "")).toBe(false);
  });
});
