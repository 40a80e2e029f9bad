/**
 * The scheduler: intervals, daily times in a time zone, cron, one-shot dates,
 * maxRuns, conditions; overlapping runs skipped; failures and hangs reported
 * without stopping the schedule; no burst after a clock jump or for past times.
 * Driven by a manual clock and by vitest's fake timers, plus one real-time test.
 */
import {
  type Clock,
  parseDuration,
  Scheduler,
  systemClock,
  type TaskJob,
  type TaskRun,
} from "ncatbot";
import { ManualClock } from "ncatbot/testing";
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.useRealTimers();
});

function scheduler(clock: Clock, timeZone?: string) {
  const failures: string[] = [];
  const notes: string[] = [];
  const s = new Scheduler({
    clock,
    timeZone,
    run(_name, job: TaskJob, run: TaskRun) {
      try {
        const result = job(run);
        if (result instanceof Promise)
          return result.then(
            () => {},
            (e: Error) => void failures.push(e.message),
          );
      } catch (error) {
        failures.push((error as Error).message);
      }
      return undefined;
    },
    onConditionError: (_name, error) =>
      void failures.push(`condition: ${(error as Error).message}`),
    note: (name, message) => void notes.push(`${name}: ${message}`),
  });
  return { s, failures, notes };
}

describe("schedules", () => {
  it("parses durations", () => {
    expect(parseDuration("30s")).toBe(30_000);
    expect(parseDuration("2h30m")).toBe(9_000_000);
    expect(parseDuration("1d")).toBe(86_400_000);
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("soon")).toBeUndefined();
  });

  it("rejects what it does not understand, listing the forms", () => {
    const { s } = scheduler(new ManualClock());
    expect(() => s.add("x", "sometimes", () => {})).toThrow(
      /"sometimes" is not understood\. Use milliseconds .*"08:00"/,
    );
    expect(() => s.add("y", { cron: "not a cron" }, () => {})).toThrow(
      /not a valid cron expression/,
    );
    expect(() => s.add("z", 0, () => {})).toThrow(/at least 1 ms/);
  });
});

describe("scheduler with a manual clock", () => {
  it("interval: '30s' runs every 30 s, and a number is ms", async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const { s } = scheduler(clock);
    const runs: number[] = [];
    s.add("report", "30s", (run) => void runs.push(run.run));
    const fast: number[] = [];
    s.add("fast", 250, () => void fast.push(clock.now()));
    await clock.advance("29s");
    expect(runs).toEqual([]);
    await clock.advance("1s");
    expect(runs).toEqual([1]);
    await clock.advance("2m");
    expect(runs).toEqual([1, 2, 3, 4, 5]);
    expect(fast).toHaveLength(600);
  });

  it("daily '08:00' in the configured time zone", async () => {
    // 2026-01-01 00:00 UTC = 08:00 in Asia/Shanghai.
    const clock = new ManualClock(Date.UTC(2025, 11, 31, 12, 0));
    const { s } = scheduler(clock, "Asia/Shanghai");
    const at: string[] = [];
    s.add("morning", "08:00", () => void at.push(new Date(clock.now()).toISOString()));
    await clock.advance("2d");
    expect(at).toEqual(["2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z"]);
    const utc = scheduler(new ManualClock(Date.UTC(2025, 11, 31, 12, 0)), "UTC");
    const utcAt: number[] = [];
    utc.s.add("morning", "08:00", () => void utcAt.push(1));
    expect(new Date(utc.s.list()[0]?.next ?? 0).toISOString()).toBe("2026-01-01T08:00:00.000Z");
  });

  it("cron every 2 hours, with maxRuns", async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 0, 30));
    const { s } = scheduler(clock, "UTC");
    const at: number[] = [];
    s.add(
      "cron",
      { cron: "0 */2 * * *" },
      () => void at.push(new Date(clock.now()).getUTCHours()),
      { maxRuns: 3 },
    );
    await clock.advance("1d");
    expect(at).toEqual([2, 4, 6]);
    expect(s.list()).toEqual([]);
  });

  it("one-shot date runs once; a date in the past never runs", async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const { s, notes } = scheduler(clock);
    let once = 0;
    let past = 0;
    s.add("once", new Date(Date.UTC(2026, 0, 1, 0, 5)), () => void once++);
    s.add("past", { at: Date.UTC(2025, 0, 1) }, () => void past++);
    await clock.advance("1h");
    expect([once, past]).toEqual([1, 0]);
    expect(notes.join("\n")).toMatch(/past: .*in the past: it will not run/);
  });

  it("a condition skips runs (not counted); a throwing job is reported and the schedule goes on", async () => {
    const clock = new ManualClock();
    const { s, failures } = scheduler(clock);
    let open = false;
    const runs: number[] = [];
    s.add("gated", "1s", (run) => void runs.push(run.run), { condition: () => open, maxRuns: 2 });
    let thrown = 0;
    s.add("throws", "1s", () => {
      thrown++;
      throw new Error(`fail ${thrown}`);
    });
    await clock.advance("3s");
    expect(runs).toEqual([]);
    open = true;
    await clock.advance("5s");
    expect(runs).toEqual([1, 2]);
    expect(thrown).toBe(8);
    expect(failures.slice(0, 2)).toEqual(["fail 1", "fail 2"]);
  });

  it("an overlapping run is skipped, not stacked; a hung job does not stop other tasks", async () => {
    const clock = new ManualClock();
    const { s, notes } = scheduler(clock);
    let started = 0;
    let finish: () => void = () => {};
    s.add("slow", "1s", () => {
      started++;
      return new Promise<void>((resolve) => {
        finish = resolve;
      });
    });
    let other = 0;
    s.add("other", "1s", () => void other++);
    await clock.advance("5s");
    expect(started).toBe(1);
    expect(other).toBe(5);
    expect(notes.filter((n) => n.includes("still going"))).toHaveLength(4);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    await clock.advance("1s");
    expect(started).toBe(2);
  });

  it("a clock jump (sleep/resume) fires no burst of missed runs", async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const { s, notes } = scheduler(clock, "UTC");
    let ticks = 0;
    let hourly = 0;
    s.add("tick", "30s", () => void ticks++);
    s.add("hourly", { cron: "0 * * * *" }, () => void hourly++);
    await clock.advance("30s");
    expect(ticks).toBe(1);
    clock.jump("5h"); // the machine slept for five hours
    await clock.advance("30s");
    expect(ticks).toBe(1); // the late run is skipped ...
    await clock.advance("30s");
    expect(ticks).toBe(2); // ... and the schedule goes on from now
    expect(hourly).toBeLessThanOrEqual(1);
    expect(notes.join("\n")).toMatch(/tick: skipped a run due 18000 s ago/);
  });
});

describe("scheduler on the system clock", () => {
  it("vitest fake timers drive it", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
    const { s } = scheduler(systemClock);
    let n = 0;
    s.add("t", "2h30m", () => void n++);
    await vi.advanceTimersByTimeAsync(9_000_000 * 3);
    expect(n).toBe(3);
    s.clear();
    await vi.advanceTimersByTimeAsync(9_000_000 * 3);
    expect(n).toBe(3);
  });

  it("real time: a 40 ms interval runs several times, then stops when removed", async () => {
    const { s } = scheduler(systemClock);
    const at: number[] = [];
    const remove = s.add("real", "40ms", () => void at.push(Date.now()));
    const end = Date.now() + 10_000;
    while (at.length < 3 && Date.now() < end)
      await new Promise((resolve) => setTimeout(resolve, 10));
    remove();
    const count = at.length;
    expect(count).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < at.length; i++)
      expect((at[i] as number) - (at[i - 1] as number)).toBeGreaterThanOrEqual(30);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(at.length).toBe(count);
  });
});
