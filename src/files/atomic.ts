/**
 * Atomic file writes, the one helper behind every file NcatBot writes for itself
 * (plugin data and switches, `setConfig`, the permission store): the text goes to
 * a temporary file beside the target, is flushed to disk (fsync), then renamed over
 * the target, and the folder is flushed, so a crash at any moment leaves the old
 * file or the new one, never a torn one.
 *
 * @module
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";

let sequence = 0;

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** File mode of a new file. Default `0o644`; `0o600` for files only the bot's user may read. */
  readonly mode?: number;
}

/**
 * Writes `text` to `path` atomically (temp file + fsync + rename + folder fsync),
 * creating the folder when needed. On a failed write the temp file is removed and
 * the target is untouched.
 */
export function writeFileAtomic(
  path: string,
  text: string,
  options: AtomicWriteOptions = {},
): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = `${path}.${process.pid}.${sequence++}.tmp`;
  const fd = openSync(temp, "w", options.mode ?? 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temp, path);
  try {
    const dirFd = openSync(dir, "r");
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Some platforms (Windows) and file systems cannot fsync a folder; the rename is still atomic.
  }
}

/** Writes `value` as pretty JSON (two spaces, final newline) to `path` atomically. Returns the text written. */
export function writeJsonAtomic(
  path: string,
  value: unknown,
  options: AtomicWriteOptions = {},
): string {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  writeFileAtomic(path, text, options);
  return text;
}
