/**
 * The plugin event bus (publish/subscribe between plugins, plugin.loaded /
 * plugin.unloaded) and per-chat switches (persisted in the plugin's data; root is
 * never switched off), at the wire level.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type BusMessage, NcatBotPlugin } from "ncatbot";
import { createTestBot, type TestBot } from "ncatbot/testing";
import { afterEach, describe, expect, it } from "vitest";
import { cleanTempDirs, tempDir, waitFor } from "./helpers.js";

const running: TestBot[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) await t.stop();
  cleanTempDirs();
});

describe("plugin event bus", () => {
  it("publish reaches subscribers in other plugins; lifecycle events are published", async () => {
    const got: BusMessage[] = [];
    class Listener extends NcatBotPlugin {
      static meta = { name: "listener" };
      onLoad() {
        this.subscribe("score", (m) => void got.push(m));
        this.subscribe("plugin.loaded", (m) => void got.push(m));
        this.subscribe("plugin.unloaded", (m) => void got.push(m));
      }
    }
    class Scorer extends NcatBotPlugin {
      static meta = { name: "scorer", version: "1.2.3" };
      onLoad() {
        this.onGroupMessage((msg) => this.publish("score", { user: msg.user_id, points: 1 }));
      }
    }
    const t = await createTestBot({
      heartbeatIntervalMs: 0,
      inProcess: true,
      plugins: [Listener, Scorer],
    });
    running.push(t);
    expect(got).toEqual([
      { name: "plugin.loaded", data: { name: "listener", version: "0.0.0" }, from: "bot" },
      { name: "plugin.loaded", data: { name: "scorer", version: "1.2.3" }, from: "bot" },
    ]);
    const said = await t.say("hi");
    await waitFor(() => got.length === 3, "the bus message");
    expect(got[2]).toEqual({
      name: "score",
      data: { user: said.user_id, points: 1 },
      from: "scorer",
    });
    await t.plugins.unload("scorer");
    expect(got[3]).toEqual({
      name: "plugin.unloaded",
      data: { name: "scorer", version: "1.2.3" },
      from: "bot",
    });
    await t.plugins.unload("listener");
    await t.plugins.publish("score", {});
    expect(got).toHaveLength(4);
  });
});

describe("per-chat switches", () => {
  it("off in one group: its handlers skip that group only; persisted; root is never switched off", async () => {
    class Echo extends NcatBotPlugin {
      static meta = { name: "echo" };
      onLoad() {
        this.onGroupMessage((msg) => msg.reply(`echo ${msg.raw_message}`));
      }
    }
    const dataDir = tempDir();
    const t = await createTestBot({
      heartbeatIntervalMs: 0,
      inProcess: true,
      plugins: [Echo],
      dataDir,
    });
    running.push(t);
    const [A, B] = [736000003, 736000007];
    const [ALICE, BOB] = [1572000002, 1983000004];
    t.plugins.disable("echo", { groupId: A });
    expect(t.plugins.isEnabled("echo", { groupId: A })).toBe(false);
    expect((t.plugins.get("echo") as NcatBotPlugin).isEnabledIn({ groupId: B })).toBe(true);
    const seen: string[] = [];
    t.bot.onGroupMessage((m) => void seen.push(m.raw_message));
    await t.say({ text: "in A", group_id: A, user_id: BOB });
    await waitFor(() => seen.includes("in A"), "the message in group A");
    expect((await t.sayAndWaitReply({ text: "in B", group_id: B, user_id: BOB })).text).toContain(
      "echo in B",
    );
    expect(t.replies().filter((r) => r.text.includes("in A"))).toEqual([]);
    expect(JSON.parse(readFileSync(join(dataDir, "echo", "switches.json"), "utf8"))).toEqual({
      disabledGroups: [String(A)],
      disabledUsers: [],
    });

    // Root (the `root` setting) is never switched off, so root can always turn the plugin back on.
    (t.bot.config as { root?: unknown }).root = [ALICE];
    expect(
      (await t.sayAndWaitReply({ text: "root in A", group_id: A, user_id: ALICE })).text,
    ).toContain("echo root in A");

    t.plugins.enable("echo", { groupId: A });
    expect(
      (await t.sayAndWaitReply({ text: "again A", group_id: A, user_id: BOB })).text,
    ).toContain("echo again A");
  });

  it("switches survive a restart (they live in the plugin's data folder)", async () => {
    class Quiet extends NcatBotPlugin {
      static meta = { name: "quiet" };
    }
    const dataDir = tempDir();
    const first = await createTestBot({
      heartbeatIntervalMs: 0,
      inProcess: true,
      plugins: [Quiet],
      dataDir,
    });
    first.plugins.disable("quiet", { userId: 42 });
    await first.stop();
    const second = await createTestBot({
      heartbeatIntervalMs: 0,
      inProcess: true,
      plugins: [Quiet],
      dataDir,
    });
    running.push(second);
    expect(second.plugins.isEnabled("quiet", { userId: 42 })).toBe(false);
    expect(second.plugins.isEnabled("quiet", { userId: 43 })).toBe(true);
  });
});
