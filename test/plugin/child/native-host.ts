/**
 * Child process of native-load.test.ts: loads a plugin folder through Node's own
 * module loader (as `ncatbot run` does, no test runner in between), reloads it
 * after the test rewrites a file it imports, and prints what it saw as JSON lines.
 */
import { createInterface } from "node:readline";
import { BotClient } from "../../../src/index.js";

const [pluginDir, dataDir] = process.argv.slice(2);
if (!pluginDir || !dataDir) throw new Error("usage: native-host.ts <plugin folder> <data folder>");

const bot = new BotClient(
  { configFile: false, logLevel: "silent", pluginsDir: false, dataDir },
  { env: {} },
);
const errors: string[] = [];
bot.catch((err) => void errors.push(err.message));
const say = (what: object) => process.stdout.write(`${JSON.stringify(what)}\n`);
const started = Date.now();
await bot.plugins.loadFolder(pluginDir);
const plugin = () =>
  bot.plugins.get("native") as unknown as { value(): string; data: Record<string, unknown> };
say({ step: "loaded", ms: Date.now() - started, value: plugin().value(), errors });

for await (const line of createInterface({ input: process.stdin })) {
  if (line === "reload") {
    try {
      await bot.plugins.reload("native");
      say({ step: "reloaded", value: plugin().value(), loads: plugin().data.loads, errors });
    } catch (error) {
      say({ step: "reload-failed", error: (error as Error).message, value: plugin().value() });
    }
  } else if (line === "exit") {
    await bot.plugins.unload("native");
    process.exit(0);
  }
}
