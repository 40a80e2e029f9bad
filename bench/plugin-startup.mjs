#!/usr/bin/env node
// Plugin start-up time: 20 plugin folders (TypeScript, loaded without a build step
// through tsx, as `ncatbot run` does; or JavaScript with --js) under a temporary
// plugins folder inside bench/.work (so `import "ncatbot"` resolves to this package's
// dist/), loaded by `bot.plugins.start()` in a fresh Node process. Prints the time of
// the whole load (import + order + onLoad of all 20) for each of --runs processes,
// and the median. Needs `npm run build` first.
//
//   node bench/plugin-startup.mjs [--runs 5] [--plugins 20] [--js]
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const BENCH = dirname(fileURLToPath(import.meta.url));
const WORK = join(BENCH, ".work", "plugin-startup");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const runs = option("--runs", 5);
const count = option("--plugins", 20);
const js = args.includes("--js");

rmSync(WORK, { recursive: true, force: true });
const pluginsDir = join(WORK, "plugins");
for (let i = 0; i < count; i++) {
  const dir = join(pluginsDir, `p${i}`);
  mkdirSync(dir, { recursive: true });
  const typed = js ? "" : ": void";
  writeFileSync(
    join(dir, js ? "index.js" : "index.ts"),
    `import { NcatBotPlugin } from "ncatbot";

export default class P${i} extends NcatBotPlugin {
  static meta = { name: "p${i}", version: "1.0.0"${i > 0 ? `, dependencies: { p${i - 1}: "^1.0.0" }` : ""} };
  config = this.defineConfig({ greeting: { default: "hi ${i}" } });
  onLoad()${typed} {
    this.onGroupMessage((msg) => { if (msg.raw_message === "/p${i}") msg.replySync(this.config.greeting); });
    this.addScheduledTask("tick", "1h", () => {});
  }
}
`,
  );
}
const host = join(WORK, "host.mjs");
writeFileSync(
  host,
  `import { BotClient } from "ncatbot";
const bot = new BotClient({ configFile: false, logLevel: "warn", pluginsDir: ${JSON.stringify(pluginsDir)}, dataDir: ${JSON.stringify(join(WORK, "data"))} }, { env: {} });
const t0 = performance.now();
await bot.plugins.start();
const ms = performance.now() - t0;
const loaded = bot.plugins.list().filter((p) => p.state === "loaded").length;
await bot.plugins.stop();
console.log(JSON.stringify({ ms, loaded, processMs: performance.now() }));
`,
);

const results = [];
for (let r = 0; r < runs; r++) {
  const out = spawnSync(process.execPath, [host], { encoding: "utf8" });
  if (out.status !== 0) {
    console.error(out.stderr);
    process.exit(1);
  }
  const result = JSON.parse(out.stdout.trim().split("\n").pop());
  if (result.loaded !== count) {
    console.error(`only ${result.loaded} of ${count} plugins loaded`);
    process.exit(1);
  }
  results.push(result);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = results.map((r) => r.ms);
console.log(
  `${count} ${js ? "JavaScript" : "TypeScript"} plugins: load ${ms.map((x) => x.toFixed(0)).join(", ")} ms; median ${median(ms).toFixed(0)} ms (whole process up to loaded: median ${median(results.map((r) => r.processMs)).toFixed(0)} ms)`,
);
