/**
 * The `reconnect` setting: capped exponential backoff with jitter, or `false`.
 *
 * @module
 */
import { ConfigError } from "../errors.js";
import { describeValue } from "../settings/describe-value.js";
import { type NumberOptions, numberFits, numberWhat } from "../settings/fields.js";
import type { SettingContext } from "../settings/schema.js";
import { MAX_TIMER_MS } from "../transport/watchdog.js";

/** Reconnect policy: capped exponential backoff with jitter. */
export interface ReconnectOption {
  /** First delay in ms. Default 500. */
  initialDelayMs?: number;
  /** Largest delay in ms. Default 30000. */
  maxDelayMs?: number;
  /** Each delay is the previous one times this (>= 1). Default 2. */
  factor?: number;
  /** 0..1: fraction of each delay that is random. Default 0.2. */
  jitter?: number;
  /** Give up after this many failed attempts. Default: never. */
  maxAttempts?: number;
}

/** The fields of `reconnect` and their ranges. */
export const RECONNECT_FIELDS: Readonly<
  Record<keyof ReconnectOption, Omit<NumberOptions, "doc" | "zh">>
> = {
  initialDelayMs: { min: 0, max: MAX_TIMER_MS, unit: "ms" },
  maxDelayMs: { positive: true, max: MAX_TIMER_MS, unit: "ms" },
  factor: { min: 1 },
  jitter: { min: 0, max: 1 },
  maxAttempts: { min: 0 },
};

/** Checks the `reconnect` setting key by key (`reconnect.factor` ...). */
export function parseReconnect(value: unknown, ctx: SettingContext): ReconnectOption | false {
  if (value === false) return false;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError(
      ctx.key,
      `expected an object or false in ${ctx.where}, got ${describeValue(value)}`,
      "Write e.g. `reconnect: { maxDelayMs: 10000 }`, or `reconnect: false` to never reconnect",
    );
  }
  const out: ReconnectOption = {};
  for (const [key, v] of Object.entries(value)) {
    const spec = RECONNECT_FIELDS[key as keyof ReconnectOption];
    if (!Object.hasOwn(RECONNECT_FIELDS, key) || spec === undefined) {
      throw new ConfigError(
        `${ctx.key}.${key}`,
        `not a reconnect setting (in ${ctx.where})`,
        `Valid settings: ${Object.keys(RECONNECT_FIELDS)
          .map((k) => `${ctx.key}.${k}`)
          .join(", ")}`,
      );
    }
    if (v === undefined) continue;
    if (!numberFits(v, spec)) {
      throw new ConfigError(
        `${ctx.key}.${key}`,
        `must be ${numberWhat(spec)}, got ${describeValue(v)} in ${ctx.where}`,
        `Set \`${ctx.key}.${key}\` to ${numberWhat(spec)}`,
      );
    }
    out[key as keyof ReconnectOption] = v;
  }
  return out;
}
