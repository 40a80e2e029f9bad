/**
 * Turning a user's media input (URL, bytes, local path...) into the `file` string
 * NapCat reads (`segments.json` → `file_sources`).
 *
 * @module
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InvalidMessageError } from "../errors.js";
import type { MediaInput } from "./types.js";

/** Options for {@link toMediaFile}. */
export interface MediaFileOptions {
  /** True when NapCat can read this machine's files (see `WireOptions.napcatIsLocal`). */
  napcatIsLocal: boolean;
}

const PASS_THROUGH = /^(?:https?:\/\/|file:\/\/|base64:\/\/)/i;
const DATA_URI = /^data:[^,]*?;base64,/i;

/** True when `input` is a string NapCat reads as-is (URL, `file://`, `base64://`). */
function isPassThrough(input: string): boolean {
  return PASS_THROUGH.test(input);
}

/**
 * Whether a string names a local path: absolute, or containing a path separator
 * (`./a.png`, `img/a.png`, `C:\a.png`), or starting with `~` (home directory). A bare name such as
 * `A1B2.jpg` is only a path when such a file exists in the working directory;
 * otherwise it is a NapCat file id taken from a received segment.
 */
function looksLikePath(input: string): boolean {
  return isAbsolute(input) || input.includes("/") || input.includes("\\") || input.startsWith("~");
}

function bytesToBase64(bytes: Uint8Array): string {
  return `base64://${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64")}`;
}

function localFile(path: string, options: MediaFileOptions): string {
  const abs = /^~[/\\]/.test(path) ? resolve(homedir(), path.slice(2)) : resolve(path);
  let isFile = false;
  try {
    isFile = statSync(abs).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) {
    throw new InvalidMessageError(
      `Media file not found: "${abs}" (given as "${path}"). ` +
        "Check the path (relative paths are resolved against the working directory " +
        `"${process.cwd()}"), or, if the file lives on the NapCat host, pass it as a file:// URI.`,
    );
  }
  if (options.napcatIsLocal) return pathToFileURL(abs).href;
  return bytesToBase64(readFileSync(abs));
}

/**
 * Converts a media input into the `file` string NapCat accepts.
 *
 * - `http(s)://`, `file://` and `base64://` strings (and `URL` objects) pass through.
 * - `data:<mime>;base64,<data>` becomes `base64://<data>`.
 * - Bytes (`Buffer` / `Uint8Array`) become `base64://...`.
 * - A local path (absolute, or relative to the working directory) becomes
 *   `file:///abs/path` when `napcatIsLocal`, else the file is read and sent as `base64://`.
 * - A bare name with no separator that is not a local file (e.g. `A1B2.jpg` from a
 *   received segment) passes through as a NapCat file id.
 *
 * @throws InvalidMessageError when a local path does not name an existing file.
 * @example toMediaFile("./cat.png", { napcatIsLocal: true }) // "file:///home/me/bot/cat.png"
 */
export function toMediaFile(input: MediaInput, options: MediaFileOptions): string {
  if (typeof input === "string") {
    if (input === "") {
      throw new InvalidMessageError(
        "Media file is an empty string. Pass a URL, a local path, bytes or a base64:// string.",
      );
    }
    if (isPassThrough(input)) return input;
    const dataUri = DATA_URI.exec(input);
    if (dataUri) return `base64://${input.slice(dataUri[0].length)}`;
    if (looksLikePath(input) || existsSync(input)) return localFile(input, options);
    return input;
  }
  if (input instanceof URL) return toMediaFile(input.href, options);
  if (input instanceof Uint8Array) return bytesToBase64(input);
  throw new InvalidMessageError(
    `Unsupported media input of type ${describe(input)}. ` +
      "Pass a URL string or URL, a local path, a Buffer / Uint8Array, or a base64:// / data: string.",
  );
}

/**
 * Converts what can be converted without touching the file system: bytes become
 * `base64://`, `URL` objects their `href`, `data:` URIs `base64://`. Strings are
 * otherwise left as they are (a local path stays a path).
 */
export function toMediaFilePure(input: MediaInput): string {
  if (typeof input === "string") {
    const dataUri = DATA_URI.exec(input);
    return dataUri ? `base64://${input.slice(dataUri[0].length)}` : input;
  }
  if (input instanceof URL) return input.href;
  if (input instanceof Uint8Array) return bytesToBase64(input);
  throw new InvalidMessageError(
    `Unsupported media input of type ${describe(input)}. ` +
      "Pass a URL string or URL, a local path, a Buffer / Uint8Array, or a base64:// / data: string.",
  );
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return value.constructor?.name ?? "object";
  return typeof value;
}

/**
 * Whether a URI's host is this machine (`localhost`, `*.localhost`, `127.0.0.0/8`,
 * `::1`, `::ffff:127.x.x.x`, or `0.0.0.0` / `::`). Used as the default of `napcatIsLocal`
 * from the NapCat URI (e.g. `ws://127.0.0.1:3001`). An unparsable URI gives `false`.
 */
export function isLoopbackHost(uriString: string): boolean {
  let host: string;
  try {
    host = new URL(uriString).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (host === "::1" || host === "0.0.0.0" || host === "::") return true;
  // WHATWG URL prints ::ffff:127.0.0.1 as ::ffff:7f00:1.
  if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host)) return true;
  return /^127(?:\.\d{1,3}){3}$/.test(host);
}
