/**
 * Number flags.
 *
 * @module
 */
import { CliError } from "../errors.js";

/** Reads a positive number of seconds (e.g. `--wait 30`, `--wait 0.5`). */
export function parsePositiveSeconds(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 3600) {
    throw new CliError(`${flag} 需要一个大于 0 的秒数（收到 "${value}"）`, { exitCode: 2 });
  }
  return n;
}
