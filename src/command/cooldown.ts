/**
 * Per-command cooldowns, per user and per group (`cooldown: "10s"`).
 *
 * @module
 */
import { NcatBotError } from "../errors.js";
import { parseDuration } from "../handle/duration.js";

/** A duration: ms as a number, or text like `"500ms"`, `"10s"`, `"5m"`, `"1h"`, `"1d"`. */
export type Duration = number | `${number}${"ms" | "s" | "m" | "h" | "d"}`;

/** A {@link Duration} in ms. @throws NcatBotError for anything else. */
function durationMs(value: Duration | string, what: string): number {
  const ms = typeof value === "number" ? value : parseDuration(value);
  if (ms !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  throw new NcatBotError(
    `${what}: "${String(value)}" is not a duration; use ms as a number or text like "10s", "5m", "1h".`,
  );
}

/** The cooldown option: one duration per user, or `{ user, group }`. */
export type CooldownOption = Duration | { user?: Duration; group?: Duration };

/** A cooldown in ms per user and per group (0: none). */
export interface CooldownSpec {
  readonly userMs: number;
  readonly groupMs: number;
}

/** Reads the cooldown option. */
export function cooldownSpec(option: CooldownOption | undefined): CooldownSpec | undefined {
  if (option === undefined) return undefined;
  if (typeof option === "object") {
    return {
      userMs: option.user === undefined ? 0 : durationMs(option.user, "cooldown.user"),
      groupMs: option.group === undefined ? 0 : durationMs(option.group, "cooldown.group"),
    };
  }
  return { userMs: durationMs(option, "cooldown"), groupMs: 0 };
}

/** When each (command, user) and (command, group) may run again. */
export class Cooldowns {
  readonly #until = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /**
   * Checks and, when free, starts the cooldown of `command` for this user and group.
   * Returns 0 when the command may run, else the ms left.
   */
  take(command: string, spec: CooldownSpec, userId: string, groupId: string | undefined): number {
    const now = this.#now();
    const userKey = spec.userMs > 0 ? `${command}\0u${userId}` : undefined;
    const groupKey =
      spec.groupMs > 0 && groupId !== undefined ? `${command}\0g${groupId}` : undefined;
    let left = 0;
    for (const key of [userKey, groupKey]) {
      if (key === undefined) continue;
      const until = this.#until.get(key);
      if (until !== undefined && until > now) left = Math.max(left, until - now);
    }
    if (left > 0) return left;
    if (this.#until.size > 10_000) this.#sweep(now);
    if (userKey) this.#until.set(userKey, now + spec.userMs);
    if (groupKey) this.#until.set(groupKey, now + spec.groupMs);
    return 0;
  }

  /** Forgets every cooldown of `command` (it was removed). */
  forget(command: string): void {
    const prefix = `${command}\0`;
    for (const key of this.#until.keys()) if (key.startsWith(prefix)) this.#until.delete(key);
  }

  #sweep(now: number): void {
    for (const [key, until] of this.#until) if (until <= now) this.#until.delete(key);
  }
}
