/**
 * Optional dependencies, loaded the first time a bot needs them instead of at
 * `import "ncatbot"`: `yaml` (config files), `semver` (plugin dependency ranges),
 * `croner` (cron schedules). Loading all three up front cost every bot about 4 MB
 * of RSS at start-up, also the many that use none of them (`require` of ws + pino
 * alone: 50.3 MB RSS; with yaml, semver and croner: 54.3 MB; Node 20, this machine).
 *
 * @module
 */
import { createRequire } from "node:module";

const load = createRequire(import.meta.url);

/** `require(name)` on first call, the cached module afterwards (Node caches it). */
export function lazyRequire<T>(name: "yaml" | "semver" | "croner"): () => T {
  let cached: T | undefined;
  return () => {
    cached ??= load(name) as T;
    return cached;
  };
}
