import { ActionFailedError, ActionTimeoutError, type BotClient } from "ncatbot";

export function setup(bot: BotClient): void {
  bot.onGroupMessage(async (msg) => {
    if (msg.raw_message !== "禁言我") return;
    try {
      // 第二个参数可以单独指定这一次调用的超时（毫秒）
      await bot.api.setGroupBan(
        { group_id: msg.group_id, user_id: msg.user_id, duration: 60 },
        { timeoutMs: 5000 },
      );
      await msg.reply("好的，禁言 60 秒");
    } catch (error) {
      if (error instanceof ActionFailedError) {
        // NapCat 返回 status: "failed"：retcode、wording 都在错误对象上
        await msg.reply(`禁言失败（${error.retcode}）：${error.wording || error.napcatMessage}`);
      } else if (error instanceof ActionTimeoutError) {
        await msg.reply(`NapCat 在 ${error.timeoutMs} 毫秒内没有回应`);
      } else {
        throw error;
      }
    }
  });
}
