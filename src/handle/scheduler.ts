/**
 * Scheduled tasks: each task keeps one timer for its next run. A run that is still
 * going when the next one is due makes that one skip (never stacked); a run due
 * long ago (sleep, a clock jump) is skipped, never made up in a burst; a job that
 * throws or hangs is reported and the schedule goes on.
 *
 * @module
 */
import { NcatBotError } from "../errors.js";
import { type Clock, MAX_TIMER_MS, type TimerHandle } from "./clock.js";
import { parseSchedule, type Schedule, type ScheduleSpec } from "./schedule-spec.js";
import type { Disposer } from "./scope.js";

/** What a job receives. */
export interface TaskRun {
  /** The task's name. */
  readonly name: string;
  /** This run's number, from 1. */
  readonly run: number;
  /** When the run was planned (ms since the epoch). */
  readonly scheduledAt: number;
}

/** A task's job: sync or async. */
export type TaskJob = (run: TaskRun) => unknown;

/** Options of a scheduled task. */
export interface TaskOptions {
  /** Stop after this many runs. */
  maxRuns?: number;
  /** Checked before each run; `false` skips that run (not counted). */
  condition?: () => boolean;
  /** Time zone of a daily time or cron expression (IANA, `Asia/Shanghai`). Default: the bot's `timeZone`. */
  timeZone?: string;
  /** Warn when a run takes longer than this (ms). Default: the bot's `handlerTimeoutMs`. */
  timeoutMs?: number;
}

/** A task as `list()` shows it. */
export interface TaskInfo {
  readonly name: string;
  readonly schedule: string;
  readonly runs: number;
  readonly running: boolean;
  /** The next planned run (ms since the epoch), if any. */
  readonly next: number | undefined;
}

/** What the scheduler needs from its owner. */
export interface SchedulerDeps {
  clock: Clock;
  timeZone?: string | undefined;
  /** Runs the job inside the error boundary; returns its promise when it is async. */
  run(
    name: string,
    job: TaskJob,
    run: TaskRun,
    timeoutMs: number | undefined,
  ): Promise<void> | undefined;
  /** A failing `condition`. */
  onConditionError(name: string, error: unknown): void;
  /** A debug note (a skipped run). */
  note(name: string, message: string): void;
}

/** A run more than this late (wall clock) is skipped: the machine slept or the clock jumped. */
export const LATE_LIMIT_MS = 60_000;

interface Task {
  readonly name: string;
  readonly schedule: Schedule;
  readonly job: TaskJob;
  readonly options: TaskOptions;
  runs: number;
  running: boolean;
  planned: number | undefined;
  timer: TimerHandle | undefined;
  removed: boolean;
}

/**
 * A set of named tasks on one clock.
 *
 * @example
 * ```ts
 * scheduler.add("report", "30s", () => console.log("tick"));
 * scheduler.add("morning", "08:00", async () => { ... });
 * scheduler.add("cleanup", { cron: "0 *\/2 * * *" }, () => {}, { maxRuns: 3 });
 * ```
 */
export class Scheduler {
  readonly #deps: SchedulerDeps;
  readonly #tasks = new Map<string, Task>();

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
  }

  /**
   * Adds a task. Returns a disposer that removes it.
   *
   * @throws NcatBotError when the schedule is not understood or the name is taken.
   */
  add(name: string, spec: ScheduleSpec, job: TaskJob, options: TaskOptions = {}): Disposer {
    if (this.#tasks.has(name)) {
      throw new NcatBotError(
        `a scheduled task named "${name}" exists already; pick another name or remove it first`,
      );
    }
    if (typeof job !== "function")
      throw new NcatBotError(`scheduled task "${name}": the job must be a function`);
    if (
      options.maxRuns !== undefined &&
      !(Number.isInteger(options.maxRuns) && options.maxRuns > 0)
    ) {
      throw new NcatBotError(`scheduled task "${name}": maxRuns must be a positive integer`);
    }
    const schedule = parseSchedule(spec, options.timeZone ?? this.#deps.timeZone);
    const task: Task = {
      name,
      schedule,
      job,
      options,
      runs: 0,
      running: false,
      planned: undefined,
      timer: undefined,
      removed: false,
    };
    this.#tasks.set(name, task);
    const now = this.#deps.clock.now();
    task.planned = schedule.next(now, undefined);
    if (task.planned === undefined) {
      this.#deps.note(name, `${schedule.text} is in the past: it will not run`);
      this.#remove(task);
    } else {
      this.#arm(task);
    }
    return () => this.#remove(task);
  }

  /** Removes the task named `name`; false when there is none. */
  remove(name: string): boolean {
    const task = this.#tasks.get(name);
    if (!task) return false;
    this.#remove(task);
    return true;
  }

  /** The tasks, in the order they were added. */
  list(): TaskInfo[] {
    return [...this.#tasks.values()].map((t) => ({
      name: t.name,
      schedule: t.schedule.text,
      runs: t.runs,
      running: t.running,
      next: t.planned,
    }));
  }

  /** Removes every task. */
  clear(): void {
    for (const task of [...this.#tasks.values()]) this.#remove(task);
  }

  #remove(task: Task): void {
    task.removed = true;
    if (task.timer !== undefined) this.#deps.clock.clearTimeout(task.timer);
    task.timer = undefined;
    if (this.#tasks.get(task.name) === task) this.#tasks.delete(task.name);
  }

  #arm(task: Task): void {
    if (task.removed || task.planned === undefined) return;
    const delay = Math.min(Math.max(0, task.planned - this.#deps.clock.now()), MAX_TIMER_MS);
    task.timer = this.#deps.clock.setTimeout(() => this.#fire(task), delay);
  }

  #fire(task: Task): void {
    task.timer = undefined;
    if (task.removed || task.planned === undefined) return;
    const now = this.#deps.clock.now();
    const planned = task.planned;
    if (now < planned) {
      // A chained long wait, or the wall clock went back: wait until the planned time.
      this.#arm(task);
      return;
    }
    if (now - planned > LATE_LIMIT_MS) {
      this.#deps.note(
        task.name,
        `skipped a run due ${Math.round((now - planned) / 1000)} s ago (the machine slept or the clock jumped)`,
      );
    } else {
      this.#runOnce(task, planned);
    }
    if (task.removed) return;
    task.planned = task.schedule.next(now, planned);
    if (task.planned === undefined) this.#remove(task);
    else this.#arm(task);
  }

  #runOnce(task: Task, planned: number): void {
    if (task.running) {
      this.#deps.note(task.name, "the previous run is still going: this run is skipped");
      return;
    }
    const condition = task.options.condition;
    if (condition) {
      let ok: boolean;
      try {
        ok = condition();
      } catch (error) {
        this.#deps.onConditionError(task.name, error);
        return;
      }
      if (!ok) return;
    }
    task.runs++;
    const run: TaskRun = { name: task.name, run: task.runs, scheduledAt: planned };
    if (task.options.maxRuns !== undefined && task.runs >= task.options.maxRuns) this.#remove(task);
    task.running = true;
    const settled = this.#deps.run(task.name, task.job, run, task.options.timeoutMs);
    if (settled) {
      settled.then(() => {
        task.running = false;
      });
    } else {
      task.running = false;
    }
  }
}
