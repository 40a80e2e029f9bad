/**
 * Per-chat switches: a plugin can be turned off in a group or for a user in
 * private. Kept in `<dataDir>/<plugin>/switches.json`. Root (the `root` setting)
 * is never switched off, so root can always turn a plugin back on.
 *
 * @module
 */

import type { ChatRef } from "../client/plugins.js";
import type { RawPayload } from "../event/payloads.js";
import { writeJsonAtomic } from "../files/atomic.js";
import { readJsonFile } from "./data-store.js";

/** The off-switches of one plugin. */
export class ChatSwitches {
  readonly #groups = new Set<string>();
  readonly #users = new Set<string>();
  readonly #file: string;
  readonly #isRoot: (userId: unknown) => boolean;
  /** The dispatcher's pre-check for this plugin's handlers: one Set size test when nothing is off. */
  readonly accepts: (payload: RawPayload) => boolean;

  constructor(
    file: string,
    isRoot: (userId: unknown) => boolean,
    onCorrupt: (movedTo: string, reason: string) => void,
  ) {
    this.#file = file;
    this.#isRoot = isRoot;
    const read = readJsonFile(file);
    if (read.kind === "ok") {
      for (const g of asList(read.value.disabledGroups)) this.#groups.add(g);
      for (const u of asList(read.value.disabledUsers)) this.#users.add(u);
    } else if (read.kind === "corrupt") {
      onCorrupt(read.movedTo, read.reason);
    }
    this.accepts = (payload) => {
      if (this.#groups.size === 0 && this.#users.size === 0) return true;
      return this.#allows(payload.group_id, payload.user_id);
    };
  }

  #allows(groupId: unknown, userId: unknown): boolean {
    if (this.#isRoot(userId)) return true;
    if (groupId !== undefined && groupId !== null) return !this.#groups.has(String(groupId));
    if (userId !== undefined && userId !== null) return !this.#users.has(String(userId));
    return true;
  }

  /** True when the plugin runs in `chat`. */
  isEnabledIn(chat: ChatRef): boolean {
    return "groupId" in chat
      ? !this.#groups.has(String(chat.groupId))
      : !this.#users.has(String(chat.userId));
  }

  /** Switches the plugin on or off in `chat`, and saves. */
  set(chat: ChatRef, enabled: boolean): void {
    const set = "groupId" in chat ? this.#groups : this.#users;
    const id = String("groupId" in chat ? chat.groupId : chat.userId);
    if (enabled) set.delete(id);
    else set.add(id);
    writeJsonAtomic(this.#file, {
      disabledGroups: [...this.#groups],
      disabledUsers: [...this.#users],
    });
  }
}

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
