import { type BotClient, groupAdmin } from "ncatbot";

export function setup(bot: BotClient): void {
  // 选项与开关：/greet 小明 -l --times=2
  bot.command(
    "greet <name:string> [-l|--loud] [--times:int=1]",
    { description: "打招呼" },
    (e, { name, loud, times }) => {
      const line = loud ? `你好，${name}！！` : `你好，${name}`;
      return e.reply(Array(times).fill(line).join("\n"));
    },
  );

  // 命令组：/admin say 大家好（只有群管理员和群主能用）
  const admin = bot.commandGroup("admin", { description: "管理命令" });
  admin.command("say <text:rest>", { filter: groupAdmin }, (e, { text }) => e.reply(`📢 ${text}`));

  // 对话：等同一个人在同一个会话里的下一条消息
  bot.command("register", async (e) => {
    const answer = await e.prompt("你叫什么名字？", { timeout: 30_000 });
    if (answer === undefined) return e.reply("超时了，下次再来吧");
    return answer.reply(`欢迎你，${answer.raw_message}`);
  });

  // 冷却：每人每小时一次
  bot.command("sign", { cooldown: "1h", description: "每日签到" }, (e) => e.reply("签到成功"));

  // 关键词命令：不需要前缀
  bot.command("早安", { prefixes: [] }, (e) => e.reply("早安！"));
}
