/**
 * Argument checks of the convenience senders (and of the event shortcuts): a plain-JS
 * mistake (`bot.api.postGroupMsg({ text: "hi" })`, group id forgotten) throws an
 * {@link InvalidArgumentError} that names the wrong argument and shows the correct
 * call, before anything is sent. Each check is a few `typeof` tests, so the hot path
 * (`postGroupMsg` per message) pays nothing measurable.
 *
 * @module
 */

import { didYouMean } from "../did-you-mean.js";
import { InvalidArgumentError } from "../errors.js";
import { ForwardConstructor, MessageArray } from "../message/index.js";
import { describeValue } from "../settings/describe-value.js";

/** What one argument must be. */
export type ArgKind =
  | "id"
  | "text"
  | "message"
  | "media"
  | "msgOptions"
  | "privateMsgOptions"
  | "fileOptions"
  | "music"
  | "musicType"
  | "forward"
  | "content"
  | "card?"
  | "name?"
  | "value?"
  | "options?"
  | "seconds";

/** One sender's signature: its argument names and kinds, and the correct call. */
export interface Signature {
  readonly args: readonly (readonly [name: string, kind: ArgKind])[];
  /** The arguments of a correct call, e.g. `123456, { text: "你好" }`. */
  readonly example: string;
}

const MSG_KEYS = ["text", "at", "reply", "image", "face", "rtf"];
const PRIVATE_MSG_KEYS = ["text", "reply", "image", "face", "rtf"];
const FILE_KEYS = ["image", "record", "video", "file", "name"];
const MUSIC_TYPES = ["qq", "163", "kugou", "kuwo", "migu"];

const NEEDS: Readonly<Record<ArgKind, string>> = {
  id: "must be an id (a number or numeric string)",
  text: "must be a string",
  message: "must be message content (a string, a MessageArray or an array of segments)",
  media: "must be a media source (a path, URL, data: URI, base64:// string, URL object or bytes)",
  msgOptions: `must be an options object with any of: ${MSG_KEYS.join(", ")}`,
  privateMsgOptions: `must be an options object with any of: ${PRIVATE_MSG_KEYS.join(", ")}`,
  fileOptions: "must be an options object with one of: image, record, video, file",
  music: "must be an object { url, audio, title, image }",
  musicType: `must be one of ${MUSIC_TYPES.map((t) => `"${t}"`).join(", ")}`,
  forward: "must be a ForwardConstructor or an array of node segments",
  content: "must be message content or an options object ({ text, image, ... })",
  "card?": "must be omitted or an object { news, prompt, summary, source }",
  "name?": "must be omitted or a string",
  "value?": "must be omitted or a number",
  "options?": "must be omitted or an options object",
  seconds: "must be a number of seconds",
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  // The common case first (an object literal), without the instanceof chain.
  if (
    typeof value === "object" &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    return true;
  }
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof MessageArray) &&
    !(value instanceof ForwardConstructor) &&
    !(value instanceof Uint8Array) &&
    !(value instanceof URL)
  );
}

function isId(value: unknown): boolean {
  return (
    (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) ||
    (typeof value === "string" && /^\d+$/.test(value))
  );
}

function isMessage(value: unknown): boolean {
  return typeof value === "string" || value instanceof MessageArray || Array.isArray(value);
}

function isMedia(value: unknown): boolean {
  return (
    (typeof value === "string" && value !== "") ||
    value instanceof Uint8Array ||
    value instanceof URL
  );
}

const KEY_SETS = new Map<readonly string[], ReadonlySet<string>>();

/** The unknown key of an options object, if any. */
function unknownKey(value: Record<string, unknown>, keys: readonly string[]): string | undefined {
  let known = KEY_SETS.get(keys);
  if (known === undefined) {
    known = new Set(keys);
    KEY_SETS.set(keys, known);
  }
  for (const key in value) if (!known.has(key)) return key;
  return undefined;
}

/** `undefined` when `value` is a valid `kind`, else what is wrong with it. */
function problemOf(kind: ArgKind, value: unknown): string | undefined {
  switch (kind) {
    case "id":
      return isId(value) ? undefined : NEEDS.id;
    case "text":
      return typeof value === "string" ? undefined : NEEDS.text;
    case "message":
      return isMessage(value) ? undefined : NEEDS.message;
    case "media":
      return isMedia(value) ? undefined : NEEDS.media;
    case "msgOptions":
    case "privateMsgOptions":
    case "fileOptions": {
      if (!isPlainObject(value)) return NEEDS[kind];
      const keys =
        kind === "msgOptions" ? MSG_KEYS : kind === "fileOptions" ? FILE_KEYS : PRIVATE_MSG_KEYS;
      const bad = unknownKey(value, keys);
      if (bad === undefined) return undefined;
      const guess = didYouMean(bad, keys);
      return `has an unknown option "${bad}"${guess ? ` (did you mean "${guess}"?)` : ""}; options: ${keys.join(", ")}`;
    }
    case "music":
      return isPlainObject(value) &&
        ["url", "audio", "title", "image"].every((k) => typeof value[k] === "string")
        ? undefined
        : NEEDS.music;
    case "musicType":
      return MUSIC_TYPES.includes(value as string) ? undefined : NEEDS.musicType;
    case "forward":
      return value instanceof ForwardConstructor || Array.isArray(value)
        ? undefined
        : NEEDS.forward;
    case "content":
      return isMessage(value) || isPlainObject(value) ? undefined : NEEDS.content;
    case "card?":
      return value === undefined || isPlainObject(value) ? undefined : NEEDS[kind];
    case "name?":
      return value === undefined || typeof value === "string" ? undefined : NEEDS[kind];
    case "value?":
      return value === undefined || typeof value === "number" ? undefined : NEEDS[kind];
    case "options?":
      return value === undefined || isPlainObject(value) ? undefined : NEEDS[kind];
    case "seconds":
      return typeof value === "number" && Number.isFinite(value) && value >= 0
        ? undefined
        : NEEDS[kind];
  }
}

const ORDINALS = ["1st", "2nd", "3rd", "4th"];

/**
 * Checks argument `index` of a call against `signature`; throws {@link InvalidArgumentError}
 * naming it, with `method(example)` as the correct call. Allocation-free when it passes.
 *
 * @param method - as the user wrote it, e.g. `bot.api.postGroupMsg` or `msg.reply`.
 */
export function checkArg(
  method: string,
  signature: Signature,
  index: number,
  value: unknown,
): void {
  const entry = signature.args[index];
  if (entry === undefined) return;
  const problem = problemOf(entry[1], value);
  if (problem === undefined) return;
  const name = entry[0];
  const got = value === undefined ? "it is missing" : `got ${describeValue(value)}`;
  throw new InvalidArgumentError(
    method,
    name,
    `the ${ORDINALS[index] ?? `#${index + 1}`} argument (${name}) ${problem}, ${got}`,
    `${method}(${signature.example})`,
  );
}

/** Checks every argument of a call against `signature` (see {@link checkArg}). */
export function checkArgs(method: string, signature: Signature, args: ArrayLike<unknown>): void {
  for (let i = 0; i < signature.args.length; i++) checkArg(method, signature, i, args[i]);
}

/** Throws unless `value` is message content: for event shortcuts (`msg.reply(content)`). */
export function checkMessageArg(method: string, name: string, value: unknown, example: string) {
  checkArgs(method, { args: [[name, "message"]], example }, [value]);
}

function pair(
  second: readonly [string, ArgKind] | undefined,
  exampleTail: string,
  extra: readonly (readonly [string, ArgKind])[] = [],
): { group: Signature; private: Signature } {
  const rest = second ? [second, ...extra] : extra;
  return {
    group: { args: [["groupId", "id"], ...rest], example: `123456${exampleTail}` },
    private: { args: [["userId", "id"], ...rest], example: `10001${exampleTail}` },
  };
}
const text = pair(["text", "text"], ', "你好"');
const array = pair(["message", "message"], ', MessageArray.from("你好 ", Segment.face(14))');
const image = pair(["image", "media"], ', "https://example.com/cat.png"');
const record = pair(["record", "media"], ', "./hello.amr"');
const video = pair(["video", "media"], ', "./clip.mp4"');
const file = pair(["file", "media"], ', "./report.pdf", "报告.pdf"', [["name", "name?"]]);
const music = pair(["type", "musicType"], ', "qq", 123456789', [["musicId", "id"]]);
const customMusic = pair(
  ["music", "music"],
  ', { url: "https://example.com", audio: "https://example.com/a.mp3", title: "歌名", image: "https://example.com/cover.png" }',
);
const game = pair(undefined, "", [["value", "value?"]]);
const postFile = pair(["options", "fileOptions"], ', { image: "./cat.png" }');
const forward = pair(["forward", "forward"], ", forward /* a ForwardConstructor */", [
  ["card", "card?"],
]);

/** Every convenience sender's signature, by method name (the `Sync` twin shares it). */
export const SIGNATURES: Readonly<Record<string, Signature>> = {
  postGroupMsg: {
    args: [
      ["groupId", "id"],
      ["options", "msgOptions"],
    ],
    example: '123456, { text: "你好" }',
  },
  postPrivateMsg: {
    args: [
      ["userId", "id"],
      ["options", "privateMsgOptions"],
    ],
    example: '10001, { text: "你好" }',
  },
  postGroupArrayMsg: array.group,
  postPrivateArrayMsg: array.private,
  sendGroupText: text.group,
  sendPrivateText: text.private,
  sendGroupPlainText: text.group,
  sendPrivatePlainText: text.private,
  sendGroupImage: image.group,
  sendPrivateImage: image.private,
  sendGroupRecord: record.group,
  sendPrivateRecord: record.private,
  sendGroupVideo: video.group,
  sendPrivateVideo: video.private,
  sendGroupFile: file.group,
  sendPrivateFile: file.private,
  sendGroupMusic: music.group,
  sendPrivateMusic: music.private,
  sendGroupCustomMusic: customMusic.group,
  sendPrivateCustomMusic: customMusic.private,
  sendGroupDice: game.group,
  sendPrivateDice: game.private,
  sendGroupRps: game.group,
  sendPrivateRps: game.private,
  postGroupFile: postFile.group,
  postPrivateFile: postFile.private,
  postGroupForwardMsg: forward.group,
  postPrivateForwardMsg: forward.private,
  postAllGroupMsg: { args: [["content", "content"]], example: '{ text: "公告：今晚维护" }' },
};

/** The event shortcuts' signatures (`msg.reply(content, options?)`, `msg.ban(seconds)`). */
export const SHORTCUT_SIGNATURES = {
  reply: {
    args: [
      ["content", "content"],
      ["options", "options?"],
    ],
    example: '"你好"',
  },
  ban: { args: [["durationSeconds", "seconds"]], example: "60" },
} as const satisfies Readonly<Record<string, Signature>>;
