import { describe, expectTypeOf, it } from "vitest";
import type {
  ACTION_METHODS,
  ActionMethodName,
  ActionName,
  ActionParams,
  ActionResult,
  EVENT_KEYS,
  EventKey,
  EventPayload,
  EventPayloadMap,
  GroupMessagePayload,
  ONEBOT_ACTIONS,
  PokeNotifyPayload,
} from "../../src/protocol/index.js";

describe("action params", () => {
  it("send_group_msg: wrong name, missing required, wrong type are errors", () => {
    const ok: ActionParams<"send_group_msg"> = { group_id: 123, message: "hi" };
    const okSegments: ActionParams<"send_group_msg"> = {
      group_id: "123",
      message: [{ type: "text", data: { text: "hi" } }],
    };
    // @ts-expect-error unknown param name
    const wrongName: ActionParams<"send_group_msg"> = { group_id: 1, message: "hi", msg: "x" };
    // @ts-expect-error message is required
    const missing: ActionParams<"send_group_msg"> = { group_id: 1 };
    // @ts-expect-error group_id is not a boolean
    const wrongType: ActionParams<"send_group_msg"> = { group_id: true, message: "hi" };
    expectTypeOf([ok, okSegments, wrongName, missing, wrongType]).toBeArray();
  });

  it("set_group_ban: duration optional, ids required", () => {
    const ok: ActionParams<"set_group_ban"> = { group_id: 1, user_id: "2" };
    const withDuration: ActionParams<"set_group_ban"> = { group_id: 1, user_id: 2, duration: 60 };
    // @ts-expect-error user_id is required
    const missing: ActionParams<"set_group_ban"> = { group_id: 1 };
    // @ts-expect-error "time" is not a param of set_group_ban
    const wrongName: ActionParams<"set_group_ban"> = { group_id: 1, user_id: 2, time: 60 };
    // @ts-expect-error duration is not an object
    const wrongType: ActionParams<"set_group_ban"> = { group_id: 1, user_id: 2, duration: {} };
    expectTypeOf([ok, withDuration, missing, wrongName, wrongType]).toBeArray();
  });

  it("get_group_member_info: required ids and a loose no_cache", () => {
    const ok: ActionParams<"get_group_member_info"> = { group_id: 1, user_id: 2, no_cache: true };
    // @ts-expect-error group_id is required
    const missing: ActionParams<"get_group_member_info"> = { user_id: 2 };
    const wrongName: ActionParams<"get_group_member_info"> = {
      group_id: 1,
      user_id: 2,
      // @ts-expect-error "nocache" is misspelt
      nocache: true,
    };
    // @ts-expect-error user_id is not an array
    const wrongType: ActionParams<"get_group_member_info"> = { group_id: 1, user_id: [2] };
    expectTypeOf([ok, missing, wrongName, wrongType]).toBeArray();
  });

  it("actions without params take an empty object only", () => {
    expectTypeOf<ActionParams<"get_login_info">>().toEqualTypeOf<Record<string, never>>();
    // @ts-expect-error get_login_info takes no params
    const extra: ActionParams<"get_login_info"> = { user_id: 1 };
    expectTypeOf(extra).toBeObject();
  });
});

describe("action results and names", () => {
  it("get_login_info returns user_id and nickname", () => {
    expectTypeOf<ActionResult<"get_login_info">>()
      .toHaveProperty("user_id")
      .toEqualTypeOf<number>();
    expectTypeOf<ActionResult<"get_login_info">>()
      .toHaveProperty("nickname")
      .toEqualTypeOf<string>();
    expectTypeOf<ActionResult<"send_group_msg">["message_id"]>().toEqualTypeOf<number>();
    expectTypeOf<ActionResult<"set_group_ban">>().toEqualTypeOf<null>();
  });

  it("names line up", () => {
    expectTypeOf<(typeof ONEBOT_ACTIONS)[number]>().toEqualTypeOf<ActionName>();
    expectTypeOf<"send_group_msg">().toExtend<ActionName>();
    expectTypeOf<".ocr_image">().toExtend<ActionName>();
    expectTypeOf<(typeof ACTION_METHODS)["sendGroupMsg"]>().toEqualTypeOf<"send_group_msg">();
    expectTypeOf<"sendGroupMsg">().toExtend<ActionMethodName>();
    expectTypeOf<"notAnAction">().not.toExtend<ActionName>();
  });
});

describe("events", () => {
  it("map keys to payloads", () => {
    expectTypeOf<EventPayloadMap["message.group"]["group_id"]>().toEqualTypeOf<number>();
    expectTypeOf<EventPayloadMap["message.group"]>().toEqualTypeOf<GroupMessagePayload>();
    expectTypeOf<EventPayloadMap["notice.notify.poke"]>().toEqualTypeOf<PokeNotifyPayload>();
    expectTypeOf<EventPayloadMap["notice.group_ban.ban"]["sub_type"]>().toEqualTypeOf<"ban">();
    expectTypeOf<(typeof EVENT_KEYS)[number]>().toEqualTypeOf<EventKey>();
  });

  it("narrow the union by post_type and detail", () => {
    const narrow = (e: EventPayload): number | undefined => {
      if (e.post_type === "notice" && e.notice_type === "group_increase") {
        expectTypeOf(e.sub_type).toEqualTypeOf<"approve" | "invite">();
        return e.operator_id;
      }
      if (e.post_type === "message" && e.message_type === "group") {
        expectTypeOf(e).toEqualTypeOf<GroupMessagePayload>();
        return e.group_id;
      }
      return undefined;
    };
    expectTypeOf(narrow).returns.toEqualTypeOf<number | undefined>();
  });
});
