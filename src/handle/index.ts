/**
 * The handling layer, pure and without I/O: scopes, the error hook, the scheduler.
 *
 * @module
 */

export { type Clock, systemClock, type TimerHandle } from "./clock.js";
export { parseDuration } from "./duration.js";
export {
  type ErrorHook,
  HandlerError,
  type HandlerErrorInfo,
  type HandlerErrorSource,
} from "./handler-error.js";
export { parseSchedule, type Schedule, type ScheduleSpec } from "./schedule-spec.js";
export {
  LATE_LIMIT_MS,
  Scheduler,
  type SchedulerDeps,
  type TaskInfo,
  type TaskJob,
  type TaskOptions,
  type TaskRun,
} from "./scheduler.js";
export { type AsyncDisposer, type DisposeErrorSink, type Disposer, Scope } from "./scope.js";
