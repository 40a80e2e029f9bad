// Benchmark driver: the load generator's rule written with a plain (sync)
// callback and NcatBot's blocking API, `bot.api.postGroupMsgSync(...)`.
//
// Each Sync call blocks the main thread until NapCat answers (a worker thread
// does the round trip over its own API-only connection, `/api`, while events
// wait in the main connection's buffers), so this bot answers pings strictly one
// after another: its pongs/s is the Sync bridge's round-trip rate, and its
// budget is a share of the floor's throughput, not its CPU.
//
// Rule (see ../shared/bench/README.md): for every GROUP message whose text is
// "ping N", send "pong N" to that group; ignore everything else.
// Environment: ONEBOT_WS_URL, ONEBOT_TOKEN (set by the load generator).
import { BotClient } from "ncatbot";

const bot = new BotClient({
  wsUri: process.env.ONEBOT_WS_URL,
  wsToken: process.env.ONEBOT_TOKEN,
  logLevel: "warn",
});

const PING = /^ping (\d+)$/;

bot.onGroupMessage((msg) => {
  const m = PING.exec(msg.raw_message);
  if (m) bot.api.postGroupMsgSync(msg.group_id, { text: `pong ${m[1]}` });
});

await bot.run();
