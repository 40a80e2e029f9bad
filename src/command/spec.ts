/**
 * Runtime reading of a command declaration (`"ban <user:at> [seconds:int=600]"`),
 * the twin of the type-level `ArgsOf` in spec-types.ts.
 *
 * @module
 */
import { NcatBotError } from "../errors.js";
import { SEGMENT_TYPES } from "../protocol/index.js";

/** Value kinds the parser converts to. */
export type ArgKind =
  | "string"
  | "int"
  | "number"
  | "bool"
  | "rest"
  | "message"
  | "at"
  | { segment: string };

/** One positional parameter. */
export interface ParamSpec {
  readonly name: string;
  /** The type as written (`int`, `image`...), for usage lines. */
  readonly typeName: string;
  readonly kind: ArgKind;
  readonly required: boolean;
  /** The default's text as written (`600`), if any. */
  readonly defaultText: string | undefined;
  /** The default converted to the parameter's type. */
  readonly defaultValue: unknown;
}

/** One flag (`-v|--verbose`, boolean) or option (`--count:int=3`, takes a value). */
export interface FlagSpec {
  /** The key in the argument object (the long name, or the short one if alone). */
  readonly key: string;
  readonly long: string | undefined;
  readonly short: string | undefined;
  readonly typeName: string;
  readonly kind: ArgKind;
  /** True for a boolean flag (no value). */
  readonly boolean: boolean;
  readonly defaultValue: unknown;
  /** The declaration as written, for usage lines. */
  readonly text: string;
}

/** A parsed declaration. */
export interface CommandSpec {
  /** The name words (`["admin", "reload"]` for `"admin reload <plugin>"`). */
  readonly path: readonly string[];
  readonly params: readonly ParamSpec[];
  readonly flags: readonly FlagSpec[];
  /** The parameter part as written, normalised to single spaces (`<user:at> [seconds:int=600]`). */
  readonly signature: string;
}

const SEGMENT_SET: ReadonlySet<string> = new Set(SEGMENT_TYPES);
const NAME = /^[^\s<>[\]]+$/u;
const KEY = /^[\p{L}\p{N}_][\p{L}\p{N}_-]*$/u;

function kindOf(typeName: string, spec: string): ArgKind {
  switch (typeName) {
    case "string":
    case "int":
    case "number":
    case "bool":
    case "rest":
    case "message":
    case "at":
      return typeName;
    case "text":
      return "rest";
    case "user":
      return "at";
    default:
      if (SEGMENT_SET.has(typeName) && typeName !== "text") return { segment: typeName };
      throw new NcatBotError(
        `Command "${spec}": unknown argument type "${typeName}". ` +
          "Use string, int, number, bool, rest (text), message, at (user) or a segment type such as image.",
      );
  }
}

/** Converts a default as written to its parameter's type (at registration, so a bad default fails early). */
function convertDefault(kind: ArgKind, text: string, spec: string, name: string): unknown {
  const fail = () =>
    new NcatBotError(`Command "${spec}": the default of "${name}" (${text}) is not a valid value.`);
  switch (kind) {
    case "int": {
      if (!/^[+-]?\d+$/.test(text)) throw fail();
      return Number(text);
    }
    case "number": {
      const n = Number(text);
      if (text.trim() === "" || !Number.isFinite(n)) throw fail();
      return n;
    }
    case "bool": {
      const b = parseBool(text);
      if (b === undefined) throw fail();
      return b;
    }
    case "at": {
      if (!/^\d+$/.test(text)) throw fail();
      return Number(text);
    }
    case "string":
    case "rest":
      return text;
    default:
      throw new NcatBotError(`Command "${spec}": "${name}" cannot have a default.`);
  }
}

const TRUE = new Set(["true", "yes", "y", "on", "1", "是", "开", "真"]);
const FALSE = new Set(["false", "no", "n", "off", "0", "否", "关", "假"]);

/** `true/yes/on/1/是/开` -> true, `false/no/off/0/否/关` -> false, anything else -> undefined. */
export function parseBool(text: string): boolean | undefined {
  const t = text.toLowerCase();
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  return undefined;
}

function parseFlag(body: string, optional: boolean, spec: string): FlagSpec {
  if (!optional) {
    throw new NcatBotError(
      `Command "${spec}": flags are optional; write [${body}], not <${body}>.`,
    );
  }
  const [namePart = "", rest] = splitOnce(body, ":");
  const [typeName, defaultText] =
    rest === undefined ? [undefined, undefined] : splitOnce(rest, "=");
  let short: string | undefined;
  let long: string | undefined;
  for (const alt of namePart.split("|")) {
    if (alt.startsWith("--") && KEY.test(alt.slice(2))) long = alt.slice(2);
    else if (/^-[\p{L}\p{N}]$/u.test(alt)) short = alt.slice(1);
    else throw new NcatBotError(`Command "${spec}": bad flag "${alt}" (use -v or --verbose).`);
  }
  const key = (long ?? short) as string;
  if (typeName === undefined) {
    return {
      key,
      long,
      short,
      typeName: "bool",
      kind: "bool",
      boolean: true,
      defaultValue: false,
      text: `[${body}]`,
    };
  }
  const kind = kindOf(typeName, spec);
  if (kind === "rest" || kind === "message") {
    throw new NcatBotError(
      `Command "${spec}": option --${key} cannot take the rest of the message.`,
    );
  }
  return {
    key,
    long,
    short,
    typeName,
    kind,
    boolean: false,
    defaultValue:
      defaultText === undefined ? undefined : convertDefault(kind, defaultText, spec, key),
    text: `[${body}]`,
  };
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const at = text.indexOf(sep);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * Reads a declaration. Throws {@link NcatBotError} naming the problem for a bad one
 * (unknown type, a required parameter after an optional one, a default that is not
 * of its type...), so mistakes surface at registration, not when a user types.
 */
export function parseSpec(spec: string): CommandSpec {
  const words = spec
    .trim()
    .split(/\s+/u)
    .filter((w) => w !== "");
  const path: string[] = [];
  const params: ParamSpec[] = [];
  const flags: FlagSpec[] = [];
  const signature: string[] = [];
  const keys = new Set<string>();
  for (const word of words) {
    const required = word.startsWith("<") && word.endsWith(">");
    const optional = word.startsWith("[") && word.endsWith("]");
    if (!required && !optional) {
      if (params.length > 0 || flags.length > 0) {
        throw new NcatBotError(
          `Command "${spec}": "${word}" comes after the parameters; name words go first.`,
        );
      }
      if (!NAME.test(word)) throw new NcatBotError(`Command "${spec}": bad name "${word}".`);
      path.push(word);
      continue;
    }
    signature.push(word);
    const body = word.slice(1, -1);
    if (body.startsWith("-")) {
      const flag = parseFlag(body, optional, spec);
      if (keys.has(flag.key)) throw new NcatBotError(`Command "${spec}": "${flag.key}" twice.`);
      keys.add(flag.key);
      flags.push(flag);
      continue;
    }
    const [head = "", typed] = splitOnce(body, ":");
    let bareName = head;
    let typeName = "string";
    let defaultText: string | undefined;
    if (typed === undefined) {
      [bareName, defaultText] = splitOnce(head, "=");
    } else {
      [typeName, defaultText] = splitOnce(typed, "=");
    }
    if (!KEY.test(bareName)) {
      throw new NcatBotError(`Command "${spec}": bad parameter name "${bareName}".`);
    }
    if (keys.has(bareName)) throw new NcatBotError(`Command "${spec}": "${bareName}" twice.`);
    keys.add(bareName);
    const kind = kindOf(typeName, spec);
    if (defaultText !== undefined && required) {
      throw new NcatBotError(
        `Command "${spec}": <${bareName}> is required and cannot have a default; use [...].`,
      );
    }
    const previous = params[params.length - 1];
    if (previous && (previous.kind === "rest" || previous.kind === "message")) {
      throw new NcatBotError(
        `Command "${spec}": "${previous.name}" takes the rest of the message, so it must come last.`,
      );
    }
    if (required && previous && !previous.required) {
      throw new NcatBotError(
        `Command "${spec}": required <${bareName}> after optional [${previous.name}].`,
      );
    }
    params.push({
      name: bareName,
      typeName,
      kind,
      required,
      defaultText,
      defaultValue:
        defaultText === undefined ? undefined : convertDefault(kind, defaultText, spec, bareName),
    });
  }
  if (path.length === 0)
    throw new NcatBotError(`Command "${spec}": the declaration needs a name first.`);
  return { path, params, flags, signature: signature.join(" ") };
}
