/**
 * Waiting for Ctrl+C (SIGINT) or SIGTERM.
 *
 * @module
 */

/** Resolves with the next SIGINT or SIGTERM (the listeners are removed after it). */
export function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
      resolve(signal);
    };
    process.on("SIGINT", on);
    process.on("SIGTERM", on);
  });
}
