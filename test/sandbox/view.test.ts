import { describe, expect, it } from "vitest";
import {
  imageSource,
  outgoingImageSources,
  plainText,
  sanitizeForLog,
} from "../../src/sandbox/view.js";
import { parseCqString } from "../../src/testing/fake-napcat/cq.js";

describe("sandbox view helpers", () => {
  it("masks secret-looking keys and shortens long strings in the API log", () => {
    const out = sanitizeForLog({
      access_token: "s3cret",
      nested: { Authorization: "Bearer x" },
      file: `base64://${"A".repeat(500)}`,
    });
    expect(JSON.stringify(out)).not.toContain("s3cret");
    expect(JSON.stringify(out)).not.toContain("Bearer x");
    expect(out).toMatchObject({ access_token: "***", nested: { Authorization: "***" } });
    expect(String((out as { file: string }).file)).toMatch(/^base64:\/\/A+…（共 509 字符）$/);
  });

  it("finds displayable image sources in arrays and CQ strings", () => {
    expect(imageSource({ file: "base64://QUJD" })).toBe("data:image/png;base64,QUJD");
    expect(
      imageSource({ file: "a.jpg", url: "https://multimedia.nt.qq.com.cn/x" }),
    ).toBeUndefined();
    expect(
      outgoingImageSources(
        [
          { type: "text", data: { text: "x" } },
          { type: "image", data: { file: "base64://QQ==" } },
        ],
        parseCqString,
      ),
    ).toEqual(["data:image/png;base64,QQ=="]);
    expect(outgoingImageSources("hi[CQ:image,file=base64://QQ==]", parseCqString)).toEqual([
      "data:image/png;base64,QQ==",
    ]);
  });

  it("renders quote text with labels for non-text segments", () => {
    expect(
      plainText([
        { type: "at", data: { qq: "1" } },
        { type: "text", data: { text: "看" } },
        { type: "image", data: {} },
      ]),
    ).toBe("@1 看[图片]");
  });
});
