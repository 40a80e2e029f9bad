/**
 * Loading: dependency order with semver ranges, and each bad case (missing
 * dependency, unsatisfied version, cycle, duplicate name, onLoad throwing or
 * hanging, a syntax error, a default export that is not a plugin) gives one error
 * naming the plugin while the other plugins load.
 */
import { type HandlerError, NcatBotPlugin, type PluginClass } from "ncatbot";
import { createTestBot, type TestBot } from "ncatbot/testing";
import { afterEach, describe, expect, it } from "vitest";
import { cleanTempDirs, pluginSource, tempDir } from "./helpers.js";

const running: TestBot[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) await t.stop();
  cleanTempDirs();
});

function plugin(
  name: string,
  version: string,
  dependencies: Record<string, string>,
  order: string[],
  extra: { onLoad?: (this: NcatBotPlugin) => unknown } = {},
): PluginClass {
  const cls = class extends NcatBotPlugin {
    static meta = { name, version, dependencies };
    onLoad() {
      order.push(name);
      return extra.onLoad?.call(this);
    }
  };
  return cls as unknown as PluginClass;
}

async function startWith(
  plugins: Parameters<typeof createTestBot>[0] extends infer O
    ? O extends { plugins?: infer P }
      ? P
      : never
    : never,
  more: Parameters<typeof createTestBot>[0] = {},
) {
  const errors: HandlerError[] = [];
  const t = await createTestBot({
    inProcess: true,
    heartbeatIntervalMs: 0,
    plugins,
    ...more,
    setup: (bot) => {
      bot.catch((err) => void errors.push(err));
    },
  });
  running.push(t);
  return { t, errors, messages: () => errors.map((e) => e.message) };
}

describe("load order", () => {
  it("dependencies load first, whatever the order given", async () => {
    const order: string[] = [];
    const { t, errors } = await startWith([
      plugin("c", "1.0.0", { b: "^1.0.0" }, order),
      plugin("b", "1.2.0", { a: ">=0.5" }, order),
      plugin("a", "0.9.0", {}, order),
      plugin("solo", "1.0.0", {}, order),
    ]);
    expect(errors).toEqual([]);
    expect(order.indexOf("a")).toBeLessThan(order.indexOf("b"));
    expect(order.indexOf("b")).toBeLessThan(order.indexOf("c"));
    expect(t.plugins.list().map((p) => p.state)).toEqual(["loaded", "loaded", "loaded", "loaded"]);
  });

  it("a missing dependency, an unsatisfied range and a cycle each name the plugins; the others load", async () => {
    const order: string[] = [];
    const { t, messages } = await startWith([
      plugin("needs-missing", "1.0.0", { ghost: "^1.0.0" }, order),
      plugin("old", "1.0.0", {}, order),
      plugin("needs-new", "1.0.0", { old: "^2.0.0" }, order),
      plugin("x", "1.0.0", { y: "*" }, order),
      plugin("y", "1.0.0", { x: "*" }, order),
      plugin("after-x", "1.0.0", { x: "*" }, order),
      plugin("fine", "1.0.0", {}, order),
    ]);
    expect(order.sort()).toEqual(["fine", "old"]);
    const text = messages().join("\n");
    expect(text).toMatch(
      /plugin "needs-missing".*depends on "ghost" \(\^1\.0\.0\), which is not installed/,
    );
    expect(text).toMatch(
      /plugin "needs-new".*needs "old" \^2\.0\.0, but version 1\.0\.0 is installed/,
    );
    expect(text).toMatch(/plugin "x".*cycle \(x → y → x\)/);
    expect(text).toMatch(/plugin "y".*cycle/);
    expect(text).toMatch(/plugin "after-x".*dependency "x" cannot load/);
    const states = Object.fromEntries(t.plugins.list().map((p) => [p.name, p.state]));
    expect(states).toMatchObject({
      fine: "loaded",
      old: "loaded",
      x: "failed",
      "needs-new": "failed",
    });
  });

  it("two plugins with one name: the second is refused naming both", async () => {
    const order: string[] = [];
    const { messages, t } = await startWith([
      plugin("twin", "1.0.0", {}, order),
      plugin("twin", "2.0.0", {}, order),
      plugin("other", "1.0.0", {}, order),
    ]);
    expect(order).toEqual(["twin", "other"]);
    expect(messages().join("\n")).toMatch(
      /plugin "twin".*another plugin has the same name.*Rename one of them/,
    );
    expect(t.plugins.list().find((p) => p.name === "twin")?.version).toBe("1.0.0");
  });

  it("onLoad throwing: reported, what it registered is removed, the bot keeps running", async () => {
    const order: string[] = [];
    let handled = 0;
    const { t, errors } = await startWith([
      plugin("bad", "1.0.0", {}, order, {
        onLoad(this: NcatBotPlugin) {
          this.onGroupMessage(() => {
            handled++;
          });
          throw new Error("cannot start");
        },
      }),
      plugin("good", "1.0.0", {}, order),
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.plugin).toBe("bad");
    expect(errors[0]?.source).toBe("onLoad");
    expect(errors[0]?.message).toMatch(/plugin "bad".*onLoad failed: cannot start/);
    expect(t.plugins.list().map((p) => [p.name, p.state])).toEqual([
      ["bad", "failed"],
      ["good", "loaded"],
    ]);
    await t.bot.handleEvent({
      post_type: "message",
      message_type: "group",
      sub_type: "normal",
      group_id: 1,
      user_id: 2,
      message_id: 1,
      message: "x",
      raw_message: "x",
      font: 0,
      sender: { user_id: 2 },
      time: 1,
      self_id: 1,
    });
    expect(handled).toBe(0);
  });

  it("onLoad that never finishes times out with an error naming the plugin", async () => {
    class Stuck extends NcatBotPlugin {
      static meta = { name: "stuck", timeoutMs: 50 };
      onLoad() {
        return new Promise(() => {});
      }
    }
    const { messages, t } = await startWith([Stuck as unknown as PluginClass]);
    expect(messages().join("\n")).toMatch(/plugin "stuck": onLoad did not finish within 50 ms/);
    expect(t.plugins.list()[0]?.state).toBe("failed");
  });

  it("onClose throwing is reported and the plugin is still unloaded", async () => {
    class Closing extends NcatBotPlugin {
      static meta = { name: "closing" };
      onClose() {
        throw new Error("close failed");
      }
    }
    const { errors, t } = await startWith([Closing as unknown as PluginClass]);
    await t.plugins.unload("closing");
    expect(errors.map((e) => [e.source, e.plugin])).toEqual([["onClose", "closing"]]);
    expect(t.plugins.list()[0]?.state).toBe("unloaded");
  });
});

describe("plugin folders", () => {
  it("loads index.ts (no build step), index.js, index.mjs and package.json main; broken ones get one error each", async () => {
    const dir = tempDir({
      "package.json": JSON.stringify({ type: "module" }),
      "ts-plugin/index.ts": pluginSource(
        "ts-plugin",
        "  onLoad(): void { const n: number = 1; this.data.n = n; }",
      ),
      "js-plugin/index.js": pluginSource("js-plugin", "  onLoad() {}"),
      "mjs-plugin/index.mjs": pluginSource("mjs-plugin", "  onLoad() {}"),
      "main-plugin/package.json": JSON.stringify({ main: "lib/entry.ts" }),
      "main-plugin/lib/entry.ts": pluginSource("main-plugin", "  onLoad() {}"),
      "syntax/index.ts": "export default class {{{ oops",
      "not-a-plugin/index.ts": "export default { hello: 1 };",
      "no-entry/readme.txt": "nothing here",
      "bad-meta/index.ts": pluginSource("bad name!", ""),
    });
    const { t, messages } = await startWith([], { bot: { pluginsDir: dir } });
    const loaded = t.plugins
      .list()
      .filter((p) => p.state === "loaded")
      .map((p) => p.name)
      .sort();
    expect(loaded).toEqual(["js-plugin", "main-plugin", "mjs-plugin", "ts-plugin"]);
    const text = messages();
    expect(text.find((m) => m.includes("syntax"))).toMatch(
      /syntax[/\\]index\.ts\) cannot load: it could not be imported/,
    );
    expect(text.find((m) => m.includes("not-a-plugin"))).toMatch(
      /its default export is an object, not a plugin\. Default-export a class extending NcatBotPlugin/,
    );
    expect(text.find((m) => m.includes("no-entry"))).toMatch(/has no index\.ts/);
    expect(text.find((m) => m.includes("bad-meta"))).toMatch(
      /meta\.name "bad name!" is not a usable name/,
    );
    expect(text).toHaveLength(4);
  });

  it("reload imports the folder again: new code runs, this.data survives, the old instance is gone", async () => {
    const dir = tempDir({ "package.json": JSON.stringify({ type: "module" }) });
    const write = (answer: string) =>
      writeFileSync(
        join(dir, "greeter", "index.ts"),
        pluginSource(
          "greeter",
          `  onLoad() {
    this.data.loads = (this.data.loads ?? 0) + 1;
    this.onGroupMessage((msg) => { if (msg.raw_message === "hi") return msg.reply(${JSON.stringify(answer)} + " " + this.data.loads); });
  }`,
        ),
      );
    mkdirSync(join(dir, "greeter"));
    write("v1");
    const { t } = await startWith([], { bot: { pluginsDir: dir } });
    expect((await t.sayAndWaitReply("hi")).text).toContain("v1 1");
    write("v2");
    await t.plugins.reload("greeter");
    t.clearCalls();
    await t.say("hi");
    const replies = await t.waitForReplies(1);
    expect(replies.map((r) => r.text.trim())).toEqual([expect.stringContaining("v2 2")]);
  });
});

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
