#!/usr/bin/env node
// Checks the BUILT package the way users load it: `import` (ESM) and `require`
// (CommonJS) of "ncatbot" and "ncatbot/testing" resolved through package.json
// "exports" (package self-reference), then a bot from each build answering a
// message with a Sync call against the fake NapCat, which proves the worker
// entries (io-worker, fake-napcat-worker) are found beside each bundle.
// Also checks that the bundles a bot loads are Latin-1 (see the end of this file).
// Run after `npm run build`; exits non-zero with a message on any failure.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

async function roundTrip(label, { BotClient, ONEBOT_ACTIONS }, { startFakeNapCat }) {
  assert.equal(ONEBOT_ACTIONS.length, 177, `${label}: ONEBOT_ACTIONS has 177 names`);
  const fake = await startFakeNapCat({ token: "smoke", heartbeatIntervalMs: 0 });
  const bot = new BotClient({
    wsUri: fake.wsUrl,
    wsToken: "smoke",
    configFile: false,
    logLevel: "silent",
  });
  bot.onGroupMessage((msg) => {
    if (msg.raw_message === "ping") msg.replySync("pong");
  });
  try {
    await bot.start();
    await fake.say({ text: "ping" });
    const call = await fake.waitForCall("send_group_msg", 10_000);
    assert.ok(JSON.stringify(call.params).includes("pong"), `${label}: the bot answered pong`);
  } finally {
    await bot.stop();
    await fake.stop();
  }
  console.log(`ok ${label}`);
}

await roundTrip("esm", await import("ncatbot"), await import("ncatbot/testing"));
await roundTrip("cjs", require("ncatbot"), require("ncatbot/testing"));

// V8 keeps a module's source text in memory for as long as the module lives, as one byte per
// character only if EVERY character is Latin-1. One stray CJK character in a comment that the
// bundler keeps (esbuild keeps comments inside class bodies; it escapes string literals) doubles
// the size of the whole bundle in the heap, which measurably raised the bench's peak RSS.
// So the bundles a bot loads must be Latin-1: write such comments in English.
// The shared chunks (tsup code splitting) hold most of that code: every chunk a bot bundle
// imports statically (transitively) is checked too. Dynamic import() chunks (the sandbox page,
// loaded by startSandbox) are not loaded by a bot.
const BOT_BUNDLES = ["index", "io-worker", "testing", "fake-napcat-worker", "sandbox-bot"];
const STATIC_CHUNK = /(?:from\s*|import\s*|require\()['"]\.\/(chunk-[\w-]+\.c?js)['"]/g;
const files = new Set(BOT_BUNDLES.flatMap((name) => [`${name}.js`, `${name}.cjs`]));
for (const name of files) {
  const text = readFileSync(new URL(`../dist/${name}`, import.meta.url), "utf8");
  for (const match of text.matchAll(STATIC_CHUNK)) files.add(match[1]);
}
for (const name of files) {
  const lines = readFileSync(new URL(`../dist/${name}`, import.meta.url), "utf8").split("\n");
  const bad = lines.findIndex((line) => /[\u0100-\u{10ffff}]/u.test(line));
  assert.equal(
    bad,
    -1,
    `dist/${name}:${bad + 1} has a non-Latin-1 character (${lines[bad]?.trim()}); ` +
      "write that comment in English (see scripts/smoke-dist.mjs)",
  );
}
console.log("ok bundles are Latin-1");
