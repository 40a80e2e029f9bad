import { describe, expectTypeOf, it } from "vitest";
import type { MessageId } from "../../src/api/index.js";
import {
  type BotEvent,
  type EventByKey,
  type GroupMessageEvent,
  type GroupRequestEvent,
  isGroupMessage,
  type NoticeEvent,
  type PokeNotifyEvent,
  type PrivateMessageEvent,
} from "../../src/event/index.js";
import type { MessageArray } from "../../src/message/index.js";
import type { EventKey } from "../../src/protocol/index.js";

describe("event types", () => {
  it("a PrivateMessageEvent has no kick or ban", () => {
    expectTypeOf<PrivateMessageEvent>().not.toHaveProperty("kick");
    expectTypeOf<PrivateMessageEvent>().not.toHaveProperty("ban");
    expectTypeOf<GroupMessageEvent>().toHaveProperty("kick");
    expectTypeOf<GroupMessageEvent>().toHaveProperty("banSync");
  });

  it("wire fields keep wire names; message is a MessageArray", () => {
    expectTypeOf<GroupMessageEvent["group_id"]>().toEqualTypeOf<number>();
    expectTypeOf<GroupMessageEvent["raw_message"]>().toEqualTypeOf<string>();
    expectTypeOf<GroupMessageEvent["message"]>().toEqualTypeOf<MessageArray>();
    expectTypeOf<GroupMessageEvent["reply"]>().returns.resolves.toEqualTypeOf<MessageId>();
  });

  it("EventByKey narrows leaf keys, prefixes and sub_type keys", () => {
    expectTypeOf<EventByKey["message.group"]>().toEqualTypeOf<GroupMessageEvent>();
    expectTypeOf<EventByKey["message"]>().toEqualTypeOf<GroupMessageEvent | PrivateMessageEvent>();
    expectTypeOf<EventByKey["notice.notify.poke"]>().toEqualTypeOf<PokeNotifyEvent>();
    expectTypeOf<EventByKey["request.group.add"]>().toEqualTypeOf<GroupRequestEvent>();
    expectTypeOf<EventByKey["notice"]>().toEqualTypeOf<NoticeEvent>();
  });

  it("every protocol EventKey maps to an event class (none to never)", () => {
    type Unmapped = { [K in EventKey]: [EventByKey[K]] extends [never] ? K : never }[EventKey];
    expectTypeOf<Unmapped>().toBeNever();
  });

  it("guards narrow a BotEvent", () => {
    const e = {} as BotEvent;
    if (isGroupMessage(e)) expectTypeOf(e).toEqualTypeOf<GroupMessageEvent>();
  });
});
