/**
 * The plugin event bus: plugins publish named messages to each other; the plugin
 * system publishes `plugin.loaded` and `plugin.unloaded`. Each listener runs inside
 * the error boundary, attributed to its own plugin.
 *
 * @module
 */
import type { BotInternals } from "../client/bot-client.js";
import type { BusListener, BusMessage } from "../client/plugins.js";
import type { Disposer } from "../handle/scope.js";

interface Subscription {
  readonly listener: BusListener<never>;
  readonly owner: string | undefined;
}

/** Lifecycle events the plugin system publishes. */
export const BUS_EVENTS = {
  /** `{ name, version }` after a plugin's `onLoad` succeeded. */
  loaded: "plugin.loaded",
  /** `{ name, version }` after a plugin was unloaded. */
  unloaded: "plugin.unloaded",
} as const;

/** Publish/subscribe by name. */
export class PluginBus {
  readonly #byName = new Map<string, Set<Subscription>>();
  readonly #internals: BotInternals;

  constructor(internals: BotInternals) {
    this.#internals = internals;
  }

  /** Adds a listener; `owner` is the plugin it belongs to (named in errors). */
  subscribe(name: string, listener: BusListener<never>, owner: string | undefined): Disposer {
    const entry: Subscription = { listener, owner };
    let set = this.#byName.get(name);
    if (!set) {
      set = new Set();
      this.#byName.set(name, set);
    }
    set.add(entry);
    return () => {
      const current = this.#byName.get(name);
      if (!current) return;
      current.delete(entry);
      if (current.size === 0) this.#byName.delete(name);
    };
  }

  /** Number of listeners of `name`. */
  listenerCount(name: string): number {
    return this.#byName.get(name)?.size ?? 0;
  }

  /** Calls every listener of `name`; resolves when the async ones have settled. Never rejects. */
  publish(name: string, data: unknown, from: string): Promise<void> {
    const set = this.#byName.get(name);
    if (!set || set.size === 0) return Promise.resolve();
    const message: BusMessage = { name, data, from };
    const pending: Promise<void>[] = [];
    for (const { listener, owner } of [...set]) {
      const settled = this.#internals.invoke(
        listener as BusListener,
        message,
        { name: `bus "${name}"`, owner, source: "bus" },
        undefined,
        () => `bus message "${name}" from ${from}`,
      );
      if (settled) pending.push(settled);
    }
    return Promise.all(pending).then(() => {});
  }
}
