#!/usr/bin/env node
// Checks that "ncatbot" and "ncatbot/testing" share ONE copy of every class at run
// time, in ESM and in CommonJS, as a user loads the BUILT package: a bot created by
// `createTestBot()` (from "ncatbot/testing") is `instanceof BotClient` (from "ncatbot"),
// its events pass the guards, its failed calls are `instanceof ActionFailedError`, and
// it accepts `MessageArray` / `ForwardConstructor` objects built from "ncatbot".
//
// Usage: `node scripts/smoke-identity.mjs` from the repository after `npm run build`
// (package self-reference), or from any project that has ncatbot installed (CI runs it
// against the packed tarball). Exits non-zero with a message on any failure.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/** @param {string} label @param {any} main "ncatbot" @param {any} testing "ncatbot/testing" */
export async function checkIdentity(label, main, testing) {
  let seen;
  const t = await testing.createTestBot({
    setup: (bot) =>
      bot.onGroupMessage(async (msg) => {
        seen = { group: main.isGroupMessage(msg), message: main.isMessage(msg) };
        if (msg.raw_message !== "ping") return;
        await msg.reply(main.MessageArray.from("pong ", main.Segment.face(1)));
      }),
  });
  try {
    assert.ok(
      t.bot instanceof main.BotClient,
      `${label}: createTestBot().bot instanceof BotClient`,
    );
    const reply = await t.sayAndWaitReply("ping");
    assert.match(reply.text, /pong/, `${label}: a MessageArray from "ncatbot" was sent`);
    assert.deepEqual(seen, { group: true, message: true }, `${label}: isGroupMessage / isMessage`);

    let failure;
    try {
      await t.bot.api.call("get_group_info", { group_id: 1 });
    } catch (error) {
      failure = error;
    }
    assert.ok(
      failure instanceof main.ActionFailedError,
      `${label}: a failed call is instanceof ActionFailedError (got ${failure})`,
    );
    assert.ok(failure instanceof main.NcatBotError, `${label}: ... and of NcatBotError`);

    const forward = new main.ForwardConstructor(10001, "小明");
    forward.attach("hello");
    const groupId = reply.said.group_id;
    await t.bot.api.postGroupForwardMsg(groupId, forward);
    await t.fake.waitForCall("send_group_forward_msg", 10_000);
  } finally {
    await t.stop();
  }
  console.log(`ok ${label}: one copy of each class between "ncatbot" and "ncatbot/testing"`);
}

function isEntryPoint() {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(entry).href;
}

if (isEntryPoint()) {
  const require = createRequire(`${process.cwd()}/`);
  await checkIdentity("esm", await import("ncatbot"), await import("ncatbot/testing"));
  await checkIdentity("cjs", require("ncatbot"), require("ncatbot/testing"));
}
