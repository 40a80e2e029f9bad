/**
 * Plain-JS mistakes get errors that name the wrong argument and show the correct call,
 * before anything is sent (issue 11.6): convenience senders check their arguments;
 * generated methods check required params and unknown keys against the action table.
 */
import { describe, expect, it } from "vitest";
import { SIGNATURES } from "../../src/api/arguments.js";
import { CONVENIENCE, createBotApi } from "../../src/api/index.js";
import { InvalidArgumentError } from "../../src/errors.js";
import { ACTION_PARAMS } from "../../src/protocol/action-params.generated.js";
import { ACTION_SPECS } from "../../src/protocol/action-specs.generated.js";
import { until } from "../io/servers.js";
import { RecordingCaller } from "./fake-caller.js";

function setup() {
  const caller = new RecordingCaller();
  // Typed as `any`: these are the calls a plain-JavaScript user can make.
  // biome-ignore lint/suspicious/noExplicitAny: plain-JS calls on purpose
  const api = createBotApi(caller, { napcatIsLocal: true }) as any;
  return { caller, api };
}

async function rejection(promise: Promise<unknown>): Promise<InvalidArgumentError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidArgumentError);
  return error as InvalidArgumentError;
}

describe("convenience senders check their arguments", () => {
  it("postGroupMsg({ text }) (group id forgotten) names groupId and shows the call", async () => {
    const { caller, api } = setup();
    const error = await rejection(api.postGroupMsg({ text: "hi" }));
    expect(error.argument).toBe("groupId");
    expect(error.message).toContain(
      "bot.api.postGroupMsg: the 1st argument (groupId) must be an id (a number or numeric string), got an object",
    );
    expect(error.message).toContain('bot.api.postGroupMsg(123456, { text: "你好" })');
    expect(error.message).not.toContain("Cannot read properties");
    expect(caller.calls).toEqual([]);
  });

  it("postGroupMsg(736000003) (no content) names options", async () => {
    const { caller, api } = setup();
    const error = await rejection(api.postGroupMsg(736000003));
    expect(error.argument).toBe("options");
    expect(error.message).toMatch(
      /the 2nd argument \(options\) must be an options object .* it is missing/,
    );
    expect(caller.calls).toEqual([]);
  });

  it("the Sync twin throws the same error synchronously, naming the Sync method", () => {
    const { caller, api } = setup();
    expect(() => api.postGroupMsgSync({ text: "hi" })).toThrow(
      /bot\.api\.postGroupMsgSync: the 1st argument \(groupId\)/,
    );
    expect(() => api.postPrivateMsgSync(10001)).toThrow(InvalidArgumentError);
    expect(caller.calls).toEqual([]);
  });

  it("an unknown option gets a did-you-mean", async () => {
    const { api } = setup();
    const error = await rejection(api.postGroupMsg(123, { txt: "hi" }));
    expect(error.message).toContain('unknown option "txt" (did you mean "text"?)');
    const priv = await rejection(api.postPrivateMsg(123, { at: 1, text: "x" }));
    expect(priv.message).toContain('unknown option "at"');
  });

  it("other senders: wrong kinds are named", async () => {
    const { api } = setup();
    expect((await rejection(api.sendGroupText(123))).argument).toBe("text");
    expect((await rejection(api.sendGroupImage(123, 42))).argument).toBe("image");
    expect((await rejection(api.sendGroupMusic(123, "spotify", 1))).message).toContain('"qq"');
    expect((await rejection(api.postGroupForwardMsg(123, "hi"))).argument).toBe("forward");
    expect((await rejection(api.postAllGroupMsg())).argument).toBe("content");
    expect(() => api.sendPrivateTextSync("abc", "hi")).toThrow(/\(userId\) must be an id/);
  });

  it("valid calls still send (numeric-string ids, optional args)", async () => {
    const { caller, api } = setup();
    await api.postGroupMsg("123", { text: "hi" });
    await api.sendGroupFile(123, "https://example.com/a.pdf");
    await api.sendGroupDice(123);
    expect(caller.calls.map((c) => c.action)).toEqual([
      "send_group_msg",
      "send_group_msg",
      "send_group_msg",
    ]);
  });

  it("every convenience sender has a signature", () => {
    expect(Object.keys(SIGNATURES).sort()).toEqual(Object.keys(CONVENIENCE).sort());
  });
});

describe("generated methods check params against the action table", () => {
  it("a missing required param is named, with the call to make", async () => {
    const { caller, api } = setup();
    const error = await rejection(api.setGroupBan({ group_id: 1 }));
    expect(error.argument).toBe("params.user_id");
    expect(error.message).toContain('bot.api.setGroupBan: missing required param "user_id"');
    expect(error.message).toContain("bot.api.setGroupBan({ group_id: 123456, user_id: 123456 })");
    expect(caller.calls).toEqual([]);
  });

  it("an unknown key is rejected with a did-you-mean", async () => {
    const { caller, api } = setup();
    const error = await rejection(api.getGroupInfo({ groupid: 1 }));
    expect(error.message).toContain('unknown param "groupid" (did you mean "group_id"?)');
    expect(error.message).toContain("its params are: group_id");
    expect(() => api.setGroupBanSync({ group_id: 1, userId: 2 })).toThrow(
      /unknown param "userId" \(did you mean "user_id"\?\)/,
    );
    expect(caller.calls).toEqual([]);
  });

  it("a non-object or missing params object is named", async () => {
    const { api } = setup();
    expect((await rejection(api.getGroupInfo(123))).message).toContain(
      "the 1st argument must be a params object, got the number 123",
    );
    expect((await rejection(api.getGroupInfo())).message).toContain("the params object is missing");
  });

  it("a wrong value that carries a secret is shown masked", async () => {
    const { api } = setup();
    const message = (await rejection(api.getGroupInfo("ws://bot:hunter2@127.0.0.1:3001"))).message;
    expect(message).toContain('got the string "ws://***@127.0.0.1:3001"');
    expect(message).not.toContain("hunter2");
  });

  it("valid calls pass; actions without required params take no object; call() stays raw", async () => {
    const { caller, api } = setup();
    await api.getGroupInfo({ group_id: 1 });
    await api.getLoginInfo();
    api.getFriendListSync();
    await api.call("get_group_info", { anything: 1 });
    expect(caller.calls.map((c) => c.action)).toEqual([
      "get_group_info",
      "get_login_info",
      "get_friend_list",
      "get_group_info",
    ]);
  });

  it("the compact table agrees with ACTION_SPECS (names and required flags)", () => {
    for (const [action, spec] of Object.entries(ACTION_SPECS)) {
      const shapes = (spec.paramVariants ?? [spec.params]).map((ps) =>
        ps.map((p) => `${p.name}${p.required ? "!" : "?"}`).join(" "),
      );
      const compact = (ACTION_PARAMS as Record<string, string>)[action]?.split(" | ").map((shape) =>
        shape
          .split(" ")
          .filter(Boolean)
          .map((t) => t.slice(0, -1))
          .join(" "),
      );
      expect(compact, action).toEqual(shapes);
    }
  });
});

describe("event shortcuts check their arguments", () => {
  it("msg.reply() without content, or with a number, names content and shows the call", async () => {
    const { createTestBot } = await import("../../src/testing/index.js");
    let asyncError: unknown;
    let syncError: unknown;
    const t = await createTestBot({
      setup: (bot) =>
        bot.onGroupMessage(async (msg) => {
          // biome-ignore lint/suspicious/noExplicitAny: plain-JS calls on purpose
          const m = msg as any;
          asyncError = await m.reply().catch((e: unknown) => e);
          try {
            m.replySync(42);
          } catch (e) {
            syncError = e;
          }
          await m.ban("ten").catch((e: unknown) => {
            syncError ??= e;
            asyncError = [asyncError, e];
          });
        }),
    });
    try {
      await t.say("hi");
      await until(() => Array.isArray(asyncError));
      const [replyError, banError] = asyncError as [InvalidArgumentError, InvalidArgumentError];
      expect(replyError).toBeInstanceOf(InvalidArgumentError);
      expect(replyError.message).toContain(
        "msg.reply: the 1st argument (content) must be message content",
      );
      expect(replyError.message).toContain('msg.reply("你好")');
      expect((syncError as InvalidArgumentError).message).toContain("got the number 42");
      expect(banError.message).toContain("(durationSeconds) must be a number of seconds");
      expect(t.calls.filter((c) => c.action.startsWith("send_"))).toEqual([]);
    } finally {
      await t.stop();
    }
  });
});
