/**
 * The source and test of a new plugin (`ncatbot init`'s hello plugin and
 * `ncatbot plugin new <name>`): an NcatBotPlugin that answers `/<name>`.
 *
 * @module
 */

/** A plugin's class name from its folder name: `my-plugin` becomes `MyPlugin`. */
export function className(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join("");
  return /^[A-Za-z]/.test(joined) ? joined : `Plugin${joined}`;
}

/** The entry file of plugin `name` (class `cls`) that answers `/<name>` with `reply`. */
export function pluginSource(lang: "ts" | "js", name: string, cls: string, reply: string): string {
  const onLoad = lang === "ts" ? "onLoad(): void" : "onLoad()";
  const text = JSON.stringify(reply);
  return `import { NcatBotPlugin } from "ncatbot";

/**
 * ${name} 插件：在群里或私聊发送 /${name}，机器人回复一句话。
 * 插件放在 plugins/ 下，一个文件夹一个；npm run dev 时改了代码会自动重新加载。
 * 再建一个插件：npx ncatbot plugin new 名字
 */
export default class ${cls} extends NcatBotPlugin {
  static meta = { name: "${name}", version: "0.1.0", description: "发送 /${name}，机器人回复" };

  ${onLoad} {
    // /${name}：群里和私聊都能用
    this.command("${name}", { description: "回复一句话" }, (e) => e.reply(${text}));
  }
}
`;
}

/** The test of the plugin made by {@link pluginSource}: it answers `/<name>` and nothing else. */
export function pluginTest(lang: "ts" | "js", name: string, cls: string, expected: string): string {
  const stopType = lang === "ts" ? ": (() => Promise<void>) | undefined" : "";
  return `import { createTestBot } from "ncatbot/testing";
import { afterEach, expect, it } from "vitest";
import ${cls} from "./index.${lang}";

// 用假 NapCat 测试插件：不需要 QQ，也不需要真的 NapCat。运行：npm test
let stop${stopType};
afterEach(async () => {
  await stop?.();
});

it("群里发 /${name}，机器人回复", async () => {
  const t = await createTestBot({ plugins: [${cls}] });
  stop = () => t.stop();
  const reply = await t.sayAndWaitReply("/${name}");
  expect(reply.text).toContain(${JSON.stringify(expected)});
});

it("别的消息不回复", async () => {
  const t = await createTestBot({ plugins: [${cls}] });
  stop = () => t.stop();
  await t.say("随便说点什么");
  const reply = await t.sayAndWaitReply("/${name}");
  expect(reply.text).toContain(${JSON.stringify(expected)});
  expect(t.replies()).toHaveLength(1);
});
`;
}
