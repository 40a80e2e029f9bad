/**
 * The default permission store: a JSON file (data/rbac.json) written atomically
 * (a temporary file, fsync, rename over the old one), so a crash mid-write leaves
 * the previous version, never half a file.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { NcatBotError } from "../errors.js";
import { writeJsonAtomic } from "../files/atomic.js";
import type { RbacData, RbacStore } from "./rbac.js";

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
    // Only the bot's user may read who may do what.
    writeJsonAtomic(this.path, data, { mode: 0o600 });
  }
}
