/**
 * JSON files written atomically: the text goes to a temporary file beside the
 * target, is flushed to disk (fsync), then renamed over the target (and the folder
 * is flushed), so a crash at any moment leaves the old file or the new one, never
 * a torn one. A file that does not parse is renamed aside, not overwritten.
 *
 * @module
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";

let sequence = 0;

/** Writes `text` to `path` atomically (temp file + fsync + rename + folder fsync). */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${sequence++}.tmp`;
  const fd = openSync(temp, "w", 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {}
    throw error;
  }
  closeSync(fd);
  renameSync(temp, path);
  try {
    const dir = openSync(dirname(path), "r");
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Some file systems cannot fsync a folder; the rename is still atomic.
  }
}

/** Writes `value` as JSON to `path` atomically. Returns the text written. */
export function writeJsonAtomic(path: string, value: unknown): string {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  writeFileAtomic(path, text);
  return text;
}

/** What {@link readJsonFile} found. */
export type JsonRead =
  | { kind: "missing" }
  | { kind: "ok"; value: Record<string, unknown>; text: string }
  | { kind: "corrupt"; movedTo: string; reason: string };

/**
 * Reads a JSON object from `path`. A missing file is `missing`; a file that is not a
 * JSON object is renamed to `<path>.corrupt-<time>` and reported as `corrupt`.
 * Other failures (permissions) throw.
 */
export function readJsonFile(path: string): JsonRead {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };
    throw error;
  }
  let value: unknown;
  let reason = "";
  try {
    value = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value))
      reason = "it is not a JSON object";
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  if (reason === "") return { kind: "ok", value: value as Record<string, unknown>, text };
  const movedTo = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  renameSync(path, movedTo);
  return { kind: "corrupt", movedTo, reason };
}
