/**
 * The `ncatbot` command line, parsed with node's `util.parseArgs`.
 *
 * @module
 */
import { parseArgs } from "node:util";

/** Default port of `ncatbot sandbox` (falls back to a free port when taken). */
export const DEFAULT_SANDBOX_PORT = 8080;

/** What the command line asks for. */
export type CliCommand =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "sandbox"; port: number; portFallback: boolean }
  | { kind: "error"; message: string };

/** Usage text, Chinese then English. */
export const USAGE = `用法 / Usage:
  ncatbot sandbox [--port N]   启动沙盒：浏览器里和示例机器人聊天（无需 QQ 与 NapCat）
                               Start the sandbox: chat with the example bot in your browser (no QQ, no NapCat)
                               --port N  页面端口，默认 ${DEFAULT_SANDBOX_PORT}（被占用时自动换一个）；0 = 随机
                                         page port, default ${DEFAULT_SANDBOX_PORT} (another free one if taken); 0 = any
  ncatbot --help, -h           显示本帮助 / show this help
  ncatbot --version, -v        显示版本 / show the version

文档 / Docs: docs/quickstart.md`;

/** Parses `argv` (without `node` and the script). Never throws: bad input gives `{ kind: "error" }`. */
export function parseCli(argv: readonly string[]): CliCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return { kind: "error", message: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  const [command, ...rest] = positionals;
  if (command === undefined) return { kind: "help" };
  if (command !== "sandbox")
    return { kind: "error", message: `未知命令 / unknown command: ${command}` };
  if (rest.length > 0)
    return { kind: "error", message: `多余的参数 / unexpected argument: ${rest.join(" ")}` };
  if (values.port === undefined)
    return { kind: "sandbox", port: DEFAULT_SANDBOX_PORT, portFallback: true };
  const port = /^\d+$/.test(values.port) ? Number(values.port) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) {
    return {
      kind: "error",
      message: `--port 需要 0 到 65535 的整数 / --port needs an integer from 0 to 65535 (got "${values.port}")`,
    };
  }
  return { kind: "sandbox", port, portFallback: false };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
      port: { type: "string", short: "p" },
    },
  });
}
