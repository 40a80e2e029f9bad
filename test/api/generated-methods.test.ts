import { describe, expect, it } from "vitest";
import { botApiMethodNames, CONVENIENCE, createBotApi } from "../../src/api/index.js";
import { ActionFailedError } from "../../src/errors.js";
import { ACTION_METHODS, ONEBOT_ACTIONS } from "../../src/protocol/index.js";
import { checkEveryActionMethod } from "./action-coverage.js";
import { RecordingCaller } from "./fake-caller.js";

describe("generated action methods", () => {
  it("every ACTION_METHODS entry and its Sync twin send exactly their action with the given params", async () => {
    const caller = new RecordingCaller();
    const api = createBotApi(caller, { napcatIsLocal: true });
    const checked = await checkEveryActionMethod({
      api,
      sent: () => caller.calls.map((c) => ({ action: c.action, params: c.params })),
      reset: () => caller.clear(),
    });
    expect(Object.keys(ACTION_METHODS).length).toBeGreaterThanOrEqual(170);
    expect(checked).toBe(Object.keys(ACTION_METHODS).length * 2);
  });

  it("the async method uses call, the Sync one callSync, and they return the data", async () => {
    const caller = new RecordingCaller(() => ({ user_id: 1, nickname: "bot" }));
    const api = createBotApi(caller, { napcatIsLocal: true });
    await expect(api.getLoginInfo()).resolves.toEqual({ user_id: 1, nickname: "bot" });
    expect(api.getLoginInfoSync()).toEqual({ user_id: 1, nickname: "bot" });
    expect(caller.calls.map((c) => c.mode)).toEqual(["async", "sync"]);
  });

  it("methods are shared prototype functions, not per-instance closures", () => {
    const a = createBotApi(new RecordingCaller(), { napcatIsLocal: true });
    const b = createBotApi(new RecordingCaller(), { napcatIsLocal: false });
    expect(a.sendGroupMsg).toBe(b.sendGroupMsg);
    expect(Object.hasOwn(a, "sendGroupMsg")).toBe(false);
    expect(a.sendGroupMsg.name).toBe("sendGroupMsg");
  });

  it("`in`, destructuring and names that are not methods behave as on a plain prototype", () => {
    const api = createBotApi(new RecordingCaller(), { napcatIsLocal: true });
    const proto = Object.getPrototypeOf(api) as object;
    expect("setGroupCardSync" in api).toBe(true);
    expect("sendGroupPlainText" in api).toBe(true);
    const { sendGroupForwardMsgSync, postGroupMsg } = api;
    expect(sendGroupForwardMsgSync.name).toBe("sendGroupForwardMsgSync");
    expect(postGroupMsg).toBe(api.postGroupMsg);
    expect(Object.hasOwn(proto, "postGroupMsg")).toBe(true);
    // Names that are not methods resolve as on any object.
    const loose = api as unknown as Record<string, unknown>;
    expect(loose.notAMethod).toBeUndefined();
    expect(loose.Sync).toBeUndefined();
    expect("notAMethodSync" in api).toBe(false);
    expect(loose.toString).toBe(Object.prototype.toString);
    expect(loose.then).toBeUndefined(); // so `await bot.api` does not treat it as a thenable
    expect(Object.hasOwn(proto, "notAMethod")).toBe(false);
  });

  it("errors from the caller propagate unchanged (async rejects, Sync throws)", async () => {
    const failure = new ActionFailedError({
      action: "get_group_info",
      params: {},
      retcode: 1400,
      status: "failed",
      napcatMessage: "bad",
      wording: "bad",
      echo: null,
    });
    const caller = new RecordingCaller(() => {
      throw failure;
    });
    const api = createBotApi(caller, { napcatIsLocal: true });
    await expect(api.getGroupInfo({ group_id: 1 })).rejects.toBe(failure);
    expect(() => api.getGroupInfoSync({ group_id: 1 })).toThrow(failure);
  });
});

describe("Sync twins", () => {
  it("every async method has a Sync twin and every Sync method an async original", () => {
    const names = new Set(botApiMethodNames());
    const syncNames = [...names].filter((n) => n.endsWith("Sync"));
    const asyncNames = [...names].filter((n) => !n.endsWith("Sync"));
    expect(asyncNames.length).toBeGreaterThan(200);
    for (const n of asyncNames) expect(names.has(`${n}Sync`), `${n}Sync`).toBe(true);
    for (const n of syncNames) expect(names.has(n.slice(0, -4)), n.slice(0, -4)).toBe(true);
    for (const n of [...Object.keys(ACTION_METHODS), ...Object.keys(CONVENIENCE), "call"]) {
      expect(names.has(n), n).toBe(true);
    }
  });

  it("no convenience sender is shadowed by an action method of the same name", () => {
    const clashes = Object.keys(CONVENIENCE).filter((n) => n in ACTION_METHODS);
    expect(clashes).toEqual([]);
  });
});

describe("call / callSync", () => {
  it("send known and unknown actions as given, with per-call options", async () => {
    const caller = new RecordingCaller(() => "ok");
    const api = createBotApi(caller, { napcatIsLocal: true });
    expect(ONEBOT_ACTIONS).toContain("get_login_info");
    await api.call("get_login_info");
    api.callSync("my_plugin_action", { x: 1 }, { timeoutMs: 5 });
    expect(caller.calls).toEqual([
      { mode: "async", action: "get_login_info", params: undefined, options: undefined },
      { mode: "sync", action: "my_plugin_action", params: { x: 1 }, options: { timeoutMs: 5 } },
    ]);
  });

  it("an API bound to a selfId passes it on every call unless the call names another", async () => {
    const caller = new RecordingCaller();
    const api = createBotApi(caller, { napcatIsLocal: true, selfId: 99 });
    await api.getStatus();
    api.getStatusSync(undefined, { timeoutMs: 10 });
    await api.call("get_status", {}, { selfId: 5 });
    api.sendGroupPlainTextSync(1, "x");
    expect(caller.calls.map((c) => c.options)).toEqual([
      { selfId: 99 },
      { timeoutMs: 10, selfId: 99 },
      { selfId: 5 },
      { selfId: 99 },
    ]);
  });
});
