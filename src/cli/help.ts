/**
 * Chinese help and error text around commander's English built-ins: section
 * titles ("Usage:" becomes "用法 / Usage:") and its parse errors (unknown command
 * with the nearest suggestion, missing argument, unknown option...).
 *
 * @module
 */
import { Help } from "commander";

const TITLES: Readonly<Record<string, string>> = {
  "Usage:": "用法 / Usage:",
  "Options:": "选项 / Options:",
  "Commands:": "命令 / Commands:",
  "Arguments:": "参数 / Arguments:",
  "Global Options:": "全局选项 / Global options:",
};

/** commander's help formatter with bilingual section titles. */
export class ChineseHelp extends Help {
  override styleTitle(str: string): string {
    return super.styleTitle(TITLES[str] ?? str);
  }
}

const ERRORS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^error: unknown command '(.*)'/, "错误：未知命令 '$1'"],
  [/^error: unknown option '(.*)'/, "错误：未知选项 '$1'"],
  [/^error: missing required argument '(.*)'/, "错误：缺少参数 '$1'"],
  [/^error: option '(.*)' argument missing/, "错误：选项 '$1' 需要一个值"],
  [
    /^error: too many arguments for '(.*)'\. Expected (\d+) arguments? but got (\d+)\./,
    "错误：'$1' 的参数太多（需要 $2 个，给了 $3 个）",
  ],
  [
    /^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\./,
    "错误：参数太多（需要 $1 个，给了 $2 个）",
  ],
  [/^error: /, "错误："],
  [/\(Did you mean one of (.*)\?\)/, "（你是不是想输入以下之一：$1？）"],
  [/\(Did you mean (.*)\?\)/, "（你是不是想输入 $1？）"],
];

/** Translates one of commander's error messages to Chinese (unknown ones pass through). */
export function translateError(message: string): string {
  return message
    .split("\n")
    .map((line) => {
      for (const [pattern, replacement] of ERRORS) {
        if (pattern.test(line)) return line.replace(pattern, replacement);
      }
      return line;
    })
    .join("\n");
}
