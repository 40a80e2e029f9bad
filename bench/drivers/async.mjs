// Benchmark driver: the load generator's rule written the way a user would
// write it with NcatBot's public API, async flavour.
//
// Rule (see ../shared/bench/README.md): for every GROUP message whose text is
// "ping N", send "pong N" to that group; ignore everything else, private pings
// included. The reply goes through the convenience sender a user reaches for
// first, `bot.api.postGroupMsg(groupId, { text })` (NcatBot `post_group_msg`),
// so the figure includes message composition and parameter validation, not
// just the raw `send_group_msg` call.
//
// Runs on the built package (`npm run build` -> dist/), resolved through the
// package's self-reference. Environment (set by the load generator):
//   ONEBOT_WS_URL  NapCat-style forward WebSocket server to connect to
//   ONEBOT_TOKEN   its access token
// The load generator stops the bot with SIGKILL; `bot.run()` also stops
// cleanly on SIGINT / SIGTERM.
import { BotClient } from "ncatbot";

const bot = new BotClient({
  wsUri: process.env.ONEBOT_WS_URL,
  wsToken: process.env.ONEBOT_TOKEN,
  logLevel: "warn",
});

const PING = /^ping (\d+)$/;

bot.onGroupMessage(async (msg) => {
  const m = PING.exec(msg.raw_message);
  if (m) await bot.api.postGroupMsg(msg.group_id, { text: `pong ${m[1]}` });
});

await bot.run();
