import type { BotClient } from "ncatbot";

export function setup(bot: BotClient): void {
  bot.onGroupMessage(async (msg) => {
    if (msg.raw_message === "ping") await msg.quickOperation({ reply: "pong", at_sender: false });
  });
  bot.on("request.friend", (req) => req.quickOperationSync({ approve: true, remark: "新朋友" }));
}
