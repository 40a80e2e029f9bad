// Strict TypeScript user project: typed handlers, typed API results, the testing entry's types.
import { type BotClient, type GroupMessageEvent, isGroupMessage } from "ncatbot";
import { createTestBot, type TestBot } from "ncatbot/testing";

const t: TestBot = await createTestBot({
  setup: (bot: BotClient) => {
    bot.onGroupMessage(async (msg: GroupMessageEvent) => {
      if (!isGroupMessage(msg) || msg.raw_message !== "ping") return;
      const info = await bot.api.getGroupInfo({ group_id: msg.group_id });
      const name: string = info.group_name;
      msg.replySync(`pong from ${name}`);
    });
  },
});
try {
  const reply = await t.sayAndWaitReply("ping", { timeoutMs: 15_000 });
  if (!reply.text.includes("pong from")) throw new Error(`got ${JSON.stringify(reply.text)}`);
  t.expectCall("get_group_info").once();
} finally {
  await t.stop();
}
console.log(
  `ok typescript project (${process.argv[2]}): typed bot answered against the fake NapCat`,
);
