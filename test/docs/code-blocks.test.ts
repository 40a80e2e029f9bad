/**
 * Every TypeScript block of the user guides type-checks against the real API (strict), so
 * a renamed method, a missing import or a wrong option in the docs fails CI. Blocks that
 * are also run live in docs/examples/*.ts (the page holds them verbatim; their own tests
 * run them against the fake NapCat). Free names a snippet assumes (`bot`, `msg`, `群号`...)
 * are declared in the prelude below.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PAGES = ["api", "connect", "events", "messages", "quickstart", "testing"];
const PRELUDE = `import type { BotClient, GroupMessageEvent } from "ncatbot";
import type { TestBot } from "ncatbot/testing";
declare global {
  const handler: (msg: GroupMessageEvent) => void;
  const t: TestBot;
  const bot: BotClient;
  const msg: GroupMessageEvent;
  const 群号: number;
  const 消息ID: number;
  const buffer: Buffer;
  const setup: (bot: BotClient) => void;
}
export {};
`;

/** The \`\`\`ts blocks of a page, with their line numbers. */
function blocksOf(page: string): { line: number; code: string }[] {
  const lines = readFileSync(join(ROOT, "docs", `${page}.md`), "utf8").split("\n");
  const blocks: { line: number; code: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*```ts\s*$/.test(lines[i] as string)) continue;
    const start = i + 1;
    const indent = (lines[i] as string).match(/^\s*/)?.[0].length ?? 0;
    let end = start;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end] as string)) end++;
    blocks.push({
      line: start + 1,
      code: lines
        .slice(start, end)
        .map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
        .join("\n"),
    });
    i = end;
  }
  return blocks;
}

it("every ts block in docs/ type-checks (strict) against the package", () => {
  const dir = join(ROOT, "test", "docs", ".blocks");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files: string[] = ["prelude.d.ts"];
  writeFileSync(join(dir, "prelude.d.ts"), PRELUDE.replace("export {};\n", "export {};"));
  for (const page of PAGES) {
    for (const { line, code } of blocksOf(page)) {
      const name = `${page}-L${line}.ts`;
      writeFileSync(join(dir, name), `// docs/${page}.md line ${line}\n${code}\nexport {};\n`);
      files.push(name);
    }
  }
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: "../../../tsconfig.json",
      compilerOptions: { noEmit: true, noUnusedLocals: false, noUnusedParameters: false },
      files,
    }),
  );
  const tsc = spawnSync(
    process.execPath,
    [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", dir],
    {
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  rmSync(dir, { recursive: true, force: true });
  expect(files.length).toBeGreaterThan(20);
  expect(tsc.stdout + tsc.stderr, "docs code blocks must type-check").toBe("");
  expect(tsc.status).toBe(0);
}, 150_000);
