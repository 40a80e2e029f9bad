/**
 * Where a handler was registered (`bot.ts:12:3`), for log lines about it: read once, at
 * registration, from the stack of the registering call. Frames inside NcatBot itself
 * (its sources, or the bundles in dist/) and Node's internals are skipped, so the site
 * is the user's line that called `bot.onGroupMessage(...)`, `bot.on(...)`, a plugin's
 * `this.on(...)`...
 *
 * @module
 */
import { dirname, isAbsolute, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** This file's path (`import.meta.url`, or `__filename` in the CommonJS build). */
function ownFile(): string | undefined {
  try {
    const url = (import.meta as { url?: unknown }).url;
    if (typeof url === "string" && url) return fileURLToPath(url);
  } catch {
    // fall through
  }
  return typeof __filename === "string" ? __filename : undefined;
}

declare const __filename: string | undefined;

/** NcatBot's own code: `src/` from sources (this file is src/client/), `dist/` when built. */
const OWN_ROOT: string | undefined = (() => {
  const file = ownFile();
  if (file === undefined) return undefined;
  const dir = dirname(file);
  return `${dir.endsWith(`${sep}client`) ? dirname(dir) : dir}${sep}`;
})();

const FRAME = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?$/;

function pathOf(location: string): string {
  if (!location.startsWith("file://")) return location;
  try {
    return fileURLToPath(location);
  } catch {
    return location;
  }
}

/** `file:line:col` of the first stack frame outside NcatBot, relative to the working directory. */
export function registrationSite(): string | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  for (const line of stack.split("\n").slice(1)) {
    const match = FRAME.exec(line.trim());
    if (!match) continue;
    const file = pathOf(match[1] as string);
    if (!isAbsolute(file) || file.startsWith("node:")) continue;
    if (OWN_ROOT !== undefined && file.startsWith(OWN_ROOT)) continue;
    if (file.includes(`${sep}node_modules${sep}`)) continue;
    const rel = relative(process.cwd(), file);
    const shown = rel.startsWith("..") || isAbsolute(rel) ? file : rel;
    return `${shown}:${match[2]}:${match[3]}`;
  }
  return undefined;
}
