// plugins/greeter/index.ts
import { NcatBotPlugin } from "ncatbot";

export default class Greeter extends NcatBotPlugin<{ greeted?: number }> {
  static meta = {
    name: "greeter",
    version: "1.0.0",
    description: "打招呼",
  };

  // 配置项：默认值决定类型，this.config.greeting 是 string
  config = this.defineConfig({
    greeting: { default: "你好", description: "问候语" },
    remindEvery: { default: "30m", description: "提醒间隔" },
  });

  onLoad() {
    this.onGroupMessage((msg) => {
      if (msg.raw_message === "hi") {
        this.data.greeted = (this.data.greeted ?? 0) + 1; // this.data 自动保存
        msg.replySync(`${this.config.greeting}！这是我第 ${this.data.greeted} 次打招呼`);
      }
    });
    this.addScheduledTask("remind", this.config.remindEvery, async () => {
      await this.api.postGroupMsg(736000003, { text: "喝水时间到~" });
    });
  }

  onClose() {
    this.log.info("greeter 卸载了");
  }
}
