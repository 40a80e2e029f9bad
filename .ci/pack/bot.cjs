// CommonJS user project: the same bot through require().
const { BotClient } = require("ncatbot");
const { createTestBot } = require("ncatbot/testing");

async function main() {
  const t = await createTestBot({
    setup: (bot) => {
      bot.onGroupMessage(async (msg) => {
        if (msg.raw_message === "ping") await msg.reply("pong");
        if (msg.raw_message === "sync") msg.replySync("pong sync");
      });
    },
  });
  try {
    if (!(t.bot instanceof BotClient)) throw new Error("createTestBot().bot is not a BotClient");
    for (const [say, want] of [
      ["ping", "pong"],
      ["sync", "pong sync"],
    ]) {
      const reply = await t.sayAndWaitReply(say, { timeoutMs: 15_000 });
      if (!reply.text.includes(want)) throw new Error(`${say}: got ${JSON.stringify(reply.text)}`);
    }
  } finally {
    await t.stop();
  }
  console.log("ok cjs project: bot answered (async and Sync) against the fake NapCat");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
