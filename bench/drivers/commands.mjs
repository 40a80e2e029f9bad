// Benchmark driver: the async driver's rule, on a bot that also has 500 commands
// registered (`/cmd0 <n:int> [--flag]` ... `/cmd499`, plus the built-in /help and
// /perm). The load generator's traffic ("ping N") names none of them, so this row
// measures what the command table costs every message that is not a command: the
// first-character test and, at most, one Map lookup (docs/commands.md, Performance).
//
// Environment (set by the load generator): ONEBOT_WS_URL, ONEBOT_TOKEN.
import { BotClient } from "ncatbot";

const bot = new BotClient({
  wsUri: process.env.ONEBOT_WS_URL,
  wsToken: process.env.ONEBOT_TOKEN,
  logLevel: "warn",
  commands: { rbacFile: false },
});

for (let i = 0; i < 500; i++) {
  bot.command(`cmd${i} <n:int> [--flag]`, (e, { n }) => e.reply(String(n)));
}

const PING = /^ping (\d+)$/;

bot.onGroupMessage(async (msg) => {
  const m = PING.exec(msg.raw_message);
  if (m) await bot.api.postGroupMsg(msg.group_id, { text: `pong ${m[1]}` });
});

await bot.run();
