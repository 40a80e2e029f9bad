import { startSandbox } from "ncatbot/testing";

const sandbox = await startSandbox({
  port: 0, // 0：随便挑一个空闲端口
  setup: (bot) => {
    bot.onGroupMessage(async (msg) => {
      if (msg.raw_message === "ping") await msg.reply("pong");
    });
  },
});
console.log(`打开 ${sandbox.url} 和机器人聊天`);
// ……聊完了：
await sandbox.stop();
