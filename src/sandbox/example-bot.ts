/**
 * The example bot: what `ncatbot sandbox` runs, and the first code a newcomer reads.
 * Every handler below is a complete feature; copy the ones you like into your own bot.
 *
 * @module
 */
import type { BotClient } from "../client/index.js";
import type { GroupMessageEvent, PrivateMessageEvent } from "../event/index.js";
import { NcatBotPlugin } from "../plugin/index.js";

/** A 32x32 cat face (PNG, 199 bytes), inlined so the example needs no file or network. */
export const CAT_IMAGE =
  "base64://iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAjklEQVR42mNgGAVowEZX4z8ID5i5g8YB1HIIyeYNGgf83+4LxuQ6hGxzBp0D0A0gFuPSP3QdQCke/A6glcVEO2TQOoBQ4iJV/dB1AByQGNS49GE4ZNA6ABf+kDQJBVOcGIecA0hNnFQvBwbMAQQT65B1wGhtSKgxSa6FZDduB9wBhBxECNOsyzZgDhi2AACe9tukk7u3WwAAAABJRU5ErkJggg==";

type AnyMessage = GroupMessageEvent | PrivateMessageEvent;

/** What the example bot registers on: a `BotClient`, or a plugin (same method names). */
export type ExampleBotHost = Pick<
  BotClient,
  "api" | "command" | "on" | "onGroupMessage" | "onPrivateMessage"
>;

/**
 * The example bot as a plugin: what the sandbox loads, so a newcomer sees the plugin
 * pattern (everything it registers goes away when it unloads). See docs/plugins.md.
 *
 * @example
 * ```ts
 * const bot = new BotClient({ plugins: [ExampleBotPlugin] });
 * ```
 */
export class ExampleBotPlugin extends NcatBotPlugin {
  static meta = { name: "example-bot", version: "1.0.0", description: "沙盒里的示例机器人" };

  onLoad(): void {
    registerExampleBot(this);
  }
}

/**
 * Registers the example bot's handlers on `bot`:
 *
 * - `测试`: NcatBot's classic test, one async call (`postGroupMsg` / `postPrivateMsg`)
 *   then its blocking twin (`postGroupMsgSync` / `postPrivateMsgSync`).
 * - `ping`: a plain (sync) callback answering `pong` with `msg.replySync`.
 * - Commands: `/echo <text>`, `/roll [sides]`, `/图片` (an image), `/骰子` (a dice), `/help`.
 * - Poking the bot pokes back and answers; a new group member is welcomed with an @;
 *   friend requests are approved.
 *
 * @example
 * ```ts
 * const bot = new BotClient({ wsUri: "ws://127.0.0.1:3001", wsToken: "secret" });
 * registerExampleBot(bot);
 * await bot.run();
 * ```
 */
export function registerExampleBot(bot: ExampleBotHost): void {
  // 1. "测试": an async callback that awaits one call, then makes a blocking (Sync) call.
  bot.onGroupMessage(async (msg) => {
    if (msg.raw_message === "测试") {
      await bot.api.postGroupMsg(msg.group_id, { text: "NcatBot 异步调用测试成功喵~" });
      bot.api.postGroupMsgSync(msg.group_id, { text: "NcatBot 同步调用测试成功喵~" });
    }
  });
  bot.onPrivateMessage(async (msg) => {
    if (msg.raw_message === "测试") {
      await bot.api.postPrivateMsg(msg.user_id, { text: "NcatBot 异步调用测试成功喵~" });
      bot.api.postPrivateMsgSync(msg.user_id, { text: "NcatBot 同步调用测试成功喵~" });
    }
  });

  // 2. "ping": a plain function works too; replySync answers in the same chat.
  const ping = (msg: AnyMessage): void => {
    if (msg.raw_message === "ping") msg.replySync({ text: "pong" });
  };
  bot.onGroupMessage(ping);
  bot.onPrivateMessage(ping);

  // 3. Commands: typed declarations; /help lists them (docs/commands.md).
  bot.command("echo <text:rest>", { description: "复读一句话" }, (e, { text }) => e.reply(text));
  bot.command("roll [sides:int=6]", { description: "掷骰子（默认 6 面）" }, (e, { sides }) => {
    e.replySync(`🎲 ${1 + Math.floor(Math.random() * Math.max(1, sides))}`);
  });
  bot.command("图片", { description: "给你一只小猫" }, (e) =>
    e.reply({ text: "给你一只小猫喵~", image: CAT_IMAGE }),
  );
  bot.command("骰子", { description: "QQ 骰子表情" }, async (e) => {
    // A dice must be sent alone, so no quote: use the dedicated sender.
    if (e.message_type === "group") await bot.api.sendGroupDice(e.group_id);
    else await bot.api.sendPrivateDice(e.user_id);
  });

  // 4. Someone pokes the bot: poke back, then say something.
  bot.on("notice.notify.poke", async (poke) => {
    if (poke.target_id !== poke.self_id || poke.user_id === poke.self_id) return;
    if (poke.isGroup)
      await bot.api.groupPoke({ group_id: String(poke.group_id), user_id: String(poke.user_id) });
    else await bot.api.friendPoke({ user_id: String(poke.user_id) });
    await poke.reply("别戳啦，再戳就要咬人了喵！");
  });

  // 5. A member joins a group: welcome them with an @.
  bot.on("notice.group_increase", async (notice) => {
    if (notice.user_id !== notice.self_id) await notice.welcome("欢迎新朋友入群喵~");
  });

  // 6. Friend requests: approve them all.
  bot.on("request.friend", async (request) => {
    await request.approve();
  });
}
