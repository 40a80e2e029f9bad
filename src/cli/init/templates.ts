/**
 * The files `ncatbot init` writes, as text: the commented Chinese config, the
 * hello plugin with its test, package.json, .gitignore and (TypeScript) tsconfig.
 * The project has no entry file: `ncatbot run` / `ncatbot dev` load `plugins/`.
 *
 * @module
 */

import { pluginSource, pluginTest } from "./plugin-template.js";

const HELLO = "你好，我是 NcatBot 喵~";

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
    a.root !== undefined ? `root: ${a.root}` : "# root: 987654321   # 取消注释并填上你的 QQ 号";
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

# 机器人主人的 QQ 号：拥有所有命令的权限（也可以写成列表 [111, 222]）
${rootLine}

# 日志级别：trace、debug、info、warn、error、fatal、silent
logLevel: info
`;
}

function packageJson(a: ProjectAnswers): string {
  const ts = a.lang === "ts";
  const pkg = {
    name: a.name,
    version: "0.1.0",
    private: true,
    type: "module",
    scripts: { start: "ncatbot run", dev: "ncatbot dev", test: "vitest run" },
    dependencies: { ncatbot: a.ncatbotVersion },
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
    include: ["plugins"],
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
    { path: `plugins/hello/index.${ext}`, text: pluginSource(ext, "hello", "Hello", HELLO) },
    { path: `plugins/hello/hello.test.${ext}`, text: pluginTest(ext, "hello", "Hello", "你好") },
  ];
  if (ext === "ts") files.push({ path: "tsconfig.json", text: TSCONFIG });
  return files;
}
