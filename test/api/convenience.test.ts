import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createBotApi } from "../../src/api/index.js";
import { ActionFailedError, InvalidMessageError } from "../../src/errors.js";
import { ForwardConstructor, MessageArray, Segment } from "../../src/message/index.js";
import { RecordingCaller } from "./fake-caller.js";

function setup(respond?: ConstructorParameters<typeof RecordingCaller>[0]) {
  const caller = new RecordingCaller(respond);
  const api = createBotApi(caller, { napcatIsLocal: true });
  return { caller, api };
}

describe("postGroupMsg / postPrivateMsg", () => {
  it("builds reply, at, text, images, face, rtf in NcatBot's order and resolves to message_id", async () => {
    const { caller, api } = setup();
    const id = await api.postGroupMsg(123, {
      text: "hello",
      at: 456,
      reply: 789,
      image: ["https://x/a.png", "https://x/b.png"],
      face: 14,
      rtf: MessageArray.from(Segment.text("tail")),
    });
    expect(id).toBe(4242);
    expect(caller.only()).toMatchObject({
      mode: "async",
      action: "send_group_msg",
      params: {
        group_id: 123,
        message: [
          { type: "reply", data: { id: 789 } },
          { type: "at", data: { qq: 456 } },
          { type: "text", data: { text: "hello" } },
          { type: "image", data: { file: "https://x/a.png" } },
          { type: "image", data: { file: "https://x/b.png" } },
          { type: "face", data: { id: 14 } },
          { type: "text", data: { text: "tail" } },
        ],
      },
    });
  });

  it("the Sync twin sends the same thing with callSync and returns the id", () => {
    const { caller, api } = setup();
    expect(api.postPrivateMsgSync(5, { text: "hi", reply: 1 })).toBe(4242);
    expect(caller.only()).toEqual({
      mode: "sync",
      action: "send_private_msg",
      options: undefined,
      params: {
        user_id: 5,
        message: [
          { type: "reply", data: { id: 1 } },
          { type: "text", data: { text: "hi" } },
        ],
      },
    });
  });

  it("keeps string message ids (too big for a JS number) as strings", async () => {
    const { api } = setup(() => ({ message_id: "9007199254740993" }));
    await expect(api.postGroupMsg(1, { text: "x" })).resolves.toBe("9007199254740993");
  });

  it("an empty message is refused before anything is sent", async () => {
    const { caller, api } = setup();
    await expect(api.postGroupMsg(1, {})).rejects.toBeInstanceOf(InvalidMessageError);
    expect(() => api.postGroupMsgSync(1, { text: "" })).toThrow(InvalidMessageError);
    expect(caller.calls).toEqual([]);
  });

  it("a single-only segment mixed with others is refused before anything is sent", async () => {
    const { caller, api } = setup();
    await expect(
      api.postGroupMsg(1, { text: "x", rtf: [Segment.record("https://x/a.amr")] }),
    ).rejects.toBeInstanceOf(InvalidMessageError);
    expect(caller.calls).toEqual([]);
  });

  it("fails clearly when NapCat answers without a message_id", async () => {
    const { api } = setup(() => null);
    await expect(api.postGroupMsg(1, { text: "x" })).rejects.toThrow(/without a message_id/);
  });
});

describe("single-purpose senders", () => {
  it("sendGroupText parses CQ codes, sendGroupPlainText keeps them literal", async () => {
    const { caller, api } = setup();
    await api.sendGroupText(1, "hi[CQ:face,id=14]");
    api.sendGroupPlainTextSync(1, "hi[CQ:face,id=14]");
    const [a, b] = caller.calls;
    expect(a?.params).toEqual({
      group_id: 1,
      message: [
        { type: "text", data: { text: "hi" } },
        { type: "face", data: { id: "14" } },
      ],
    });
    expect(b?.params).toEqual({
      group_id: 1,
      message: [{ type: "text", data: { text: "hi[CQ:face,id=14]" } }],
    });
  });

  it.each([
    ["sendGroupImage", "image"],
    ["sendGroupRecord", "record"],
    ["sendGroupVideo", "video"],
  ] as const)("%s sends one %s segment", async (method, type) => {
    const { caller, api } = setup();
    await expect(api[method](7, "https://x/m.bin")).resolves.toBe(4242);
    expect(caller.only().params).toEqual({
      group_id: 7,
      message: [{ type, data: { file: "https://x/m.bin" } }],
    });
  });

  it("private twins target user_id with send_private_msg", async () => {
    const { caller, api } = setup();
    await api.sendPrivateImage(8, "https://x/a.png");
    api.sendPrivateDiceSync(8);
    await api.sendPrivateRps(8);
    expect(caller.calls.map((c) => [c.action, c.params])).toEqual([
      [
        "send_private_msg",
        { user_id: 8, message: [{ type: "image", data: { file: "https://x/a.png" } }] },
      ],
      ["send_private_msg", { user_id: 8, message: [{ type: "dice", data: {} }] }],
      ["send_private_msg", { user_id: 8, message: [{ type: "rps", data: {} }] }],
    ]);
  });

  it("file, music and custom music segments", async () => {
    const { caller, api } = setup();
    await api.sendGroupFile(1, "https://x/r.pdf", "report.pdf");
    await api.sendGroupMusic(1, "163", 12345);
    await api.sendGroupCustomMusic(1, {
      url: "https://u",
      audio: "https://a",
      title: "T",
      image: "https://i",
    });
    expect(caller.calls.map((c) => c.params)).toEqual([
      {
        group_id: 1,
        message: [{ type: "file", data: { file: "https://x/r.pdf", name: "report.pdf" } }],
      },
      { group_id: 1, message: [{ type: "music", data: { type: "163", id: 12345 } }] },
      {
        group_id: 1,
        message: [
          {
            type: "music",
            data: {
              type: "custom",
              url: "https://u",
              image: "https://i",
              audio: "https://a",
              title: "T",
            },
          },
        ],
      },
    ]);
  });

  it("postGroupFile sends exactly one media segment and refuses zero or two", async () => {
    const { caller, api } = setup();
    await api.postGroupFile(1, { video: "https://x/v.mp4" });
    expect(caller.only().params).toEqual({
      group_id: 1,
      message: [{ type: "video", data: { file: "https://x/v.mp4" } }],
    });
    caller.clear();
    await expect(api.postGroupFile(1, {})).rejects.toThrow(
      /exactly one of image, record, video or file/,
    );
    expect(() => api.postPrivateFileSync(1, { image: "a", file: "b" })).toThrow(
      InvalidMessageError,
    );
    expect(caller.calls).toEqual([]);
  });

  it("postGroupArrayMsg sends a MessageArray; a string is literal text", async () => {
    const { caller, api } = setup();
    await api.postGroupArrayMsg(3, MessageArray.from(Segment.at("all"), " hi"));
    await api.postPrivateArrayMsg(4, "[CQ:face,id=1]");
    expect(caller.calls.map((c) => c.params)).toEqual([
      {
        group_id: 3,
        message: [
          { type: "at", data: { qq: "all" } },
          { type: "text", data: { text: " hi" } },
        ],
      },
      { user_id: 4, message: [{ type: "text", data: { text: "[CQ:face,id=1]" } }] },
    ]);
  });
});

describe("forwards", () => {
  it("postGroupForwardMsg sends ForwardConstructor nodes with send_group_forward_msg", async () => {
    const { caller, api } = setup();
    const fc = new ForwardConstructor(10001, "Bot");
    fc.attachText("first");
    await expect(api.postGroupForwardMsg(1, fc, { summary: "s" })).resolves.toBe(4242);
    const call = caller.only();
    expect(call.action).toBe("send_group_forward_msg");
    expect(call.params).toMatchObject({ group_id: 1, summary: "s", message: [{ type: "node" }] });
  });

  it("postPrivateForwardMsg refuses an empty forward", () => {
    const { caller, api } = setup();
    expect(() => api.postPrivateForwardMsgSync(1, [])).toThrow(InvalidMessageError);
    expect(caller.calls).toEqual([]);
  });
});

describe("postAllGroupMsg", () => {
  it("sends to every group from get_group_list and never stops at a failure", async () => {
    const failure = new ActionFailedError({
      action: "send_group_msg",
      params: {},
      retcode: 1200,
      status: "failed",
      napcatMessage: "muted",
      wording: "muted",
      echo: null,
    });
    const { caller, api } = setup((action, params) => {
      if (action === "get_group_list") return [{ group_id: 1 }, { group_id: 2 }, { group_id: 3 }];
      if ((params as { group_id?: number }).group_id === 2) throw failure;
      return { message_id: (params as { group_id: number }).group_id * 10 };
    });
    const results = await api.postAllGroupMsg({ text: "notice" });
    expect(results).toEqual([
      { group_id: 1, ok: true, message_id: 10 },
      { group_id: 2, ok: false, error: failure },
      { group_id: 3, ok: true, message_id: 30 },
    ]);
    expect(caller.calls.map((c) => c.action)).toEqual([
      "get_group_list",
      "send_group_msg",
      "send_group_msg",
      "send_group_msg",
    ]);
    caller.clear();
    expect(api.postAllGroupMsgSync("x").map((r) => r.ok)).toEqual([true, false, true]);
    expect(caller.calls.every((c) => c.mode === "sync")).toBe(true);
  });

  it("validates before listing groups", async () => {
    const { caller, api } = setup();
    await expect(api.postAllGroupMsg({})).rejects.toBeInstanceOf(InvalidMessageError);
    expect(caller.calls).toEqual([]);
  });
});

describe("media inputs", () => {
  const dir = mkdtempSync(join(tmpdir(), "ncatbot-api-"));
  const file = join(dir, "cat.png");
  writeFileSync(file, "abc");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("bytes are inlined as base64://", async () => {
    const { caller, api } = setup();
    await api.sendGroupImage(1, Buffer.from("abc"));
    expect(caller.only().params).toEqual({
      group_id: 1,
      message: [{ type: "image", data: { file: "base64://YWJj" } }],
    });
  });

  it("a local path stays a file:// URI when NapCat is local, and is inlined when it is not", async () => {
    const local = new RecordingCaller();
    await createBotApi(local, { napcatIsLocal: true }).sendGroupImage(1, file);
    expect(local.only().params).toEqual({
      group_id: 1,
      message: [{ type: "image", data: { file: pathToFileURL(file).href } }],
    });
    const remote = new RecordingCaller();
    createBotApi(remote, { napcatIsLocal: false }).postPrivateMsgSync(2, { image: file });
    expect(remote.only().params).toEqual({
      user_id: 2,
      message: [{ type: "image", data: { file: "base64://YWJj" } }],
    });
  });
});
