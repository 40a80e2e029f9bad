/**
 * Child script: a bot against a fake NapCat (own thread) answers one message, then
 * both stop. The process must then exit on its own.
 */
import { createTestBot } from "../../src/testing/index.js";

const t = await createTestBot({
  heartbeatIntervalMs: 50,
  setup: (bot) =>
    bot.onGroupMessage((msg) => {
      if (msg.raw_message === "ping") msg.replySync("pong");
    }),
});
const reply = await t.sayAndWaitReply("ping");
await t.stop();
process.stdout.write(`stopped after ${reply.text.trim()}\n`);
