/**
 * Silence detector: fires when no frame arrived for a while. Frames only bump a
 * counter (no timer churn per frame); a periodic check compares it.
 *
 * @module
 */

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
    const period = this.fixedTimeoutMs ?? Math.round(intervalMs * 2.5);
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
