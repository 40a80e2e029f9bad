/**
 * What the hover test asks the TypeScript language service about: each `/*@name*\/`
 * marker stands right before a member a user hovers in an editor.
 */
import { BotClient } from "ncatbot";

const bot = new BotClient({ configFile: false });

export async function sample(): Promise<void> {
  await bot.api./*@setGroupBan*/ setGroupBan({ group_id: 1, user_id: 2, duration: 60 });
  bot.api./*@setGroupBanSync*/ setGroupBanSync({ group_id: 1, user_id: 2 });
  await bot.api./*@sendGroupMsg*/ sendGroupMsg({ group_id: 1, message: [] });
  bot.api./*@getLoginInfoSync*/ getLoginInfoSync();
  await bot.api./*@ocrImage*/ ocrImage({ image: "a.png" });
  bot.api./*@getGroupMemberListSync*/ getGroupMemberListSync({ group_id: 1 });
  bot.onGroupMessage(async (msg) => {
    await msg./*@reply*/ reply("pong");
    msg./*@banSync*/ banSync(60);
  });
  bot.onRequest((request) => {
    if (request.request_type === "friend") request./*@approveSync*/ approveSync();
  });
}
