/**
 * Reading plugin JSON files (data, switches): a file that does not parse is renamed
 * aside, not overwritten. They are written with src/files/atomic.ts.
 *
 * @module
 */
import { readFileSync, renameSync } from "node:fs";

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
