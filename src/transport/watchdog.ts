/**
 * Silence detector: fires when no frame arrived for a while. Frames only bump a
 * counter (no timer churn per frame); a periodic check compares it.
 *
 * @module
 */

/** Largest delay Node's timers accept (2^31 - 1 ms, about 24.8 days); a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Heartbeat intervals announced on the wire are clamped into this range before they
 * arm a timer (NapCat's default is 30 s): a hostile `interval: 3e9` must neither
 * overflow Node's timer nor, with `interval: 1`, make a healthy connection look silent.
 */
export const HEARTBEAT_INTERVAL_RANGE_MS = { min: 1_000, max: 3_600_000 } as const;

/** A wire heartbeat interval clamped into {@link HEARTBEAT_INTERVAL_RANGE_MS}; undefined when it is not a positive number. */
export function clampHeartbeatInterval(intervalMs: unknown): number | undefined {
  if (typeof intervalMs !== "number" || !(intervalMs > 0)) return undefined; // NaN, 0, negative
  const { min, max } = HEARTBEAT_INTERVAL_RANGE_MS;
  return Math.min(max, Math.max(min, intervalMs));
}

/** Watches one connection for silence; armed once a heartbeat interval is known. */
export class Watchdog {
  /** Incremented on every frame; read by the periodic check. */
  frames = 0;
  private seen = -1;
  private timer: NodeJS.Timeout | undefined;
  private periodMs = 0;

  /**
   * @param fixedTimeoutMs silence allowed in ms; undefined = 2.5x the learned
   *   heartbeat interval; 0 = never fire.
   * @param onSilence called once when the silence is detected.
   */
  constructor(
    private readonly fixedTimeoutMs: number | undefined,
    private readonly onSilence: (silentMs: number) => void,
  ) {}

  /** Arms (or re-arms) the check from a heartbeat `interval` in ms. */
  learn(intervalMs: number): void {
    if (this.fixedTimeoutMs === 0) return;
    const interval = clampHeartbeatInterval(intervalMs);
    if (interval === undefined && this.fixedTimeoutMs === undefined) return;
    const period = Math.min(MAX_TIMER_MS, this.fixedTimeoutMs ?? Math.round((interval ?? 0) * 2.5));
    if (period === this.periodMs && this.timer) return;
    this.stop();
    this.periodMs = period;
    // Checking every period/2 detects silence after between 1x and 1.5x the period.
    const half = Math.max(1, Math.round(period / 2));
    let quietChecks = 0;
    this.seen = this.frames;
    this.timer = setInterval(() => {
      if (this.frames !== this.seen) {
        this.seen = this.frames;
        quietChecks = 0;
        return;
      }
      quietChecks += 1;
      if (quietChecks >= 2) {
        this.stop();
        this.onSilence(quietChecks * half);
      }
    }, half);
  }

  /** Disarms; safe to call repeatedly. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.periodMs = 0;
  }
}
