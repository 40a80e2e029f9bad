/**
 * Secret masking for every error message and log line: `access_token`, `token`,
 * `secret`, `Authorization` (and their spellings) are replaced by `***` in URL
 * query strings, in `key=value` / `"key": "value"` text, in `user:pass@` URL
 * credentials, and under secret-named keys of objects at any depth.
 *
 * @module
 */
import { inspect } from "node:util";

/** What a masked value shows. */
export const MASK = "***";

/** Key names (lower case, `_` and `-` removed) whose values are secrets. */
const SECRET_KEYS: ReadonlySet<string> = new Set([
  "token",
  "accesstoken",
  "wstoken",
  "httptoken",
  "secret",
  "authorization",
  "password",
  "passwd",
]);

/** True when an object key or query parameter named `key` holds a secret. */
export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[_-]/g, "");
  return SECRET_KEYS.has(k) || k.endsWith("token") || k.endsWith("secret");
}

const NAME = String.raw`[\w-]*(?:token|secret|authorization|password|passwd)`;

/** `access_token=...` in a query string or `key=value` text (value up to `&`, `#`, space, quote). */
const QUERY_VALUE = new RegExp(String.raw`(\b${NAME}=)[^&#\s"'<>]*`, "gi");
/** `"token": "..."`, `token: ...`, `'secret':'...'` (JSON, YAML, inspect output). */
const QUOTED_VALUE = new RegExp(
  String.raw`(["']?\b${NAME}["']?\s*:\s*)(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|(?:Bearer\s+|Basic\s+)?[^\s,;}\]]+)`,
  "gi",
);
/** `Bearer xxx` anywhere (an Authorization header value on its own). */
const BEARER = /\b(Bearer\s+)[^\s"',;}\]]+/gi;
/** `scheme://user:pass@` credentials. */
const URL_CREDENTIALS = /(\b[a-z][\w+.-]*:\/\/)[^\s/@:]*:[^\s/@]*@/gi;

/**
 * `text` with every secret it carries replaced by `***`. Cheap when there is
 * nothing to mask (one test per pattern family).
 *
 * @example maskSecretsInText("ws://h/?access_token=S3CR3T&x=1") // "ws://h/?access_token=***&x=1"
 */
export function maskSecretsInText(text: string): string {
  if (!/token|secret|authori|passw|bearer|:\/\/[^\s/]*@/i.test(text)) return text;
  return text
    .replace(URL_CREDENTIALS, `$1${MASK}@`)
    .replace(QUERY_VALUE, `$1${MASK}`)
    .replace(QUOTED_VALUE, (_m, head: string) => `${head}${MASK}`)
    .replace(BEARER, `$1${MASK}`);
}

/** Objects that say how they want to be masked (the `Secret` holder). */
export interface Maskable {
  /** The masked form, e.g. `"***"`. */
  toJSON(): unknown;
}

const MAX_DEPTH = 64;

function isMaskable(value: object): value is Maskable {
  return (value as { [MASKED]?: unknown })[MASKED] === true;
}

/** Marks a class whose instances mask themselves (see `Secret`). */
export const MASKED = Symbol.for("ncatbot.masked");

/**
 * A copy of `value` safe to log: strings masked with {@link maskSecretsInText},
 * values under secret-named keys replaced by `***` at any depth, `Error`s turned
 * into `{ type, message, stack, ...fields }` with each part masked, `Secret`s shown
 * masked. Cycles and depth beyond 64 become markers; the input is never changed.
 */
export function maskSecrets(value: unknown): unknown {
  return maskValue(value, 0, new WeakSet());
}

function maskValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return maskSecretsInText(value);
  if (typeof value !== "object" || value === null) return value;
  if (isMaskable(value)) return value.toJSON();
  if (seen.has(value)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[too deep]";
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => maskValue(v, depth + 1, seen));
    if (value instanceof Error) return maskError(value, depth, seen);
    if (value instanceof URL) return maskSecretsInText(value.href);
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      // A class instance (a Map, a Buffer, a client): what a person would see, masked.
      return maskSecretsInText(inspect(value, { depth: 2, breakLength: Number.POSITIVE_INFINITY }));
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key];
      const masked =
        isSecretKey(key) && child !== undefined && child !== null && child !== ""
          ? MASK
          : maskValue(child, depth + 1, seen);
      Object.defineProperty(out, key, {
        value: masked,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function maskError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: error.name || error.constructor?.name || "Error",
    message: maskSecretsInText(error.message),
  };
  if (typeof error.stack === "string") out.stack = maskSecretsInText(error.stack);
  for (const key of Object.keys(error)) {
    if (key === "message" || key === "stack") continue;
    const child = (error as unknown as Record<string, unknown>)[key];
    out[key] = isSecretKey(key) ? MASK : maskValue(child, depth + 1, seen);
  }
  if (error.cause !== undefined) out.cause = maskValue(error.cause, depth + 1, seen);
  return out;
}
