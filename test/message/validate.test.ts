import { describe, expect, it } from "vitest";
import { InvalidMessageError } from "../../src/errors.js";
import { MessageArray, Segment, validateOutgoing } from "../../src/message/index.js";
import { SINGLE_ONLY_SEGMENT_TYPES } from "../../src/protocol/index.js";

describe("validateOutgoing", () => {
  it("accepts normal messages", () => {
    expect(() =>
      validateOutgoing([
        Segment.reply(1),
        Segment.at(2),
        Segment.text("hi"),
        Segment.image("https://e/a"),
      ]),
    ).not.toThrow();
    expect(() =>
      validateOutgoing(MessageArray.from(Segment.record("https://e/a.mp3"))),
    ).not.toThrow();
    expect(() => validateOutgoing([Segment.node("a"), Segment.nodeRef(1)])).not.toThrow();
  });

  it("rejects empty messages", () => {
    expect(() => validateOutgoing([])).toThrow(InvalidMessageError);
    expect(() => validateOutgoing([])).toThrow(/empty.*add some text/);
    expect(() => validateOutgoing([Segment.text(""), Segment.text("")])).toThrow(/only empty text/);
    expect(() => validateOutgoing(MessageArray.from(""))).toThrow(/empty/);
  });

  it.each(
    SINGLE_ONLY_SEGMENT_TYPES.filter((t) => t !== "poke" && t !== "location" && t !== "share"),
  )("rejects %s mixed with other segments, naming it", (type) => {
    const seg = { type, data: {} } as never;
    expect(() => validateOutgoing([seg])).not.toThrow();
    expect(() => validateOutgoing([Segment.text("x"), seg])).toThrow(
      new RegExp(`"${type}" segment \\(index 1\\).*send it alone`),
    );
  });

  it("rejects nodes mixed with other segments", () => {
    expect(() => validateOutgoing([Segment.node("a"), Segment.text("b")])).toThrow(
      /mixes forward nodes with a "text"/,
    );
  });

  it("rejects types NapCat cannot send unless allowed", () => {
    expect(() => validateOutgoing([Segment.poke("1", "2")])).toThrow(/sendPoke/);
    expect(() => validateOutgoing([Segment.share("https://e", "t")])).toThrow(/cannot send/);
    expect(() => validateOutgoing([Segment.xml("<a/>")], { allowUnsupported: true })).not.toThrow();
  });

  it("checks node content recursively and limits nesting to 3", () => {
    expect(() => validateOutgoing([Segment.node([])])).toThrow(
      /Forward node 0 of the message is empty/,
    );
    expect(() =>
      validateOutgoing([Segment.node([Segment.record("https://a"), Segment.text("x")])]),
    ).toThrow(/Forward node 0.*"record"/);
    const depth = (n: number): ReturnType<typeof Segment.node> =>
      n === 0 ? Segment.node("leaf") : Segment.node([depth(n - 1)]);
    expect(() => validateOutgoing([depth(2)])).not.toThrow();
    expect(() => validateOutgoing([depth(3)])).toThrow(/deeper than 3/);
  });
});
