// Benchmark driver: the async driver's rule (see async.mjs) with 20 plugins loaded
// besides it, each with its own group-message handler that ignores the benchmark
// traffic (it looks for a command the load generator never sends). Measures what
// plugins cost per event: their handlers sit in the dispatcher's per-key table and
// each has a per-chat switch check, so every event runs 20 more small functions.
//
// Runs on the built package (dist/). Environment: ONEBOT_WS_URL, ONEBOT_TOKEN.
import { BotClient, definePlugin } from "ncatbot";

const PLUGINS = 20;
const plugins = Array.from({ length: PLUGINS }, (_, i) =>
  definePlugin({
    name: `bench-${i}`,
    version: "1.0.0",
    onLoad(plugin) {
      const command = `/bench-${i}`;
      plugin.onGroupMessage((msg) => {
        if (msg.raw_message === command) msg.replySync("never");
      });
    },
  }),
);

const bot = new BotClient({
  wsUri: process.env.ONEBOT_WS_URL,
  wsToken: process.env.ONEBOT_TOKEN,
  logLevel: "warn",
  configFile: false,
  pluginsDir: false,
  plugins,
});

const PING = /^ping (\d+)$/;

bot.onGroupMessage(async (msg) => {
  const m = PING.exec(msg.raw_message);
  if (m) await bot.api.postGroupMsg(msg.group_id, { text: `pong ${m[1]}` });
});

await bot.run();
