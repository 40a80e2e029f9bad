import type { BotClient } from "ncatbot";

export function setup(bot: BotClient): void {
  // 异步回调：可以 await 异步方法，也可以调用同步方法
  bot.onPrivateMessage(async (msg) => {
    if (msg.raw_message === "测试") {
      await bot.api.postPrivateMsg(msg.user_id, { text: "NcatBot 异步调用测试成功喵~" });
      bot.api.postPrivateMsgSync(msg.user_id, { text: "NcatBot 同步调用测试成功喵~" });
    }
  });

  // 同步回调：普通函数，只用 Sync 方法
  bot.onGroupMessage((msg) => {
    if (msg.raw_message === "测试") {
      bot.api.postGroupMsgSync(msg.group_id, { text: "NcatBot 同步调用测试成功喵~" });
    }
  });
}
