// plugins/dice/index.ts：函数写法，和类写法走同一套机制
import { definePlugin } from "ncatbot";

export default definePlugin({
  name: "dice",
  version: "1.0.0",
  dependencies: { greeter: "^1.0.0" }, // greeter 会先加载
  config: { sides: { default: 6, description: "骰子面数" } },
  onLoad(plugin) {
    plugin.onGroupMessage(async (msg) => {
      if (msg.raw_message === "/roll") {
        const n = 1 + Math.floor(Math.random() * plugin.config.sides);
        await msg.reply(`你掷出了 ${n} 点`);
        await plugin.publish("dice.rolled", { user: msg.user_id, n });
      }
    });
  },
});
