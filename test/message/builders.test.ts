import { describe, expect, it } from "vitest";
import {
  anonymous,
  at,
  contact,
  customMusic,
  dice,
  face,
  file,
  flashtransfer,
  forward,
  image,
  json,
  location,
  markdown,
  mface,
  miniapp,
  music,
  node,
  nodeRef,
  onlinefile,
  poke,
  record,
  reply,
  rps,
  Segment,
  shake,
  share,
  text,
  video,
  xml,
} from "../../src/message/index.js";
import { SEGMENT_TYPES } from "../../src/protocol/index.js";

describe("Segment builders", () => {
  it("cover all 26 segment types", () => {
    const made = new Set(
      [
        Segment.text("a"),
        Segment.at("all"),
        Segment.reply(1),
        Segment.face(14),
        Segment.mface({ emoji_package_id: 1, emoji_id: "e", key: "k", summary: "s" }),
        Segment.image("https://e.com/a.png"),
        Segment.record("https://e.com/a.mp3"),
        Segment.video("https://e.com/a.mp4"),
        Segment.file("https://e.com/a.pdf"),
        Segment.rps(),
        Segment.dice(),
        Segment.poke("1", "2"),
        Segment.music("163", 28949129),
        Segment.contact(1, "group"),
        Segment.location(1, 2),
        Segment.json("{}"),
        Segment.xml("<a/>"),
        Segment.markdown("# t"),
        Segment.miniapp("x"),
        Segment.node("hi"),
        Segment.forward("res"),
        Segment.onlinefile("m", "e"),
        Segment.flashtransfer("f"),
        Segment.shake(),
        Segment.anonymous(),
        Segment.share("https://e.com", "t"),
      ].map((s) => s.type),
    );
    expect([...made].sort()).toEqual([...SEGMENT_TYPES].sort());
  });

  it("exports every builder as a named function too", () => {
    const named = {
      anonymous,
      at,
      contact,
      customMusic,
      dice,
      face,
      file,
      flashtransfer,
      forward,
      image,
      json,
      location,
      markdown,
      mface,
      miniapp,
      music,
      node,
      nodeRef,
      onlinefile,
      poke,
      record,
      reply,
      rps,
      shake,
      share,
      text,
      video,
      xml,
    };
    expect(Object.keys(named).sort()).toEqual(Object.keys(Segment).sort());
    for (const [name, fn] of Object.entries(named))
      expect(Segment[name as keyof typeof Segment]).toBe(fn);
  });

  it("build the send forms of segments.json examples", () => {
    expect(Segment.at("1572000002")).toEqual({ type: "at", data: { qq: "1572000002" } });
    expect(Segment.reply("1847360001")).toEqual({ type: "reply", data: { id: "1847360001" } });
    expect(Segment.image("https://example.com/cat.png", { summary: "[图片]" })).toEqual({
      type: "image",
      data: { file: "https://example.com/cat.png", summary: "[图片]" },
    });
    expect(Segment.file("file:///srv/report.pdf", "report.pdf")).toEqual({
      type: "file",
      data: { file: "file:///srv/report.pdf", name: "report.pdf" },
    });
    expect(Segment.music("163", "28949129")).toEqual({
      type: "music",
      data: { type: "163", id: "28949129" },
    });
    expect(Segment.contact("736000003", "group")).toEqual({
      type: "contact",
      data: { type: "group", id: "736000003" },
    });
    expect(Segment.contact(1)).toEqual({ type: "contact", data: { type: "qq", id: 1 } });
    expect(Segment.customMusic("https://u", "https://i", { title: "t" })).toEqual({
      type: "music",
      data: { type: "custom", url: "https://u", image: "https://i", title: "t" },
    });
    expect(Segment.face(14, { chainCount: 2 })).toEqual({
      type: "face",
      data: { id: 14, chainCount: 2 },
    });
    expect(Segment.nodeRef(5)).toEqual({ type: "node", data: { id: 5 } });
  });

  it("keep media input raw (no I/O in builders)", () => {
    const bytes = Buffer.from([1, 2, 3]);
    expect(Segment.image(bytes).data.file).toBe(bytes);
    expect(Segment.record("./does/not/exist.mp3").data.file).toBe("./does/not/exist.mp3");
  });

  it("node content is literal: strings become text, never CQ", () => {
    expect(
      Segment.node(["[CQ:at,qq=all]", Segment.face(1)], { user_id: 1, nickname: "A" }),
    ).toEqual({
      type: "node",
      data: {
        user_id: 1,
        nickname: "A",
        content: [
          { type: "text", data: { text: "[CQ:at,qq=all]" } },
          { type: "face", data: { id: 1 } },
        ],
      },
    });
    expect(Segment.node("x").data).toMatchObject({ nickname: "QQ用户" });
  });
});
