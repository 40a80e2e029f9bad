#!/usr/bin/env node
// Checks the BUILT package the way users load it: `import` (ESM) and `require`
// (CommonJS) of "ncatbot" and "ncatbot/testing" resolved through package.json
// "exports" (package self-reference), then a bot from each build answering a
// message with a Sync call against the fake NapCat, which proves the worker
// entries (io-worker, fake-napcat-worker) are found beside each bundle.
// Run after `npm run build`; exits non-zero with a message on any failure.
import assert from "node:assert/strict";
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
