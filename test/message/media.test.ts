import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidMessageError } from "../../src/errors.js";
import { isLoopbackHost, MessageArray, Segment, toMediaFile } from "../../src/message/index.js";

let dir: string;
let filePath: string;
const LOCAL = { napcatIsLocal: true };
const REMOTE = { napcatIsLocal: false };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ncatbot-media-"));
  filePath = join(dir, "a b,[c].png");
  writeFileSync(filePath, Buffer.from("PNGDATA"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("toMediaFile", () => {
  it.each([
    "https://e.com/a.png?x=1,2",
    "http://e.com/a.png",
    "file:///srv/a.png",
    "base64://AAAA",
  ])("passes %s through", (input) => {
    expect(toMediaFile(input, LOCAL)).toBe(input);
    expect(toMediaFile(input, REMOTE)).toBe(input);
  });

  it("turns bytes and data: URIs into base64://", () => {
    expect(toMediaFile(Buffer.from("hi"), REMOTE)).toBe("base64://aGk=");
    expect(toMediaFile(new Uint8Array([104, 105]), LOCAL)).toBe("base64://aGk=");
    const sub = new Uint8Array([0, 104, 105, 0]).subarray(1, 3);
    expect(toMediaFile(sub, LOCAL)).toBe("base64://aGk=");
    expect(toMediaFile("data:image/png;base64,aGk=", LOCAL)).toBe("base64://aGk=");
  });

  it("passes URL objects through as their href", () => {
    expect(toMediaFile(new URL("https://e.com/a b.png"), LOCAL)).toBe("https://e.com/a%20b.png");
  });

  it("turns a local absolute path into file:// when NapCat is local", () => {
    expect(toMediaFile(filePath, LOCAL)).toBe(pathToFileURL(filePath).href);
    expect(toMediaFile(filePath, LOCAL).startsWith("file:///")).toBe(true);
  });

  it("resolves relative paths against the working directory", () => {
    const rel = relative(process.cwd(), filePath);
    expect(toMediaFile(rel, LOCAL)).toBe(pathToFileURL(filePath).href);
  });

  it("reads the file into base64:// when NapCat is remote", () => {
    expect(toMediaFile(filePath, REMOTE)).toBe(
      `base64://${Buffer.from("PNGDATA").toString("base64")}`,
    );
  });

  it("throws InvalidMessageError naming a missing path and what to do", () => {
    const missing = join(dir, "nope.png");
    expect(() => toMediaFile(missing, LOCAL)).toThrow(InvalidMessageError);
    expect(() => toMediaFile(missing, REMOTE)).toThrow(missing);
    expect(() => toMediaFile("./nope/x.png", REMOTE)).toThrow(/file:\/\/ URI/);
    expect(() => toMediaFile(dir, REMOTE)).toThrow(/not found/);
  });

  it("passes a bare name that is not a local file through as a NapCat file id", () => {
    expect(toMediaFile("A1B2C3D4E5F60718293A4B5C6D7E8F90.jpg", REMOTE)).toBe(
      "A1B2C3D4E5F60718293A4B5C6D7E8F90.jpg",
    );
  });

  it("rejects empty strings and non-media values", () => {
    expect(() => toMediaFile("", LOCAL)).toThrow(InvalidMessageError);
    expect(() => toMediaFile(12 as never, LOCAL)).toThrow(/Unsupported media input of type number/);
  });
});

describe("MessageArray.toWire resolves media, also inside forward nodes", () => {
  it("resolves file and thumb, keeps other segments", () => {
    const msg = MessageArray.from(Segment.video(filePath, { thumb: Buffer.from("t") }));
    expect(msg.toWire(LOCAL)).toEqual([
      { type: "video", data: { file: pathToFileURL(filePath).href, thumb: "base64://dA==" } },
    ]);
    // builders stayed pure
    expect(msg.segments[0]?.data).toMatchObject({ file: filePath });
  });

  it("resolves nested node content", () => {
    const msg = MessageArray.from(
      Segment.node([Segment.image(filePath)], { nickname: "A" }),
      Segment.node([Segment.node(["x", Segment.image(Buffer.from("hi"))])]),
    );
    const wire = msg.toWire(REMOTE);
    expect(wire[0]).toEqual({
      type: "node",
      data: {
        nickname: "A",
        content: [{ type: "image", data: { file: "base64://UE5HREFUQQ==" } }],
      },
    });
    expect(JSON.stringify(wire[1])).toContain("base64://aGk=");
  });

  it("throws for a missing local file at toWire time, not at build time", () => {
    const msg = MessageArray.from(Segment.image(join(dir, "missing.png")));
    expect(() => msg.toWire(LOCAL)).toThrow(InvalidMessageError);
  });
});

describe("isLoopbackHost", () => {
  it.each([
    ["ws://127.0.0.1:3001", true],
    ["ws://127.8.9.10", true],
    ["ws://localhost:3001/", true],
    ["http://LOCALHOST", true],
    ["ws://[::1]:3001", true],
    ["ws://[::ffff:127.0.0.1]:3001", true],
    ["ws://0.0.0.0:3001", true],
    ["ws://192.168.1.2:3001", false],
    ["ws://napcat:3001", false],
    ["ws://128.0.0.1", false],
    ["ws://127.0.0.1.example.com", false],
    ["not a uri", false],
    ["", false],
  ])("%s -> %s", (uri, expected) => {
    expect(isLoopbackHost(uri)).toBe(expected);
  });
});
