import type { BotClient } from "ncatbot";

export function setup(bot: BotClient): void {
  bot.onGroupMessage((msg) => {
    if (msg.raw_message !== "群信息") return;
    // 同步方法直接返回结果，不需要 await
    const info = bot.api.getGroupInfoSync({ group_id: msg.group_id });
    const members = bot.api.getGroupMemberListSync({ group_id: msg.group_id });
    msg.replySync(`${info.group_name}：共 ${members.length} 人`);
  });
}
