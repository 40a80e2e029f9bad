/**
 * The project's `ncatbot.config.yaml` as the CLI sees it: found, parsed with
 * positions (the `yaml` Document API, so edits keep comments), and checked by the
 * framework's own `resolveConfig`, with every problem pointing at file, line and key.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { type Document, isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { type ResolvedConfig, resolveConfig } from "../client/config.js";
import { ConfigError } from "../errors.js";
import { CliError } from "./errors.js";

/** The default config file name. */
export const CONFIG_FILE = "ncatbot.config.yaml";

/** A config problem located in the file. */
export interface ConfigProblem {
  /** The file, relative to the working directory when inside it. */
  file: string;
  /** 1-based line, when known. */
  line: number | undefined;
  /** The setting, e.g. `wsUri` or `connection.mode`. */
  key: string | undefined;
  /** What is wrong and how to fix it. */
  message: string;
}

/** A config file loaded with positions. */
export interface LoadedConfigFile {
  /** Absolute path. */
  path: string;
  /** The path as shown to the user. */
  shown: string;
  /** The text that was read. */
  text: string;
  /** The parsed document (edit it and `String(doc)` to write, comments kept). */
  doc: Document.Parsed;
  lines: LineCounter;
}

/** The config path for `cwd` and an optional `--config` value (env `NCATBOT_CONFIG` next). */
export function configPath(cwd: string, given: string | undefined, env: NodeJS.ProcessEnv): string {
  return resolve(cwd, given ?? env.NCATBOT_CONFIG ?? CONFIG_FILE);
}

function shownPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") ? rel : path;
}

/** Formats a problem as `file:line 键 key：message`. */
export function formatProblem(p: ConfigProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return p.key ? `${where} 设置 ${p.key}：${p.message}` : `${where}：${p.message}`;
}

/** A missing or unparsable config file, located. */
export class ConfigFileError extends CliError {
  constructor(
    readonly problem: ConfigProblem,
    hint = "检查这一行的缩进、冒号和引号。",
  ) {
    super(formatProblem(problem), { hint });
  }
}

/** Reads and parses the file; a missing file or a YAML syntax error is a {@link CliError} naming file and line. */
export function loadConfigFile(cwd: string, path: string): LoadedConfigFile {
  const shown = shownPath(cwd, path);
  if (!existsSync(path)) {
    throw new ConfigFileError(
      { file: shown, line: undefined, key: undefined, message: "找不到配置文件" },
      "在项目目录里运行，或用 --config 指定文件；新项目可以用 npx ncatbot init 生成。",
    );
  }
  const text = readFileSync(path, "utf8");
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const error = doc.errors[0];
  if (error) {
    const reason = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    throw new ConfigFileError({
      file: shown,
      line: error.linePos?.[0]?.line,
      key: undefined,
      message: `YAML 语法错误（${reason}）`,
    });
  }
  return { path, shown, text, doc, lines };
}

const ALIASES: Readonly<Record<string, readonly string[]>> = {
  wsUri: ["ws_uri"],
  wsToken: ["ws_token"],
  selfId: ["bt_uin", "self_id"],
  apiTimeoutMs: ["api_timeout_ms"],
  logLevel: ["log_level"],
};

/** The 1-based line of `key` (dotted path, or one of its aliases) in the file, if present. */
export function lineOf(file: LoadedConfigFile, key: string): number | undefined {
  const [head, ...rest] = key.split(".");
  if (head === undefined) return undefined;
  for (const name of [head, ...(ALIASES[head] ?? [])]) {
    const path = [name, ...rest];
    for (let n = path.length; n > 0; n--) {
      const node = file.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] };
      if (node && (isScalar(node) || isMap(node) || node.range)) {
        const offset = keyOffset(file, path.slice(0, n)) ?? node.range?.[0];
        if (offset !== undefined) return file.lines.linePos(offset).line;
      }
    }
  }
  return undefined;
}

/** Offset of the key node of `path` (the line a reader looks for), if found. */
function keyOffset(file: LoadedConfigFile, path: readonly string[]): number | undefined {
  let map: unknown = file.doc.contents;
  let offset: number | undefined;
  for (const part of path) {
    if (!isMap(map)) return offset;
    const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === part);
    if (!pair || !isScalar(pair.key)) return offset;
    offset = pair.key.range?.[0];
    map = pair.value;
  }
  return offset;
}

/** The result of checking a config file. */
export type CheckedConfig =
  | { ok: true; file: LoadedConfigFile; config: ResolvedConfig }
  | { ok: false; file: LoadedConfigFile | undefined; problem: ConfigProblem };

/** Loads and checks the config file the bot would read (with the environment's overrides). */
export function checkConfigFile(cwd: string, path: string, env: NodeJS.ProcessEnv): CheckedConfig {
  let file: LoadedConfigFile;
  try {
    file = loadConfigFile(cwd, path);
  } catch (error) {
    if (!(error instanceof ConfigFileError)) throw error;
    return { ok: false, file: undefined, problem: error.problem };
  }
  try {
    const config = resolveConfig({ configFile: path }, { ...env, NCATBOT_CONFIG: path });
    return { ok: true, file, config };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const key = error.key === "configFile" ? undefined : error.key;
    return {
      ok: false,
      file,
      problem: {
        file: file.shown,
        line: key ? lineOf(file, key) : undefined,
        key,
        message: `${error.problem.replace(` in ${path}`, "")}. ${error.fix}`,
      },
    };
  }
}
