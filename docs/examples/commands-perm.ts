import type { BotClient } from "ncatbot";

export function setup(bot: BotClient): void {
  // 需要权限路径 shop.buy 的命令；root 可以用 /perm grant @某人 shop.* 授权
  bot.command("buy <item:string>", { permission: "shop.buy" }, (e, { item }) =>
    e.reply(`买到了 ${item}`),
  );

  // 在代码里管理权限（会立即原子地写入 data/rbac.json）
  bot.permissions.defineRole("vip", { inherits: ["user"] });
  bot.permissions.grantRole("vip", "shop.*");
}
