import type { BotClient } from "ncatbot";

export function setup(bot: BotClient): void {
  // /echo 你好 → 你好（rest：消息剩下的全部文字，原样保留）
  bot.command("echo <text:rest>", { description: "复读一句话" }, (e, { text }) => e.reply(text));

  // /roll 或 /roll 20：可选参数带默认值；同步处理函数用 Sync 方法
  bot.command("roll [sides:int=6]", { description: "掷骰子" }, (e, { sides }) => {
    e.replySync(`🎲 ${1 + Math.floor(Math.random() * sides)}`);
  });

  // /ban @某人 600 或 /禁言 123456 60：at 参数接受 @ 消息段或直接输入的 QQ 号
  bot.command(
    "ban <user:at> [seconds:int=600]",
    { aliases: ["禁言"], description: "禁言群成员", permission: "admin", scope: "group" },
    async (e, { user, seconds }) => {
      await e.api.setGroupBan({ group_id: e.group_id, user_id: user, duration: seconds });
      await e.reply(`已禁言 ${user} ${seconds} 秒`);
    },
  );
}
