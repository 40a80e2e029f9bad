/**
 * Prototype methods built on first access.
 *
 * `bot.api` has some 450 methods (every NapCat action, the convenience senders, and a
 * `Sync` twin of each), and a bot uses a handful. Building them all at import costs
 * ~175 KB of closures and a dictionary-mode prototype, enough on its own to make V8
 * double its young generation while the module loads (which then shows up as peak RSS
 * under load). Instead, the prototype gets one extra link at the end of its chain: a
 * Proxy that is consulted only when a name is NOT found on the prototype. On that
 * miss it builds the method, defines it on the prototype, and returns it; every later
 * access is an ordinary prototype lookup that never reaches the Proxy.
 *
 * @module
 */

/** A prototype method: `this` is the instance. */
export type Method = (...args: never[]) => unknown;

/**
 * Builds the method called `name`, or returns `undefined` when there is no such method.
 * Called at most once per name that exists (the result is kept on the prototype).
 */
export type MethodBuilder = (name: string) => Method | undefined;

/** Define `fn` as a non-enumerable, writable method `name` of `target`, with `fn.name === name`. */
export function defineMethod(target: object, name: string, fn: Method): void {
  Object.defineProperty(fn, "name", { value: name });
  Object.defineProperty(target, name, {
    value: fn,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

/**
 * Make `proto` build missing methods on first access with `build`.
 * `name in instance`, `instance[name]` and destructuring all see the built method.
 */
export function buildMethodsOnFirstAccess(proto: object, build: MethodBuilder): void {
  const resolve = (key: string | symbol): Method | undefined => {
    if (typeof key !== "string") return undefined;
    const fn = build(key);
    if (fn !== undefined) defineMethod(proto, key, fn);
    return fn;
  };
  // Stands in for the prototype's old parent, so everything not built here still resolves there.
  const fallback: object = Object.create(Object.getPrototypeOf(proto) as object | null);
  const onMiss = new Proxy(fallback, {
    get: (target, key, receiver) => resolve(key) ?? Reflect.get(target, key, receiver),
    has: (target, key) => resolve(key) !== undefined || Reflect.has(target, key),
  });
  Object.setPrototypeOf(proto, onMiss);
}
