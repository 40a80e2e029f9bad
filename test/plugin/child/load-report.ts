/**
 * Child process of module-format.test.ts: loads one plugin folder through Node's
 * own module loader (as `ncatbot run` does) and prints, as one JSON line, whether
 * it loaded and the error message when it did not.
 */
import { BotClient } from "../../../src/index.js";

const [pluginDir, dataDir] = process.argv.slice(2);
if (!pluginDir || !dataDir) throw new Error("usage: load-report.ts <plugin folder> <data folder>");

const bot = new BotClient(
  { configFile: false, logLevel: "silent", pluginsDir: false, dataDir },
  { env: {} },
);
bot.catch(() => {});
try {
  const info = await bot.plugins.loadFolder(pluginDir);
  process.stdout.write(`${JSON.stringify({ loaded: info.name })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: (error as Error).message })}\n`);
}
process.exit(0);
