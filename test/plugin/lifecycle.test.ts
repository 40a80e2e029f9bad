/**
 * Plugin lifecycle at the wire level: a plugin class loads into a bot connected to
 * the fake NapCat, answers, and after unload none of its callbacks ever runs again
 * (handlers, scheduled tasks, timers, bus listeners), proven by counting calls.
 */
import { definePlugin, HandlerError, NcatBotPlugin } from "ncatbot";
import { createTestBot, type TestBot } from "ncatbot/testing";
import { afterEach, describe, expect, it } from "vitest";
import { cleanTempDirs, waitFor } from "./helpers.js";

const running: TestBot[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) await t.stop();
  cleanTempDirs();
});

async function start(options: Parameters<typeof createTestBot>[0]): Promise<TestBot> {
  const t = await createTestBot({ heartbeatIntervalMs: 0, ...options });
  running.push(t);
  return t;
}

describe("plugin lifecycle", () => {
  it("a class plugin's handler answers over the wire; async onLoad is awaited", async () => {
    const order: string[] = [];
    class Echo extends NcatBotPlugin {
      static meta = { name: "echo", version: "1.0.0" };
      async onLoad() {
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push("loaded");
        this.onGroupMessage((msg) => {
          if (msg.raw_message.startsWith("echo ")) msg.replySync(msg.raw_message.slice(5));
        });
      }
    }
    const t = await start({ plugins: [Echo] });
    expect(order).toEqual(["loaded"]);
    const reply = await t.sayAndWaitReply("echo 你好");
    expect(reply.text).toContain("你好");
    expect(t.plugins.list()).toMatchObject([{ name: "echo", version: "1.0.0", state: "loaded" }]);
  });

  it("definePlugin runs on the same mechanism, with typed config", async () => {
    const Ping = definePlugin({
      name: "ping",
      version: "2.0.0",
      config: { answer: { default: "pong", description: "what to answer" } },
      onLoad(plugin) {
        plugin.onGroupMessage((msg) => {
          if (msg.raw_message === "ping") msg.replySync(plugin.config.answer.toUpperCase());
        });
      },
    });
    const t = await start({ plugins: [Ping] });
    expect((await t.sayAndWaitReply("ping")).text).toContain("PONG");
  });

  it("after unload no callback of the plugin runs again: handlers, tasks, timers, bus listeners", async () => {
    const calls = { message: 0, notice: 0, task: 0, interval: 0, timeout: 0, bus: 0, onClose: 0 };
    class Counter extends NcatBotPlugin {
      static meta = { name: "counter", version: "1.0.0" };
      onLoad() {
        this.onGroupMessage(() => {
          calls.message++;
        });
        this.on("notice", () => {
          calls.notice++;
        });
        this.addScheduledTask("tick", "1s", () => {
          calls.task++;
        });
        this.setInterval(() => {
          calls.interval++;
        }, 5);
        this.setTimeout(() => {
          calls.timeout++;
        }, 60_000);
        this.subscribe("ping", () => {
          calls.bus++;
        });
      }
      onClose() {
        calls.onClose++;
      }
    }
    const seenByBot: string[] = [];
    const t = await start({
      plugins: [Counter],
      fakeTimers: true,
      setup: (bot) => bot.onGroupMessage((m) => void seenByBot.push(m.raw_message)),
    });
    await t.say("one");
    await waitFor(() => calls.message === 1, "the plugin's handler");
    await t.advance("1s");
    expect(calls.task).toBe(1);
    await waitFor(() => calls.interval > 0, "the plugin's interval");
    await t.plugins.publish("ping");
    expect(calls.bus).toBe(1);

    await t.plugins.unload("counter");
    expect(calls.onClose).toBe(1);
    const intervalAtUnload = calls.interval;
    await t.say("two");
    await t.emit({
      post_type: "notice",
      notice_type: "group_increase",
      sub_type: "approve",
      group_id: 1,
      user_id: 9,
      operator_id: 9,
      time: 1,
      self_id: 1,
    });
    await waitFor(() => seenByBot.includes("two"), "the bot's own handler to see the message");
    await t.advance("10s");
    await t.plugins.publish("ping");
    await new Promise((resolve) => setTimeout(resolve, 50)); // let a leaked 5 ms interval show itself
    expect(calls).toMatchObject({ message: 1, task: 1, timeout: 0, bus: 1, onClose: 1 });
    expect(calls.notice).toBe(0);
    expect(calls.interval).toBe(intervalAtUnload);
    expect(t.plugins.list()[0]?.state).toBe("unloaded");
  });

  it("a registration made after unload (a late async continuation) is removed at once", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let handled = 0;
    let late: Promise<void> | undefined;
    class Late extends NcatBotPlugin {
      static meta = { name: "late" };
      onLoad() {
        late = gate.then(() => {
          this.onGroupMessage(() => {
            handled++;
          });
        });
      }
    }
    const seen: string[] = [];
    const t = await start({
      plugins: [Late],
      setup: (bot) => bot.onGroupMessage((m) => void seen.push(m.raw_message)),
    });
    await t.plugins.unload("late");
    release();
    await late;
    await t.say("after");
    await waitFor(() => seen.includes("after"), "the bot's handler");
    expect(handled).toBe(0);
  });

  it("load / unload / reload / list at run time", async () => {
    let loads = 0;
    class A extends NcatBotPlugin {
      static meta = { name: "a", version: "1.0.0" };
      onLoad() {
        loads++;
        this.data.loads = loads;
      }
    }
    const t = await start({});
    expect(t.plugins.list()).toEqual([]);
    await t.plugins.load(A);
    await t.plugins.reload("a");
    expect(loads).toBe(2);
    await t.plugins.unload("a");
    expect(t.plugins.list()).toMatchObject([{ name: "a", state: "unloaded" }]);
    await t.plugins.load("a");
    expect(loads).toBe(3);
    expect((t.plugins.get("a") as NcatBotPlugin).data.loads).toBe(3);
    await expect(t.plugins.unload("nope")).rejects.toThrow(
      /no plugin named "nope"; known plugins: a/,
    );
  });

  it("a handler failure reaches bot.catch with the error, the plugin and the event", async () => {
    const caught: HandlerError[] = [];
    class Broken extends NcatBotPlugin {
      static meta = { name: "broken" };
      onLoad() {
        this.onGroupMessage(function explode() {
          throw new Error("boom");
        });
        this.onGroupMessage((msg) => msg.replySync("still here"));
      }
    }
    const t = await start({
      plugins: [Broken],
      setup: (bot) => bot.catch((err) => void caught.push(err)),
    });
    const reply = await t.sayAndWaitReply("hi");
    expect(reply.text).toContain("still here");
    expect(caught).toHaveLength(1);
    const err = caught[0] as HandlerError;
    expect(err).toBeInstanceOf(HandlerError);
    expect(err?.plugin).toBe("broken");
    expect(err?.handler).toBe("explode");
    expect((err.error as Error).message).toBe("boom");
    expect((err.event as { raw_message: string }).raw_message).toBe("hi");
    expect(err?.message).toMatch(/plugin "broken": handler "explode" failed: boom/);
  });
});
