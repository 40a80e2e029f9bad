// plugins/greeter/greeter.test.ts
import { createTestBot } from "ncatbot/testing";
import { expect, it } from "vitest";
import Greeter from "./plugin-greeter.js";

it("greeter 回复问候，并按时提醒", async () => {
  const t = await createTestBot({ plugins: [Greeter], fakeTimers: true });
  const reply = await t.sayAndWaitReply("hi");
  expect(reply.text).toContain("你好！这是我第 1 次打招呼");

  await t.advance("30m"); // 假时钟：定时任务立刻到点
  await t.waitForReplies(2);
  t.expectCall("send_group_msg").withText("喝水时间到~").once();

  await t.plugins.unload("greeter"); // 卸载后它注册的一切都不再运行
  await t.advance("2h");
  t.expectCall("send_group_msg").withText("喝水时间到~").once();
  await t.stop();
});
