/**
 * Load order: plugins sorted so each loads after its dependencies, with every
 * problem (a missing dependency, a version outside the range, a cycle) named.
 *
 * @module
 */
import { lazyRequire } from "../lazy-require.js";

const semver = lazyRequire<typeof import("semver")>("semver");

/** What ordering needs of a plugin. */
export interface OrderItem {
  readonly name: string;
  readonly version: string;
  readonly dependencies: Readonly<Record<string, string>>;
}

/** The result: the plugins in load order, and those that cannot load with why. */
export interface OrderResult<T extends OrderItem> {
  readonly order: T[];
  readonly failed: Array<{ item: T; reason: string }>;
}

/**
 * Sorts `items` topologically by `dependencies` (ties keep the given order).
 * `available` are plugins loaded already (for a load at run time).
 */
export function orderPlugins<T extends OrderItem>(
  items: readonly T[],
  available: ReadonlyMap<string, string> = new Map(),
): OrderResult<T> {
  const byName = new Map(items.map((item) => [item.name, item]));
  const failed = new Map<string, string>();
  // 1. Missing dependencies and unsatisfied ranges.
  for (const item of items) {
    for (const [dep, range] of Object.entries(item.dependencies)) {
      const version = byName.get(dep)?.version ?? available.get(dep);
      if (version === undefined) {
        failed.set(
          item.name,
          `it depends on "${dep}" (${range}), which is not installed: add the plugin "${dep}" to the plugins folder, or remove the dependency`,
        );
        break;
      }
      if (semver().validRange(range) === null) {
        failed.set(
          item.name,
          `its dependency range "${range}" for "${dep}" is not a semver range: write e.g. "^1.0.0"`,
        );
        break;
      }
      if (!semver().satisfies(version, range, { includePrerelease: true })) {
        failed.set(
          item.name,
          `it needs "${dep}" ${range}, but version ${version} is installed: update "${dep}" or widen the range`,
        );
        break;
      }
    }
  }
  // 2. Depth-first topological sort; a back edge is a cycle.
  const state = new Map<string, "visiting" | "done">();
  const order: T[] = [];
  const visit = (item: T, path: string[]): void => {
    const seen = state.get(item.name);
    if (seen === "done") return;
    if (seen === "visiting") {
      const cycle = [...path.slice(path.indexOf(item.name)), item.name];
      for (const name of cycle) {
        if (!failed.has(name))
          failed.set(
            name,
            `its dependencies form a cycle (${cycle.join(" → ")}): remove one of these dependencies`,
          );
      }
      return;
    }
    state.set(item.name, "visiting");
    for (const dep of Object.keys(item.dependencies)) {
      const target = byName.get(dep);
      if (target) visit(target, [...path, item.name]);
    }
    state.set(item.name, "done");
    order.push(item);
  };
  for (const item of items) visit(item, []);
  // 3. A plugin whose dependency cannot load cannot load either.
  let changed = true;
  while (changed) {
    changed = false;
    for (const item of order) {
      if (failed.has(item.name)) continue;
      const broken = Object.keys(item.dependencies).find((dep) => failed.has(dep));
      if (broken) {
        failed.set(item.name, `its dependency "${broken}" cannot load`);
        changed = true;
      }
    }
  }
  return {
    order: order.filter((item) => !failed.has(item.name)),
    failed: items
      .filter((item) => failed.has(item.name))
      .map((item) => ({ item, reason: failed.get(item.name) ?? "" })),
  };
}
