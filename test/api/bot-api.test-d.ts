import { describe, expectTypeOf, it } from "vitest";
import { type BotAPI, createBotApi, type MessageId } from "../../src/api/index.js";
import type { ActionResult } from "../../src/protocol/index.js";
import { RecordingCaller } from "./fake-caller.js";

const api: BotAPI = createBotApi(new RecordingCaller(), { napcatIsLocal: true });

describe("bot.api types", () => {
  it("sendGroupMsg resolves to a result with message_id; its Sync twin returns it", () => {
    expectTypeOf(api.sendGroupMsg).returns.resolves.toHaveProperty("message_id");
    expectTypeOf(api.sendGroupMsgSync).returns.toHaveProperty("message_id");
    expectTypeOf(api.sendGroupMsg).returns.resolves.toEqualTypeOf<ActionResult<"send_group_msg">>();
  });

  it("missing required params, wrong param types and unknown methods are compile errors", () => {
    // @ts-expect-error group_id is required by get_group_info
    void api.getGroupInfo({});
    // @ts-expect-error the params object itself is required
    void api.getGroupInfo();
    // @ts-expect-error no_cache is a boolean-ish, not an object
    void api.getGroupList({ no_cache: { nope: true } });
    // @ts-expect-error no such action method
    void api.sendGroupMessage({ group_id: 1 });
    // @ts-expect-error no such Sync twin either
    void api.sendGroupMessageSync({ group_id: 1 });
    // @ts-expect-error unknown param on a typed action
    void api.deleteMsg({ message_id: 1, bogus: 2 });
  });

  it("parameterless actions take no argument", () => {
    expectTypeOf(api.getLoginInfo).toBeCallableWith();
    expectTypeOf(api.getLoginInfoSync).toBeCallableWith();
  });

  it("call is typed for known actions and unknown for others", () => {
    expectTypeOf(api.call("get_login_info")).resolves.toEqualTypeOf<
      ActionResult<"get_login_info">
    >();
    expectTypeOf(api.callSync("get_login_info")).toEqualTypeOf<ActionResult<"get_login_info">>();
    expectTypeOf(api.call("my_custom_action", { a: 1 })).resolves.toBeUnknown();
    // @ts-expect-error a known action checks its params
    void api.call("get_group_info", { group_id: { x: 1 } });
  });

  it("convenience senders resolve to the message id and have Sync twins", () => {
    expectTypeOf(api.postGroupMsg).returns.resolves.toEqualTypeOf<MessageId>();
    expectTypeOf(api.postGroupMsgSync).returns.toEqualTypeOf<MessageId>();
    expectTypeOf(api.sendPrivateTextSync).parameters.toEqualTypeOf<[number | string, string]>();
    // @ts-expect-error private messages take no `at`
    void api.postPrivateMsg(1, { at: 2 });
  });
});
