import { describe, expectTypeOf, it } from "vitest";
import {
  type DraftSegmentOf,
  MessageArray,
  type MessageSegmentOf,
  parseCQ,
  Segment,
} from "../../src/message/index.js";
import type {
  ReceiveSegment,
  ReceiveSegmentOf,
  SEGMENT_TYPES,
  SegmentType,
  SendSegment,
  SendSegmentOf,
  SINGLE_ONLY_SEGMENT_TYPES,
} from "../../src/protocol/index.js";

describe("segment types", () => {
  it("names", () => {
    expectTypeOf<(typeof SEGMENT_TYPES)[number]>().toEqualTypeOf<SegmentType>();
    expectTypeOf<(typeof SINGLE_ONLY_SEGMENT_TYPES)[number]>().toExtend<SegmentType>();
    expectTypeOf<SendSegment["type"]>().toEqualTypeOf<SegmentType>();
    expectTypeOf<ReceiveSegment["type"]>().toEqualTypeOf<SegmentType>();
  });

  it("send and receive forms narrow by type", () => {
    expectTypeOf<SendSegmentOf<"at">["data"]["qq"]>().toEqualTypeOf<number | string>();
    expectTypeOf<ReceiveSegmentOf<"at">["data"]["qq"]>().toEqualTypeOf<string>();
    expectTypeOf<ReceiveSegmentOf<"image">["data"]["url"]>().toEqualTypeOf<string>();
    // @ts-expect-error: at needs qq
    const bad: SendSegment = { type: "at", data: {} };
    void bad;
  });

  it("builders return precise types", () => {
    expectTypeOf(Segment.text("a")).toEqualTypeOf<SendSegmentOf<"text">>();
    expectTypeOf(Segment.image(Buffer.from(""))).toEqualTypeOf<DraftSegmentOf<"image">>();
    expectTypeOf(Segment.music("163", 1)).toEqualTypeOf<SendSegmentOf<"music">>();
    // @ts-expect-error: unknown platform
    Segment.music("spotify", 1);
    expectTypeOf(parseCQ("")).toEqualTypeOf<SendSegment[]>();
  });

  it("MessageArray.filter narrows", () => {
    const msg = MessageArray.from("x");
    expectTypeOf(msg.filter("at")).toEqualTypeOf<MessageSegmentOf<"at">[]>();
    expectTypeOf(msg.filter("text")[0]?.data.text).toEqualTypeOf<string | undefined>();
    // @ts-expect-error: not a segment type
    msg.filter("nope");
    MessageArray.wrap([] as ReceiveSegment[]);
    MessageArray.from([] as SendSegment[], Segment.image("a"));
  });
});
