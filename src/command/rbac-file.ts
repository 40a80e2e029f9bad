/**
 * The default permission store: a JSON file (data/rbac.json) written atomically
 * (a temporary file, fsync, rename over the old one), so a crash mid-write leaves
 * the previous version, never half a file.
 *
 * @module
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import { NcatBotError } from "../errors.js";
import type { RbacData, RbacStore } from "./rbac.js";

/** Writes `text` to `path` atomically: temp file in the same directory, fsync, rename, fsync the directory. */
export function writeFileAtomic(path: string, text: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = `${path}.${process.pid}.${Date.now().toString(36)}.tmp`;
  const fd = openSync(temp, "w", 0o600);
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
    // Some platforms (Windows) cannot fsync a directory; the rename is still atomic.
  }
}

function isData(value: unknown): value is RbacData {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<RbacData>;
  return (
    v.version === 1 &&
    typeof v.roles === "object" &&
    v.roles !== null &&
    typeof v.users === "object" &&
    v.users !== null
  );
}

/** Keeps permissions in a JSON file. */
export class JsonFileRbacStore implements RbacStore {
  constructor(readonly path: string) {}

  /** @throws NcatBotError when the file exists but is not NcatBot permission data. */
  load(): RbacData | undefined {
    if (!existsSync(this.path)) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.path, "utf8"));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new NcatBotError(`${this.path} is not valid JSON (${reason}); fix or delete it.`);
    }
    if (!isData(parsed)) {
      throw new NcatBotError(
        `${this.path} is not NcatBot permission data ({ version: 1, roles, users }).`,
      );
    }
    return parsed;
  }

  save(data: RbacData): void {
    writeFileAtomic(this.path, `${JSON.stringify(data, null, 2)}\n`);
  }
}
