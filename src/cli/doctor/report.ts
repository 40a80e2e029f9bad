/**
 * The doctor's report: one entry per step, shown as it goes and as `--json`.
 *
 * @module
 */

/** How a step ended. `skip`: an earlier step failed, so this one could not run. */
export type StepStatus = "pass" | "fail" | "warn" | "skip";

/** One checked step. Never carries a secret. */
export interface DoctorStep {
  /** Stable id for scripts: `config`, `dns`, `tcp`, `handshake`, `login`, `version`, `latency`, `inbound`. */
  id: string;
  /** What was checked, in Chinese. */
  title: string;
  status: StepStatus;
  /** What was found. */
  detail: string;
  /** What to do (failures and warnings). */
  hint?: string;
}

/** The machine-readable report of `ncatbot doctor --json`. */
export interface DoctorReport {
  /** True only when no step failed. */
  ok: boolean;
  /** The connection mode that was checked. */
  mode: string;
  steps: DoctorStep[];
}
