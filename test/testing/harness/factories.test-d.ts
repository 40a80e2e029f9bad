/** Types of the event factories: protocol payload types, usable with handleEvent and emit. */
import { describe, expectTypeOf, it } from "vitest";
import type { BotClient } from "../../../src/client/index.js";
import type {
  EventPayload,
  FriendPokeNotifyPayload,
  GroupIncreaseNoticePayload,
  GroupMessagePayload,
  PrivateMessagePayload,
} from "../../../src/protocol/index.js";
import {
  events,
  type FakeNapCat,
  type InProcessFakeNapCat,
  type TestFake,
} from "../../../src/testing/index.js";

describe("event factory types", () => {
  it("return the protocol payload types", () => {
    expectTypeOf(events.groupMessage("x")).toMatchTypeOf<GroupMessagePayload>();
    expectTypeOf(events.privateMessage()).toMatchTypeOf<PrivateMessagePayload>();
    expectTypeOf(events.groupIncrease()).toMatchTypeOf<GroupIncreaseNoticePayload>();
    expectTypeOf(events.friendPoke()).toMatchTypeOf<FriendPokeNotifyPayload>();
    expectTypeOf(events.groupMessage().group_id).toEqualTypeOf<number>();
  });

  it("fit bot.handleEvent and fake.emit", () => {
    expectTypeOf(events.groupMessage()).toMatchTypeOf<Parameters<BotClient["handleEvent"]>[0]>();
    expectTypeOf(events.poke()).toMatchTypeOf<Parameters<TestFake["emit"]>[0]>();
  });

  it("any protocol payload fits both fakes' emit", () => {
    expectTypeOf<EventPayload>().toMatchTypeOf<Parameters<FakeNapCat["emit"]>[0]>();
    expectTypeOf<GroupIncreaseNoticePayload>().toMatchTypeOf<
      Parameters<InProcessFakeNapCat["emit"]>[0]
    >();
    // @ts-expect-error a string is not an event object
    expectTypeOf<string>().toMatchTypeOf<Parameters<FakeNapCat["emit"]>[0]>();
  });

  it("reject unknown fields and wrong types in overrides", () => {
    // @ts-expect-error group_id is a number
    events.groupMessage({ group_id: "1" });
    // @ts-expect-error no such field on a group increase
    events.groupIncrease({ nope: 1 });
  });
});
