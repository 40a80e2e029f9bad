/**
 * The files `ncatbot init` writes, as text: the commented Chinese config, the
 * hello plugin with its test, package.json, .gitignore and (TypeScript) tsconfig.
 *
 * @module
 */

/** What the user chose (from prompts or flags). */
export interface ProjectAnswers {
  /** npm package name of the new project. */
  name: string;
  /** The bot's QQ number, if given. */
  qq: string | undefined;
  /** The bot owner's QQ number (full command permissions), if given. */
  root: string | undefined;
  /** NapCat's WebSocket server. */
  wsUri: string;
  /** The access token shared with NapCat. */
  token: string;
  /** Plugin language. */
  lang: "ts" | "js";
  /** The `ncatbot` version range to depend on. */
  ncatbotVersion: string;
}

/** One file of the new project: path relative to the project root, and its text. */
export interface ProjectFile {
  path: string;
  text: string;
}

function yamlString(value: string): string {
  return JSON.stringify(value);
}

/** `ncatbot.config.yaml`, commented in Chinese. */
export function configYaml(a: ProjectAnswers): string {
  const qqLine =
    a.qq !== undefined ? `selfId: ${a.qq}` : "# selfId: 123456789   # 取消注释并填上机器人的 QQ 号";
  const rootLine =
    a.root !== undefined
      ? `# root: ${a.root}   # 机器人主人的 QQ 号（命令权限，命令系统支持后生效）`
      : "# root: 987654321   # 机器人主人的 QQ 号（命令权限，命令系统支持后生效）";
  return `# NcatBot 配置文件（由 ncatbot init 生成）
# 修改后重启机器人生效。检查配置：npx ncatbot config check
# 检查和 NapCat 的连接：npx ncatbot doctor
# 环境变量（NCATBOT_WS_URI、NCATBOT_WS_TOKEN……）会覆盖这里的设置。

# NapCat 的 WebSocket 服务器地址（NapCat → 网络配置 → WebSocket 服务器 的主机和端口）
wsUri: ${yamlString(a.wsUri)}

# 访问令牌：必须和 NapCat 网络配置里的 token 一模一样。
# 这是一个随机生成的强令牌，不要发给别人，也不要提交到公开仓库。
wsToken: ${yamlString(a.token)}

# 机器人自己的 QQ 号：填上后，NcatBot 会检查 NapCat 登录的是不是这个号
${qqLine}

${rootLine}

# 日志级别：trace、debug、info、warn、error、fatal、silent
logLevel: info
`;
}

function helloPlugin(lang: "ts" | "js"): string {
  const typeImport =
    lang === "ts"
      ? 'import type { BotClient } from "ncatbot";\n\n'
      : '/** @typedef {import("ncatbot").BotClient} BotClient */\n\n';
  const param = lang === "ts" ? "bot: BotClient" : "bot";
  const ret = lang === "ts" ? ": void" : "";
  const doc = lang === "ts" ? "" : "\n * @param {BotClient} bot";
  return `${typeImport}/**
 * hello 插件：在群里或私聊发送 /hello，机器人回复一句问候。
 * 照着它写你自己的插件：一个插件就是一个注册回调的函数。${doc}
 */
export default function hello(${param})${ret} {
  bot.onGroupMessage(async (msg) => {
    if (msg.raw_message.trim() === "/hello") {
      await msg.reply(\`你好，\${msg.sender.nickname ?? "朋友"}！我是 NcatBot 喵~\`);
    }
  });
  bot.onPrivateMessage(async (msg) => {
    if (msg.raw_message.trim() === "/hello") {
      await msg.reply("你好！我是 NcatBot 喵~");
    }
  });
}
`;
}

function helloTest(lang: "ts" | "js"): string {
  return `import { createTestBot } from "ncatbot/testing";
import { afterEach, expect, it } from "vitest";
import hello from "./index.${lang}";

// 用假 NapCat 测试插件：不需要 QQ，也不需要真的 NapCat。
let stop${lang === "ts" ? ": (() => Promise<void>) | undefined" : ""};
afterEach(async () => {
  await stop?.();
});

it("群里发 /hello，机器人回复问候", async () => {
  const t = await createTestBot({ setup: hello });
  stop = () => t.stop();
  const reply = await t.sayAndWaitReply("/hello");
  expect(reply.text).toContain("你好");
});

it("别的消息不回复", async () => {
  const t = await createTestBot({ setup: hello });
  stop = () => t.stop();
  await t.say("随便说点什么");
  const reply = await t.sayAndWaitReply("/hello");
  expect(reply.text).toContain("你好");
  expect(t.replies()).toHaveLength(1);
});
`;
}

function botEntry(lang: "ts" | "js"): string {
  return `import { BotClient } from "ncatbot";
import hello from "./plugins/hello/index.${lang}";

// 读取 ncatbot.config.yaml（和 NCATBOT_* 环境变量），连接 NapCat。
const bot = new BotClient();

// 加载插件：每个插件是一个注册回调的函数。
hello(bot);

// 启动并一直运行，直到按下 Ctrl+C。
await bot.run();
`;
}

function packageJson(a: ProjectAnswers): string {
  const ts = a.lang === "ts";
  const pkg = {
    name: a.name,
    version: "0.1.0",
    private: true,
    type: "module",
    scripts: ts
      ? { start: "tsx bot.ts", dev: "tsx watch bot.ts", test: "vitest run" }
      : { start: "node bot.js", dev: "node --watch bot.js", test: "vitest run" },
    dependencies: { ncatbot: a.ncatbotVersion, ...(ts ? { tsx: "^4.20.0" } : {}) },
    devDependencies: { vitest: "^4.0.0", ...(ts ? { typescript: "^5.9.0" } : {}) },
    engines: { node: ">=20" },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const GITIGNORE = `node_modules/
# 机器人运行时的数据和日志
data/
logs/
# 放密钥的文件（令牌也可以用环境变量 NCATBOT_WS_TOKEN 给出）
.env
.env.*
*.secret.yaml
`;

const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      allowImportingTsExtensions: true,
    },
    include: ["bot.ts", "plugins"],
  },
  null,
  2,
)}\n`;

/** Every file of a new project, in the order they are written. */
export function projectFiles(a: ProjectAnswers): ProjectFile[] {
  const ext = a.lang;
  const files: ProjectFile[] = [
    { path: "ncatbot.config.yaml", text: configYaml(a) },
    { path: "package.json", text: packageJson(a) },
    { path: ".gitignore", text: GITIGNORE },
    { path: `bot.${ext}`, text: botEntry(ext) },
    { path: `plugins/hello/index.${ext}`, text: helloPlugin(ext) },
    { path: `plugins/hello/hello.test.${ext}`, text: helloTest(ext) },
  ];
  if (ext === "ts") files.push({ path: "tsconfig.json", text: TSCONFIG });
  return files;
}
