import { describe, expect, it } from "vitest";
import { InvalidMessageError } from "../../src/errors.js";
import { MessageArray, MessageChain, Segment } from "../../src/message/index.js";
import type { ReceiveSegment } from "../../src/protocol/index.js";

describe("MessageArray.from", () => {
  it("keeps plain strings literal: a CQ-looking string stays text and is escaped", () => {
    const msg = MessageArray.from("[CQ:at,qq=all]");
    expect(msg.segments).toEqual([{ type: "text", data: { text: "[CQ:at,qq=all]" } }]);
    expect(msg.toCQ()).toBe("&#91;CQ:at,qq=all&#93;");
    expect(msg.isUserAt(1, { allowAll: true })).toBe(false);
  });

  it("accepts strings, segments, arrays and MessageArrays in order; skips empty strings", () => {
    const inner = MessageArray.from(Segment.face(14));
    const msg = MessageArray.from(
      "a",
      "",
      Segment.at(1),
      [Segment.text("b"), Segment.dice()],
      inner,
    );
    expect(msg.segments.map((s) => s.type)).toEqual(["text", "at", "text", "dice", "face"]);
    expect(msg.length).toBe(5);
  });

  it("returns the same instance for a single MessageArray part", () => {
    const a = MessageArray.from("x");
    expect(MessageArray.from(a)).toBe(a);
  });

  it("copies an array part so later mutation does not leak in", () => {
    const arr = [Segment.text("a")];
    const msg = MessageArray.from(arr);
    arr.push(Segment.text("b"));
    expect(msg.length).toBe(1);
  });

  it("rejects bad parts with a message that says what to pass", () => {
    expect(() => MessageArray.from(42 as never)).toThrow(InvalidMessageError);
    expect(() => MessageArray.from(42 as never)).toThrow(/Pass strings \(literal text\)/);
    expect(() => MessageArray.from([{ type: "text" }] as never)).toThrow(
      /index 0 of an array part/,
    );
    expect(() => MessageArray.from(null as never)).toThrow(/from null/);
  });
});

describe("MessageArray reading", () => {
  const received: ReceiveSegment[] = [
    { type: "reply", data: { id: "99" } },
    { type: "at", data: { qq: "123" } },
    { type: "text", data: { text: " hello " } },
    {
      type: "image",
      data: { summary: "", file: "A.jpg", sub_type: 0, url: "https://x/a", file_size: "1" },
    },
    { type: "at", data: { qq: "all" } },
    { type: "text", data: { text: "world" } },
  ];
  const msg = MessageArray.wrap(received);

  it("wraps received segments without copying", () => {
    expect(msg.segments).toBe(received);
    expect([...msg]).toEqual(received);
  });

  it("filters by type", () => {
    const ats = msg.filter("at");
    expect(ats.map((s) => s.data.qq)).toEqual(["123", "all"]);
    expect(msg.filter("image")[0]?.data.file).toBe("A.jpg");
    expect(msg.filter("video")).toEqual([]);
  });

  it("concatenates text", () => {
    expect(msg.concatenateText()).toBe(" hello world");
  });

  it("isUserAt matches numbers and strings; @all only with allowAll", () => {
    expect(msg.isUserAt(123)).toBe(true);
    expect(msg.isUserAt("123")).toBe(true);
    expect(msg.isUserAt(456)).toBe(false);
    expect(msg.isUserAt(456, { allowAll: true })).toBe(true);
    expect(MessageArray.from(Segment.at(456)).isUserAt("456")).toBe(true);
  });

  it("toCQ / toString / JSON", () => {
    const m = MessageArray.from(Segment.at(1), " a,[b]", Segment.face(14));
    expect(m.toCQ()).toBe("[CQ:at,qq=1] a,&#91;b&#93;[CQ:face,id=14]");
    expect(String(m)).toBe(m.toCQ());
    expect(JSON.parse(JSON.stringify(m))).toEqual(m.segments);
  });
});

describe("MessageArray building", () => {
  it("concat / add return new instances and leave the original alone", () => {
    const a = MessageArray.from("a");
    const b = a.concat(Segment.at(1), "b");
    const c = b.add("c");
    expect(a.length).toBe(1);
    expect(b.length).toBe(3);
    expect(c.concatenateText()).toBe("abc");
    expect(a.concat()).toBe(a);
  });

  it("fromCQ parses CQ code", () => {
    const m = MessageArray.fromCQ("[CQ:reply,id=5]hi[CQ:at,qq=7]");
    expect(m.segments.map((s) => s.type)).toEqual(["reply", "text", "at"]);
    expect(m.isUserAt(7)).toBe(true);
  });

  it("MessageChain is the same class", () => {
    expect(MessageChain).toBe(MessageArray);
    expect(MessageChain.from("x")).toBeInstanceOf(MessageArray);
  });

  it("toJSON turns bytes into base64:// without file access; toWire resolves", () => {
    const m = MessageArray.from(
      Segment.image(Buffer.from("hi")),
      Segment.image(new URL("https://e.com/a.png")),
    );
    expect(m.toJSON()).toEqual([
      { type: "image", data: { file: "base64://aGk=" } },
      { type: "image", data: { file: "https://e.com/a.png" } },
    ]);
    expect(m.toWire({ napcatIsLocal: false })).toEqual(m.toJSON());
    expect(m.toCQ()).toBe("[CQ:image,file=base64://aGk=][CQ:image,file=https://e.com/a.png]");
  });

  it("toJSON returns a fresh array equal to segments when nothing needs converting", () => {
    const m = MessageArray.from("a", Segment.at(1));
    const json = m.toJSON();
    expect(json).toEqual(m.segments);
    expect(json).not.toBe(m.segments);
  });
});
