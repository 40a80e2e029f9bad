import { describe, expect, it } from "vitest";
import { InvalidMessageError } from "../../src/errors.js";
import {
  ForwardConstructor,
  MessageArray,
  Segment,
  validateOutgoing,
} from "../../src/message/index.js";

describe("ForwardConstructor", () => {
  it("builds custom nodes with the current author, overridable per node", () => {
    const fwd = new ForwardConstructor(123, "Alice")
      .attachText("[CQ:at,qq=all] hi")
      .attach([Segment.face(1), "x"], 456, "Bob")
      .setAuthor(789, "Carol")
      .attachImage("https://e.com/a.png");
    expect(fwd.length).toBe(3);
    expect(fwd.toNodes()).toEqual([
      {
        type: "node",
        data: {
          user_id: 123,
          nickname: "Alice",
          content: [{ type: "text", data: { text: "[CQ:at,qq=all] hi" } }],
        },
      },
      {
        type: "node",
        data: {
          user_id: 456,
          nickname: "Bob",
          content: [
            { type: "face", data: { id: 1 } },
            { type: "text", data: { text: "x" } },
          ],
        },
      },
      {
        type: "node",
        data: {
          user_id: 789,
          nickname: "Carol",
          content: [{ type: "image", data: { file: "https://e.com/a.png" } }],
        },
      },
    ]);
  });

  it("defaults: no user_id (NapCat uses the bot), nickname QQ用户", () => {
    const [n] = new ForwardConstructor().attachText("a").toNodes();
    expect(n?.data).toEqual({
      nickname: "QQ用户",
      content: [{ type: "text", data: { text: "a" } }],
    });
  });

  it("attaches message-id reference nodes, files and videos", () => {
    const nodes = new ForwardConstructor(1, "A")
      .attachMessageId("1847360001")
      .attachFile(Buffer.from("f"))
      .attachVideo("https://e.com/v.mp4")
      .toNodes();
    expect(nodes[0]).toEqual({ type: "node", data: { id: "1847360001" } });
    expect(nodes[1]?.data).toMatchObject({ content: [{ type: "file" }] });
    expect(nodes[2]?.data).toMatchObject({
      content: [{ type: "video", data: { file: "https://e.com/v.mp4" } }],
    });
  });

  it("nests forwards and resolves media through toForward().toWire()", () => {
    const inner = new ForwardConstructor(2, "B").attachImage(Buffer.from("hi"));
    const outer = new ForwardConstructor(1, "A").attachText("top").attachForward(inner);
    const wire = outer.toForward().toWire({ napcatIsLocal: false });
    expect(wire[1]).toEqual({
      type: "node",
      data: {
        user_id: 1,
        nickname: "A",
        content: [
          {
            type: "node",
            data: {
              user_id: 2,
              nickname: "B",
              content: [{ type: "image", data: { file: "base64://aGk=" } }],
            },
          },
        ],
      },
    });
    expect(() => validateOutgoing(outer.toForward())).not.toThrow();
  });

  it("rejects bad nested forwards and empty text", () => {
    const fwd = new ForwardConstructor();
    expect(() => fwd.attachForward([])).toThrow(InvalidMessageError);
    expect(() => fwd.attachForward(MessageArray.from("x"))).toThrow(/"text" segment at index 0/);
    expect(() => fwd.attachText("")).toThrow(/empty string/);
  });

  it("toNodes / toForward are snapshots", () => {
    const fwd = new ForwardConstructor().attachText("a");
    const snap = fwd.toForward();
    fwd.attachText("b");
    expect(snap.length).toBe(1);
    expect(fwd.toNodes().length).toBe(2);
  });
});
