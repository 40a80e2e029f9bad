/**
 * The sandbox runs the user's own bot (issue 11.8): `startSandbox({ bot: "./bot.ts" })`
 * (what `ncatbot sandbox ./bot.ts` does) with a file exporting `setup(bot)` or a script
 * that creates its own BotClient for a real NapCat address, and `startSandbox({ setup })`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../src/testing-entry.js";

const dir = mkdtempSync(join(tmpdir(), "ncatbot-sandbox-bot-"));
// A user's project: ES modules (`"type": "module"`, as docs/quickstart.md sets up).
writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
const SRC = fileURLToPath(new URL("../../src/index.ts", import.meta.url));
const running: Sandbox[] = [];

afterEach(async () => {
  for (const sandbox of running.splice(0)) await sandbox.stop();
});

function botFile(name: string, code: string): string {
  const file = join(dir, name);
  writeFileSync(file, code);
  return file;
}

function textOf(params: Readonly<Record<string, unknown>>): string {
  const message = params.message;
  if (typeof message === "string") return message;
  return (message as Array<{ type: string; data: { text?: string } }>)
    .map((s) => s.data.text ?? "")
    .join("");
}

async function answerTo(sandbox: Sandbox, text: string): Promise<string> {
  sandbox.fake.clearCalls();
  await sandbox.fake.say({ text });
  const call = await sandbox.fake.waitForCall("send_group_msg", 15_000);
  return textOf(call.params);
}

describe("the sandbox with your own bot", () => {
  it("a file exporting setup(bot), Sync calls included (its own thread)", async () => {
    const file = botFile(
      "setup-bot.ts",
      `export function setup(bot: any) {
  bot.onGroupMessage((msg: any) => {
    if (msg.raw_message === "ping") msg.replySync("pong from my setup");
  });
}
`,
    );
    const sandbox = await startSandbox({ bot: file, log: false });
    running.push(sandbox);
    expect(await answerTo(sandbox, "ping")).toContain("pong from my setup");
  }, 40_000);

  it("a script with its own BotClient for a real NapCat address is pointed at the sandbox", async () => {
    const file = botFile(
      "script-bot.ts",
      `import { BotClient } from ${JSON.stringify(SRC)};
const bot = new BotClient({ wsUri: "ws://127.0.0.1:3001", wsToken: "my-real-token" });
bot.onGroupMessage(async (msg) => {
  if (msg.raw_message === "ping") await msg.reply("pong from my script");
});
await bot.run();
`,
    );
    const sandbox = await startSandbox({ bot: file, log: false });
    running.push(sandbox);
    expect(await answerTo(sandbox, "ping")).toContain("pong from my script");
  }, 40_000);

  it("startSandbox({ setup }) runs handlers registered by a function", async () => {
    const sandbox = await startSandbox({
      log: false,
      setup: (bot) =>
        bot.onGroupMessage(async (msg) => {
          if (msg.raw_message === "ping") await msg.reply("pong from a function");
        }),
    });
    running.push(sandbox);
    expect(await answerTo(sandbox, "ping")).toContain("pong from a function");
  }, 40_000);

  it("a file that neither exports setup nor creates a bot fails with a message saying so", async () => {
    const file = botFile("empty-bot.ts", "export const nothing = 1;\n");
    await expect(startSandbox({ bot: file, log: false })).rejects.toThrow(
      /neither exports a setup\(bot\) function .* nor creates a BotClient/,
    );
  }, 40_000);
});

process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
