/**
 * Wire-level behaviour through the fake NapCat: reply shapes, moderation shortcuts
 * and the notices they cause, request approval, recall, error isolation between
 * handlers, and a clean process exit after stop().
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createTestBot, type TestBot } from "../../src/testing/index.js";

const DEV_GROUP = 736000003;
const BOB = 1983000004;

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

/** A promise resolved by the first value passed to the returned `push`. */
function first<T>(): { promise: Promise<T>; push: (value: T) => void } {
  let push!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    push = resolve;
  });
  return { promise, push };
}

/** Rejects after `ms` with `what`, so a missing event fails fast with a reason. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not arrive within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe("group reply", () => {
  it("reply and replySync quote the message, @ the sender, then a space and the text", async () => {
    t = await createTestBot({
      setup: (bot) =>
        bot.onGroupMessage(async (msg) => {
          if (msg.raw_message === "async") await msg.reply("pong");
          if (msg.raw_message === "sync") msg.replySync("pong");
        }),
    });
    for (const text of ["async", "sync"]) {
      t.clearCalls();
      const reply = await t.sayAndWaitReply({ text, group_id: DEV_GROUP, user_id: BOB });
      expect(reply.text).toBe(" pong");
      t.expectCall("send_group_msg")
        .withParams({
          group_id: DEV_GROUP,
          message: [
            { type: "reply", data: { id: reply.said.message_id } },
            { type: "at", data: { qq: BOB } },
            { type: "text", data: { text: " pong" } },
          ],
        })
        .once();
    }
  });
});

describe("moderation shortcuts produce notices back through the fake", () => {
  it("kick -> notice.group_decrease (kick), ban -> notice.group_ban (ban)", async () => {
    const decrease = first<{ sub_type: string; user_id: number; group_id: number }>();
    const ban = first<{ sub_type: string; user_id: number; duration: number }>();
    t = await createTestBot({
      setup: (bot) => {
        bot.onGroupMessage(async (msg) => {
          if (msg.raw_message === "ban me") await msg.ban(600);
          if (msg.raw_message === "kick me") msg.kickSync();
        });
        bot.on("notice.group_decrease", (e) => decrease.push(e));
        bot.on("notice.group_ban", (e) => ban.push(e));
      },
    });
    await t.say({ text: "ban me", group_id: DEV_GROUP, user_id: BOB });
    const banned = await within(ban.promise, 5000, "notice.group_ban");
    expect(banned).toMatchObject({ sub_type: "ban", user_id: BOB, duration: 600 });
    t.expectCall("set_group_ban")
      .withParams({ group_id: DEV_GROUP, user_id: BOB, duration: 600 })
      .once();

    await t.say({ text: "kick me", group_id: DEV_GROUP, user_id: 1690000006 });
    const left = await within(decrease.promise, 5000, "notice.group_decrease");
    expect(left).toMatchObject({ sub_type: "kick", user_id: 1690000006, group_id: DEV_GROUP });
    t.expectCall("set_group_kick").withParams({ user_id: 1690000006 }).once();
    const world = await t.fake.getWorld();
    const group = world.groups.find((g) => g.group_id === DEV_GROUP);
    expect(group?.members.map((m) => m.user_id)).not.toContain(1690000006);
    expect(group?.members.find((m) => m.user_id === BOB)?.shut_up_timestamp).toBeGreaterThan(0);
  });
});

describe("requests", () => {
  it("approve() on a friend request sends set_friend_add_request and the friend_add notice follows", async () => {
    const added = first<{ user_id: number }>();
    t = await createTestBot({
      setup: (bot) => {
        bot.on("request.friend", (e) => e.approve("from the test"));
        bot.on("notice.friend_add", (e) => added.push(e));
      },
    });
    const request = await t.fake.requestFriend({ user_id: 1700000008, comment: "hi" });
    const call = await t.fake.waitForCall("set_friend_add_request");
    expect(call.params).toMatchObject({
      flag: request.flag,
      approve: true,
      remark: "from the test",
    });
    expect(await within(added.promise, 5000, "notice.friend_add")).toMatchObject({
      user_id: 1700000008,
    });
  });
});

describe("recall", () => {
  it("msg.delete() -> notice.group_recall with the message id reaches bot.on", async () => {
    const recalled = first<{ message_id: number; operator_id: number }>();
    t = await createTestBot({
      setup: (bot) => {
        bot.onGroupMessage((msg) => {
          if (msg.raw_message === "recall me") msg.deleteSync();
        });
        bot.on("notice.group_recall", (e) => recalled.push(e));
      },
    });
    const said = await t.say({ text: "recall me", group_id: DEV_GROUP, user_id: BOB });
    const notice = await within(recalled.promise, 5000, "notice.group_recall");
    expect(notice.message_id).toBe(said.message_id);
    expect(notice.operator_id).toBe(t.fake.selfId);
    t.expectCall("delete_msg").withParams({ message_id: said.message_id }).once();
  });
});

describe("error isolation", () => {
  it("handlers that throw (sync and async) leave their siblings running", async () => {
    t = await createTestBot({
      setup: (bot) => {
        bot.onGroupMessage(() => {
          throw new Error("sync handler failure (expected by the test)");
        });
        bot.onGroupMessage(async () => {
          await Promise.resolve();
          throw new Error("async handler failure (expected by the test)");
        });
        bot.onGroupMessage((msg) => {
          msg.replySync("still here", { quote: false, at: false });
        });
      },
    });
    expect((await t.sayAndWaitReply("hello")).text).toBe("still here");
    expect((await t.sayAndWaitReply("again")).text).toBe("still here");
    t.expectCall("send_group_msg").times(2);
  });
});

describe("process exit", () => {
  it("after stop() the process exits by itself", async () => {
    const script = fileURLToPath(new URL("./exit-child.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    const startedAt = Date.now();
    const code = await new Promise<number | null | "hung">((resolve) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve("hung");
      }, 15_000);
      child.on("exit", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(err).toBe("");
    expect(out).toContain("stopped after pong");
    expect(code).toBe(0);
    // Startup (tsx + two threads) is included; what matters is that it did not hang.
    expect(Date.now() - startedAt).toBeLessThan(15_000);
  }, 20_000);
});
