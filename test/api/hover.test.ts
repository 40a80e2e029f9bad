/**
 * What a user sees on hover: the TypeScript language service's quick info for a
 * sample of `bot.api` methods, their Sync twins and event shortcuts (test/api/hover/sample.ts)
 * carries the method's documentation: what it does, its params, the NapCat action.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const sampleFile = resolve(root, "test/api/hover/sample.ts");

interface Hover {
  signature: string;
  documentation: string;
  tags: string;
}

let hovers: Map<string, Hover>;

beforeAll(() => {
  const config = ts.getParsedCommandLineOfConfigFile(
    resolve(root, "tsconfig.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!config) throw new Error("tsconfig.json could not be read");
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [sampleFile],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) =>
      ts.sys.fileExists(file)
        ? ts.ScriptSnapshot.fromString(ts.sys.readFile(file) ?? "")
        : undefined,
    getCurrentDirectory: () => root,
    getCompilationSettings: () => config.options,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  const text = readFileSync(sampleFile, "utf8");
  hovers = new Map();
  for (const match of text.matchAll(/\/\*@(\w+)\*\//g)) {
    const position = (match.index ?? 0) + match[0].length;
    const info = service.getQuickInfoAtPosition(sampleFile, position);
    hovers.set(match[1] as string, {
      signature: ts.displayPartsToString(info?.displayParts),
      documentation: ts.displayPartsToString(info?.documentation),
      tags: (info?.tags ?? [])
        .map((tag) => `@${tag.name} ${ts.displayPartsToString(tag.text)}`)
        .join("\n"),
    });
  }
}, 60_000);

function hover(name: string): Hover {
  const found = hovers.get(name);
  if (!found) throw new Error(`no marker for ${name} in sample.ts`);
  return found;
}

describe("hover on bot.api methods", () => {
  it.each([
    ["setGroupBan", "set_group_ban", "group_id"],
    ["setGroupBanSync", "set_group_ban", "duration"],
    ["sendGroupMsg", "send_group_msg", "message"],
    ["getLoginInfoSync", "get_login_info", "none"],
    ["ocrImage", "ocr_image", "image"],
    ["getGroupMemberListSync", "get_group_member_list", "group_id"],
  ])(
    "%s shows what it does, its params, the NapCat action and a docs link",
    (method, action, param) => {
      const h = hover(method);
      expect(h.signature).toContain(`${method}(`);
      expect(h.documentation.length).toBeGreaterThan(20);
      expect(h.tags).toContain(`@param params - `);
      expect(h.tags).toContain(param);
      expect(h.tags).toContain(`NapCat action \`${action}\``);
      expect(h.tags).toMatch(/@see .*https:\/\/napcat\.apifox\.cn\//);
      if (method.endsWith("Sync")) expect(h.documentation).toMatch(/^.+\n*Blocking form/s);
      else expect(h.documentation).toContain("Resolves to the response's `data`");
    },
  );
});

describe("hover on event shortcuts", () => {
  it.each([
    ["reply", /Reply in the group/],
    ["banSync", /mute the sender/i],
    ["approveSync", /accept/i],
  ])("%s shows its documentation", (shortcut, text) => {
    const h = hover(shortcut);
    expect(h.signature).toContain(`${shortcut}(`);
    expect(h.documentation).toMatch(text);
  });
});
