/**
 * What a scheduled task's schedule may be, and how the next run time is computed:
 * intervals (`"30s"`, `"2h30m"`, a number of ms), daily times (`"08:00"`), cron
 * expressions (parsed by croner, a well-kept library) and one-shot dates.
 *
 * @module
 */
import type { Cron } from "croner";
import { NcatBotError } from "../errors.js";
import { lazyRequire } from "../lazy-require.js";
import { parseDuration } from "./duration.js";

const croner = lazyRequire<typeof import("croner")>("croner");

/**
 * A schedule:
 * - a number (ms) or a duration text `"500ms"`, `"30s"`, `"5m"`, `"2h30m"`, `"1d"`: every so long;
 * - `"08:00"` / `"08:00:30"`: every day at that time (in the task's or the bot's time zone);
 * - `{ cron: "0 *\/2 * * *" }`: a cron expression (5 or 6 fields);
 * - a `Date`, or `{ at: Date | ms | ISO text }`: once.
 */
export type ScheduleSpec =
  | number
  | string
  | Date
  | { cron: string; timeZone?: string }
  | { at: Date | number | string };

/** A parsed schedule: gives the next run after a time, or `undefined` when there is none. */
export interface Schedule {
  /** Human description, for logs and `list()`. */
  readonly text: string;
  readonly kind: "interval" | "daily" | "cron" | "once";
  /** The next run time strictly after `after` (ms), given the previous planned run (if any). */
  next(after: number, previous: number | undefined): number | undefined;
}

const DAILY = /^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

const FORMS =
  'Use milliseconds (30000), a duration ("30s", "2h30m", "1d"), a daily time ("08:00"), { cron: "0 8 * * *" } or a Date / { at: date }.';

function interval(ms: number, text: string): Schedule {
  if (!(Number.isFinite(ms) && ms >= 1)) {
    throw new NcatBotError(`schedule ${text}: an interval must be at least 1 ms. ${FORMS}`);
  }
  return {
    text,
    kind: "interval",
    next(after, previous) {
      const planned = (previous ?? after) + ms;
      // Missed runs (a busy loop, a clock jump, sleep) are skipped, never made up in a burst.
      return planned > after ? planned : after + ms;
    },
  };
}

function cron(
  pattern: string,
  timeZone: string | undefined,
  text: string,
  kind: "daily" | "cron",
): Schedule {
  let job: Cron;
  try {
    job = new (croner().Cron)(pattern, {
      paused: true,
      ...(timeZone ? { timezone: timeZone } : {}),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new NcatBotError(`schedule ${text}: not a valid cron expression (${reason}). ${FORMS}`);
  }
  return {
    text,
    kind,
    next(after) {
      const next = job.nextRun(new Date(after));
      return next ? next.getTime() : undefined;
    },
  };
}

function once(at: Date | number | string, text: string): Schedule {
  const time = at instanceof Date ? at.getTime() : typeof at === "number" ? at : Date.parse(at);
  if (!Number.isFinite(time)) throw new NcatBotError(`schedule ${text}: not a date. ${FORMS}`);
  return {
    text,
    kind: "once",
    next(after, previous) {
      return previous === undefined && time > after ? time : undefined;
    },
  };
}

/**
 * Parses a {@link ScheduleSpec}. `timeZone` applies to daily times and cron
 * expressions (default: the machine's).
 *
 * @throws NcatBotError naming the schedule and listing the accepted forms.
 */
export function parseSchedule(spec: ScheduleSpec, timeZone?: string): Schedule {
  if (typeof spec === "number") return interval(spec, `every ${spec} ms`);
  if (spec instanceof Date) return once(spec, `once at ${spec.toISOString()}`);
  if (typeof spec === "string") {
    const duration = parseDuration(spec);
    if (duration !== undefined) return interval(duration, `every ${spec}`);
    const daily = DAILY.exec(spec.trim());
    if (daily) {
      const [, hour, minute, second] = daily;
      return cron(
        `${Number(second ?? 0)} ${Number(minute)} ${Number(hour)} * * *`,
        timeZone,
        `daily at ${spec}`,
        "daily",
      );
    }
    if (/^\d{4}-\d{2}-\d{2}/.test(spec)) return once(spec, `once at ${spec}`);
    throw new NcatBotError(`schedule "${spec}" is not understood. ${FORMS}`);
  }
  if (spec !== null && typeof spec === "object") {
    if ("cron" in spec && typeof spec.cron === "string") {
      return cron(spec.cron, spec.timeZone ?? timeZone, `cron "${spec.cron}"`, "cron");
    }
    if ("at" in spec) return once(spec.at, `once at ${String(spec.at)}`);
  }
  throw new NcatBotError(`schedule ${JSON.stringify(spec)} is not understood. ${FORMS}`);
}
