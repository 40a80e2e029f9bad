import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { escapeCQParam, escapeCQText, parseCQ, toCQ, unescapeCQ } from "../../src/message/index.js";

interface CQExample {
  segments: { type: string; data: Record<string, string> }[];
  cq: string;
}
const spec = JSON.parse(
  readFileSync(new URL("../../protocol/napcat/segments.json", import.meta.url), "utf8"),
) as {
  cq_code: {
    examples: Record<string, CQExample>;
    text_escaping: Record<string, string>;
    param_escaping: Record<string, string>;
  };
};

describe("CQ escaping", () => {
  it.each([
    ["", ""],
    ["plain", "plain"],
    ["a&b", "a&amp;b"],
    ["[", "&#91;"],
    ["]", "&#93;"],
    [",", ","],
    ["&#91;", "&amp;#91;"],
    ["&amp;", "&amp;amp;"],
    ["[CQ:at,qq=all]", "&#91;CQ:at,qq=all&#93;"],
    ["你好[世界]", "你好&#91;世界&#93;"],
  ])("escapeCQText(%j) = %j", (input, expected) => {
    expect(escapeCQText(input)).toBe(expected);
    expect(unescapeCQ(expected)).toBe(input);
  });

  it.each([
    [",", "&#44;"],
    ["a,b&c[d]", "a&#44;b&amp;c&#91;d&#93;"],
    ["&#44;", "&amp;#44;"],
    ["x=1", "x=1"],
  ])("escapeCQParam(%j) = %j", (input, expected) => {
    expect(escapeCQParam(input)).toBe(expected);
    expect(unescapeCQ(expected)).toBe(input);
  });

  it("follows the escaping tables of segments.json", () => {
    for (const [raw, escaped] of Object.entries(spec.cq_code.text_escaping))
      expect(escapeCQText(raw)).toBe(escaped);
    for (const [raw, escaped] of Object.entries(spec.cq_code.param_escaping))
      expect(escapeCQParam(raw)).toBe(escaped);
  });

  it("unescapes &amp; last, so &amp;#91; is the literal text &#91;", () => {
    expect(unescapeCQ("&amp;#91;")).toBe("&#91;");
    expect(unescapeCQ("&amp;amp;")).toBe("&amp;");
    expect(unescapeCQ("&#91;&#93;&#44;&amp;")).toBe("[],&");
    expect(unescapeCQ("&lt; &#92; &")).toBe("&lt; &#92; &");
  });
});

describe("segments.json CQ examples", () => {
  for (const [name, example] of Object.entries(spec.cq_code.examples)) {
    it(name, () => {
      expect(toCQ(example.segments)).toBe(example.cq);
      expect(parseCQ(example.cq)).toEqual(example.segments);
    });
  }
});

describe("parseCQ", () => {
  it("splits text and codes, values as strings", () => {
    expect(parseCQ("hi [CQ:at,qq=123] there[CQ:face,id=14]")).toEqual([
      { type: "text", data: { text: "hi " } },
      { type: "at", data: { qq: "123" } },
      { type: "text", data: { text: " there" } },
      { type: "face", data: { id: "14" } },
    ]);
  });

  it("parses codes without params and empty values", () => {
    expect(parseCQ("[CQ:dice][CQ:image,file=,name=a]")).toEqual([
      { type: "dice", data: {} },
      { type: "image", data: { file: "", name: "a" } },
    ]);
  });

  it("keeps a value's '=' characters after the first", () => {
    expect(parseCQ("[CQ:image,file=https://x/?a=1&amp;b=2]")).toEqual([
      { type: "image", data: { file: "https://x/?a=1&b=2" } },
    ]);
  });

  it.each([
    "[CQ:at, qq=1]",
    "[CQ:at,qq =1]",
    "[CQ:at,q-q=1]",
    "[CQ:at,qq]",
    "[CQ:at qq=1]",
    "[CQ:,qq=1]",
    "[CQ:at,qq=1",
    "[cq:at,qq=1]",
    "[CQ:unknown_type,x=1]",
  ])("keeps malformed or unknown %j as literal text", (input) => {
    expect(parseCQ(input)).toEqual([{ type: "text", data: { text: input } }]);
  });

  it("merges literal codes into the surrounding text", () => {
    expect(parseCQ("a[CQ:nope]b[CQ:at,qq=1]")).toEqual([
      { type: "text", data: { text: "a[CQ:nope]b" } },
      { type: "at", data: { qq: "1" } },
    ]);
  });

  it("folds [CQ:text,text=...] into the text", () => {
    expect(parseCQ("a[CQ:text,text=&#91;b&#93;]c")).toEqual([
      { type: "text", data: { text: "a[b]c" } },
    ]);
  });

  it("treats __proto__ as an ordinary key", () => {
    const [seg] = parseCQ("[CQ:json,__proto__=x]");
    expect(seg?.type).toBe("json");
    expect(Object.keys(seg?.data ?? {})).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(seg?.data)).toBe(Object.prototype);
  });

  it("returns [] for an empty string and never throws on odd input", () => {
    expect(parseCQ("")).toEqual([]);
    for (const s of ["[", "]", "[CQ:", "[CQ:]", "&", "&#", "[CQ:at,qq=1]]", "[[CQ:at,qq=1]"]) {
      expect(() => parseCQ(s)).not.toThrow();
    }
    expect(parseCQ("[[CQ:at,qq=1]]")).toEqual([
      { type: "text", data: { text: "[" } },
      { type: "at", data: { qq: "1" } },
      { type: "text", data: { text: "]" } },
    ]);
  });
});

describe("toCQ", () => {
  it("omits undefined / empty values, stringifies numbers and objects", () => {
    expect(
      toCQ([
        { type: "face", data: { id: 14, resultId: undefined, chainCount: "" } },
        { type: "json", data: { data: { a: [1, 2] } } },
      ]),
    ).toBe('[CQ:face,id=14][CQ:json,data={"a":&#91;1&#44;2&#93;}]');
  });

  it("escapes text segments once, commas stay", () => {
    expect(toCQ([{ type: "text", data: { text: "[CQ:at,qq=all] & more" } }])).toBe(
      "&#91;CQ:at,qq=all&#93; &amp; more",
    );
  });
});
