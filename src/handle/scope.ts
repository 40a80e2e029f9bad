/**
 * `Scope`: collects the disposer of everything registered through it (handlers,
 * commands, scheduled tasks, timers, bus listeners) and runs them all on `dispose()`.
 * `BotClient` is the root scope; each plugin is a child scope, so unloading a plugin
 * is `scope.dispose()`.
 *
 * @module
 */

/** Removes what was registered. Calling it twice is harmless. */
export type Disposer = () => void;

/** A disposer that may clean up asynchronously (closing a file, a server). */
export type AsyncDisposer = () => void | Promise<void>;

/** Receives the failure of one disposer; `dispose()` goes on with the others. */
export type DisposeErrorSink = (error: unknown, scope: Scope) => void;

/**
 * A set of disposers with a name, nested in a tree.
 *
 * @example
 * ```ts
 * const scope = new Scope("my-feature");
 * scope.add(bot.onGroupMessage(handler));
 * scope.add(() => clearInterval(timer));
 * await scope.dispose();   // the handler is removed and the timer cleared
 * ```
 */
export class Scope {
  /** Name used in log lines (a plugin scope is named after the plugin). */
  readonly name: string;
  readonly #disposers = new Set<AsyncDisposer>();
  readonly #children = new Set<Scope>();
  readonly #parent: Scope | undefined;
  readonly #onError: DisposeErrorSink | undefined;
  #disposed = false;
  #disposing: Promise<void> | undefined;

  /** `onError` receives disposers that throw; default: inherited from the parent, else ignored. */
  constructor(name: string, options: { parent?: Scope; onError?: DisposeErrorSink } = {}) {
    this.name = name;
    this.#parent = options.parent;
    const parent = options.parent;
    this.#onError = options.onError ?? (parent ? parent.#onError : undefined);
  }

  /** True once `dispose()` has started: nothing added afterwards stays registered. */
  get disposed(): boolean {
    return this.#disposed;
  }

  /** Number of disposers and child scopes held right now. */
  get size(): number {
    return this.#disposers.size + this.#children.size;
  }

  /**
   * Keeps `disposer` until the scope is disposed. Returns a disposer that runs it
   * now (once) and forgets it. On a disposed scope `disposer` runs at once, so a
   * late registration (an async continuation after unload) cannot leak.
   */
  add(disposer: AsyncDisposer): Disposer {
    if (this.#disposed) {
      this.#run(disposer);
      return noop;
    }
    let active = true;
    const once: AsyncDisposer = () => {
      if (!active) return;
      active = false;
      this.#disposers.delete(once);
      return disposer();
    };
    this.#disposers.add(once);
    return () => {
      this.#run(once);
    };
  }

  /** A new scope inside this one: disposed with it (first), or on its own. */
  child(name: string): Scope {
    const child = new Scope(name, { parent: this });
    if (this.#disposed) {
      child.#disposed = true;
      return child;
    }
    this.#children.add(child);
    return child;
  }

  /**
   * Disposes the child scopes (newest first), then runs every disposer (newest first).
   * A disposer that throws is reported and the others still run. Concurrent calls
   * share one run; later calls resolve at once.
   */
  dispose(): Promise<void> {
    if (this.#disposing) return this.#disposing;
    this.#disposed = true;
    this.#disposing = this.#disposeAll();
    return this.#disposing;
  }

  async #disposeAll(): Promise<void> {
    for (const child of [...this.#children].reverse()) await child.dispose();
    for (const disposer of [...this.#disposers].reverse()) {
      const settled = this.#run(disposer);
      if (settled) await settled;
    }
    this.#disposers.clear();
    this.#children.clear();
    if (this.#parent) this.#parent.#children.delete(this);
  }

  #run(disposer: AsyncDisposer): Promise<void> | undefined {
    try {
      const result = disposer();
      if (result instanceof Promise) return result.then(noop, (error) => this.#fail(error));
    } catch (error) {
      this.#fail(error);
    }
    return undefined;
  }

  #fail(error: unknown): void {
    if (this.#onError) this.#onError(error, this);
  }
}

const noop = () => {};
