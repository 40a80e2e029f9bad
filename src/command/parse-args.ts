/**
 * Turns a message's segments into a command's typed arguments. Text segments are
 * tokenized (quotes, escapes); every other segment (an @, an image...) is one token
 * of its own, so `<user:at>` takes an @ segment or a typed QQ number alike.
 *
 * @module
 */
import { MessageArray, type MessageSegment } from "../message/index.js";
import {
  type ArgKind,
  type CommandSpec,
  type FlagSpec,
  type ParamSpec,
  parseBool,
} from "./spec.js";
import { tokenize } from "./tokenizer.js";

/** One token of a command line: a word of text, or a whole non-text segment. */
export type ArgToken =
  | {
      readonly kind: "text";
      readonly value: string;
      readonly quoted: boolean;
      /** Index of the segment it came from, and its offsets in that segment's text. */
      readonly seg: number;
      readonly start: number;
      readonly end: number;
    }
  | { readonly kind: "segment"; readonly segment: MessageSegment; readonly seg: number };

/** A missing or wrong-typed argument; `reason` is shown to the user. */
export class ArgumentError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "ArgumentError";
  }
}

/** Tokens of `segments`, from segment `from` on. */
export function tokensOf(segments: readonly MessageSegment[], from = 0): ArgToken[] {
  const out: ArgToken[] = [];
  for (let seg = from; seg < segments.length; seg++) {
    const segment = segments[seg] as MessageSegment;
    if (segment.type === "text") {
      for (const t of tokenize(String(segment.data.text ?? ""))) {
        out.push({
          kind: "text",
          value: t.value,
          quoted: t.quoted,
          seg,
          start: t.start,
          end: t.end,
        });
      }
    } else {
      out.push({ kind: "segment", segment, seg });
    }
  }
  return out;
}

const SEGMENT_NAMES: Readonly<Record<string, string>> = {
  image: "图片",
  face: "表情",
  record: "语音",
  video: "视频",
  file: "文件",
  reply: "引用",
  mface: "表情包",
};

/** How a type is named to users in error replies. */
function typeLabel(kind: ArgKind): string {
  if (typeof kind === "object") return SEGMENT_NAMES[kind.segment] ?? `${kind.segment} 消息段`;
  switch (kind) {
    case "int":
      return "整数";
    case "number":
      return "数字";
    case "bool":
      return "是/否";
    case "at":
      return "@某人或 QQ 号";
    default:
      return "文本";
  }
}

function shown(token: ArgToken): string {
  if (token.kind === "segment")
    return `[${SEGMENT_NAMES[token.segment.type] ?? token.segment.type}]`;
  return `"${token.value.length > 20 ? `${token.value.slice(0, 20)}…` : token.value}"`;
}

/** Converts one token to `kind`; throws ArgumentError with `name` in the reason. */
function convert(token: ArgToken, kind: ArgKind, name: string): unknown {
  const wrong = () =>
    new ArgumentError(`参数 ${name} 应为${typeLabel(kind)}，收到 ${shown(token)}`);
  if (typeof kind === "object") {
    if (token.kind === "segment" && token.segment.type === kind.segment) return token.segment;
    throw wrong();
  }
  if (kind === "at") {
    if (token.kind === "segment") {
      const qq = token.segment.type === "at" ? String(token.segment.data.qq) : "";
      if (/^\d+$/.test(qq)) return Number(qq);
      throw wrong();
    }
    const match = /^@?(\d{1,15})$/.exec(token.value);
    if (match) return Number(match[1]);
    throw wrong();
  }
  if (token.kind !== "text") throw wrong();
  const text = token.value;
  switch (kind) {
    case "int":
      if (/^[+-]?\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
      throw wrong();
    case "number": {
      const n = Number(text);
      if (text.trim() !== "" && Number.isFinite(n)) return n;
      throw wrong();
    }
    case "bool": {
      const b = parseBool(text);
      if (b === undefined) throw wrong();
      return b;
    }
    default:
      return text;
  }
}

/** The text of the message from `token` on (text segments only, as written). */
function restText(segments: readonly MessageSegment[], token: ArgToken): string {
  let out = "";
  for (let seg = token.seg; seg < segments.length; seg++) {
    const segment = segments[seg] as MessageSegment;
    if (segment.type !== "text") continue;
    const text = String(segment.data.text ?? "");
    out += seg === token.seg && token.kind === "text" ? text.slice(token.start) : text;
  }
  return out.trim();
}

/** The segments from `token` on (the first text segment cut at the token). */
function restMessage(segments: readonly MessageSegment[], token: ArgToken): MessageArray {
  const out: MessageSegment[] = [];
  for (let seg = token.seg; seg < segments.length; seg++) {
    const segment = segments[seg] as MessageSegment;
    if (seg === token.seg && token.kind === "text") {
      const text = String((segment.data as { text?: unknown }).text ?? "").slice(token.start);
      if (text !== "") out.push({ type: "text", data: { text } });
    } else out.push(segment);
  }
  return MessageArray.from(out);
}

function findFlag(flags: readonly FlagSpec[], long: string | undefined, short: string | undefined) {
  for (const f of flags) {
    if (long !== undefined && f.long === long) return f;
    if (short !== undefined && f.short === short) return f;
  }
  return undefined;
}

function isFlagToken(token: ArgToken): token is Extract<ArgToken, { kind: "text" }> {
  return (
    token.kind === "text" &&
    !token.quoted &&
    token.value.length >= 2 &&
    token.value[0] === "-" &&
    !/^-[\d.]/.test(token.value)
  );
}

/**
 * Parses the arguments of `spec` from `tokens` (the tokens after the command's
 * name words) of a message made of `segments`.
 *
 * @throws ArgumentError for a missing, extra, unknown or wrong-typed argument.
 */
export function parseArgs(
  spec: CommandSpec,
  segments: readonly MessageSegment[],
  tokens: readonly ArgToken[],
): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const params = spec.params;
  let p = 0;
  let flagsOn = spec.flags.length > 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as ArgToken;
    const param: ParamSpec | undefined = params[p];
    if (param && (param.kind === "rest" || param.kind === "message")) {
      args[param.name] =
        param.kind === "rest" ? restText(segments, token) : restMessage(segments, token);
      p++;
      break;
    }
    if (flagsOn && token.kind === "text" && !token.quoted && token.value === "--") {
      flagsOn = false;
      continue;
    }
    if (flagsOn && isFlagToken(token)) {
      i = takeFlag(spec.flags, tokens, i, args);
      continue;
    }
    if (param === undefined) {
      throw new ArgumentError(`多余的参数 ${shown(token)}`);
    }
    args[param.name] = convert(token, param.kind, param.name);
    p++;
  }
  for (; p < params.length; p++) {
    const param = params[p] as ParamSpec;
    if (param.required) throw new ArgumentError(`缺少参数 ${param.name}`);
    args[param.name] = param.defaultValue;
  }
  for (const flag of spec.flags) if (!(flag.key in args)) args[flag.key] = flag.defaultValue;
  return args;
}

/** Reads the flag at `tokens[i]` into `args`; returns the index of the last token used. */
function takeFlag(
  flags: readonly FlagSpec[],
  tokens: readonly ArgToken[],
  i: number,
  args: Record<string, unknown>,
): number {
  const token = tokens[i] as Extract<ArgToken, { kind: "text" }>;
  const text = token.value;
  if (text.startsWith("--")) {
    const eq = text.indexOf("=");
    const long = eq < 0 ? text.slice(2) : text.slice(2, eq);
    const inline = eq < 0 ? undefined : text.slice(eq + 1);
    const flag = findFlag(flags, long, undefined);
    if (!flag) throw new ArgumentError(`未知选项 --${long}`);
    return readFlagValue(flag, `--${long}`, inline, tokens, i, args);
  }
  // Short flags: `-v`, `-vq` (booleans), `-c 3` / `-c3` (an option's value).
  for (let c = 1; c < text.length; c++) {
    const flag = findFlag(flags, undefined, text[c]);
    if (!flag) throw new ArgumentError(`未知选项 -${text[c]}`);
    if (flag.boolean) {
      args[flag.key] = true;
      continue;
    }
    const inline = c + 1 < text.length ? text.slice(c + 1) : undefined;
    return readFlagValue(flag, `-${text[c]}`, inline, tokens, i, args);
  }
  return i;
}

function readFlagValue(
  flag: FlagSpec,
  written: string,
  inline: string | undefined,
  tokens: readonly ArgToken[],
  i: number,
  args: Record<string, unknown>,
): number {
  if (flag.boolean) {
    if (inline === undefined) args[flag.key] = true;
    else {
      const b = parseBool(inline);
      if (b === undefined) throw new ArgumentError(`选项 ${written} 应为是/否，收到 "${inline}"`);
      args[flag.key] = b;
    }
    return i;
  }
  if (inline !== undefined) {
    const at = tokens[i] as Extract<ArgToken, { kind: "text" }>;
    args[flag.key] = convert({ ...at, value: inline, quoted: true }, flag.kind, written);
    return i;
  }
  const next = tokens[i + 1];
  if (next === undefined) throw new ArgumentError(`选项 ${written} 需要一个值`);
  args[flag.key] = convert(next, flag.kind, written);
  return i + 1;
}
