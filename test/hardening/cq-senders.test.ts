/**
 * Issue 12, "strings that become CQ codes": the plain-text senders always send text
 * segments (user text can never become an @all), only the senders whose name says
 * so parse CQ, and the docs put the escape helper next to every CQ-parsing sender.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createTestBot } from "../../src/testing/index.js";

const HOSTILE = "hi [CQ:at,qq=all] [CQ:face,id=14] &#91;x&#93;";
const GROUP = 736000003;

function segmentsOf(
  params: Readonly<Record<string, unknown>>,
): { type: string; data: Record<string, unknown> }[] {
  return params.message as { type: string; data: Record<string, unknown> }[];
}

describe("plain-text senders", () => {
  it("postGroupMsg({ text }), sendGroupPlainText, sendPrivatePlainText and reply(text) send text segments only", async () => {
    const t = await createTestBot({
      inProcess: true,
      setup: (bot) =>
        bot.onGroupMessage(async (m) => {
          if (m.raw_message === "go") await m.reply(HOSTILE, { at: false, quote: false });
        }),
    });
    try {
      await t.bot.api.postGroupMsg(GROUP, { text: HOSTILE });
      await t.bot.api.sendGroupPlainText(GROUP, HOSTILE);
      await t.bot.api.sendPrivatePlainText(1572000002, HOSTILE);
      await t.sayAndWaitReply("go");
      const sends = t.calls.filter(
        (c) => c.action === "send_group_msg" || c.action === "send_private_msg",
      );
      expect(sends).toHaveLength(4);
      for (const call of sends) {
        const segments = segmentsOf(call.params);
        expect(segments.every((s) => s.type === "text")).toBe(true);
        expect(segments.map((s) => s.data.text).join("")).toBe(HOSTILE);
      }
    } finally {
      await t.stop();
    }
  });

  it("sendGroupText parses CQ, as its name says (the control case)", async () => {
    const t = await createTestBot({ inProcess: true });
    try {
      await t.bot.api.sendGroupText(GROUP, "[CQ:face,id=14]");
      const call = t.calls.find((c) => c.action === "send_group_msg");
      expect(segmentsOf(call?.params ?? {}).map((s) => s.type)).toEqual(["face"]);
    } finally {
      await t.stop();
    }
  });
});

describe("docs warn next to every CQ-parsing sender", () => {
  const docs = new URL("../../docs/", import.meta.url);
  const pages = readdirSync(docs).filter((f) => f.endsWith(".md"));

  it("each table row describing sendGroupText / sendPrivateText names escapeCQText", () => {
    let rows = 0;
    for (const page of pages) {
      for (const line of readFileSync(new URL(page, docs), "utf8").split("\n")) {
        if (/^\|\s*`send(Group|Private)Text`/.test(line)) {
          rows += 1;
          expect(line).toContain("escapeCQText");
        }
      }
    }
    expect(rows).toBeGreaterThan(0);
  });

  it("each docs section using fromCQ( / parseCQ( names escapeCQText", () => {
    for (const page of pages) {
      const sections = readFileSync(new URL(page, docs), "utf8").split(/\n(?=#{1,3} )/);
      for (const section of sections) {
        if (/fromCQ\(|parseCQ\(/.test(section))
          expect(section, `${page}: ${section.slice(0, 40)}`).toContain("escapeCQText");
      }
    }
  });

  it("the TSDoc of sendGroupText / sendPrivateText / fromCQ says so", () => {
    const convenience = readFileSync(
      new URL("../../src/api/convenience.ts", import.meta.url),
      "utf8",
    );
    for (const name of ["sendGroupText", "sendPrivateText"]) {
      const doc =
        convenience
          .slice(0, convenience.indexOf(`  ${name}:`))
          .split("/**")
          .at(-1) ?? "";
      expect(doc).toContain("escapeCQText");
    }
    const array = readFileSync(
      new URL("../../src/message/message-array.ts", import.meta.url),
      "utf8",
    );
    const doc = array.slice(0, array.indexOf("static fromCQ")).split("/**").at(-1) ?? "";
    expect(doc).toContain("escapeCQText");
  });
});
