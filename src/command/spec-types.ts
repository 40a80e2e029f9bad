/**
 * Type-level reading of a command declaration: `"ban <user:at> [seconds:int=600]"`
 * becomes `{ user: number; seconds: number }`. The runtime twin is `parseSpec`
 * (spec.ts); both read the same grammar:
 *
 * - `name words...` first (sub-command path), then parameters;
 * - `<name:type>` required, `[name:type]` optional (`T | undefined`),
 *   `[name:type=default]` optional with a default (`T`); `<name>` is a string;
 * - `[-v|--verbose]` a boolean flag, `[--count:int=3]` an option with a value.
 *
 * @module
 */
import type { MessageArray } from "../message/index.js";
import type { ReceiveSegmentOf, SegmentType } from "../protocol/index.js";

/** Value types an argument may declare, besides segment types. */
export interface ArgTypeMap {
  /** One word, or a quoted string. */
  string: string;
  /** An integer (`-3`, `42`). */
  int: number;
  /** Any finite number (`1.5`). */
  number: number;
  /** `true/false`, `yes/no`, `on/off`, `1/0`, `是/否`, `开/关`. */
  bool: boolean;
  /** The rest of the message's text, as written (quotes kept). */
  rest: string;
  /** Same as `rest` (Koishi's name). */
  text: string;
  /** The rest of the message as segments (images, faces... kept). */
  message: MessageArray;
  /** A user: an @ segment or a typed QQ number (`@123` or `123`). */
  at: number;
  /** Same as `at`. */
  user: number;
}

/** Segment types usable as an argument type (`<pic:image>`); the value is that segment. */
export type SegmentArgType = Exclude<SegmentType, "text" | "at">;

/** Every argument type name. */
export type ArgTypeName = keyof ArgTypeMap | SegmentArgType;

/** The TypeScript type of one argument type name. */
export type ArgValue<T extends string> = T extends keyof ArgTypeMap
  ? ArgTypeMap[T]
  : T extends SegmentArgType
    ? ReceiveSegmentOf<T>
    : unknown;

type Words<S extends string> = S extends `${infer Head} ${infer Tail}`
  ? Head extends ""
    ? Words<Tail>
    : [Head, ...Words<Tail>]
  : S extends ""
    ? []
    : [S];

/** `-v|--verbose` -> `verbose`; `--count` -> `count`; `-v` -> `v`. */
type FlagKey<N extends string> = N extends `${string}|--${infer Long}`
  ? Long
  : N extends `--${infer Long}`
    ? Long
    : N extends `-${infer Short}`
      ? Short
      : N;

type IsFlag<N extends string> = N extends `-${string}` ? true : false;

/** `name:type=default` / `name:type` / `name=default` / `name` -> [name, type, hasDefault]. */
type SplitBody<B extends string> = B extends `${infer N}:${infer T}=${string}`
  ? [N, T, true]
  : B extends `${infer N}:${infer T}`
    ? [N, T, false]
    : B extends `${infer N}=${string}`
      ? [N, IsFlag<N> extends true ? "bool" : "string", true]
      : [B, IsFlag<B> extends true ? "bool" : "string", false];

type ParamOf<W extends string> = W extends `<${infer Body}>`
  ? SplitBody<Body> extends [infer N extends string, infer T extends string, boolean]
    ? { [K in FlagKey<N>]: ArgValue<T> }
    : {}
  : W extends `[${infer Body}]`
    ? SplitBody<Body> extends [infer N extends string, infer T extends string, infer D]
      ? D extends true
        ? { [K in FlagKey<N>]: ArgValue<T> }
        : T extends "bool"
          ? IsFlag<N> extends true
            ? { [K in FlagKey<N>]: boolean }
            : { [K in FlagKey<N>]: boolean | undefined }
          : { [K in FlagKey<N>]: ArgValue<T> | undefined }
      : {}
    : {};

type Collect<Ws extends readonly string[]> = Ws extends [
  infer W extends string,
  ...infer Rest extends string[],
]
  ? ParamOf<W> & Collect<Rest>
  : {};

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The argument object a declaration gives its handler.
 *
 * @example
 * ```ts
 * type A = ArgsOf<"ban <user:at> [seconds:int=600] [-q|--quiet]">;
 * // { user: number; seconds: number; quiet: boolean }
 * ```
 */
export type ArgsOf<S extends string> = Simplify<Collect<Words<S>>>;
