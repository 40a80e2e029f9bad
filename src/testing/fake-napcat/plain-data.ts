/**
 * Checks that a value is plain JSON-like data (what can be copied to the fake's
 * worker thread and sent on the wire), naming the first offending path.
 *
 * @module
 */

function describe(value: unknown): string {
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  if (typeof value === "bigint") return "a bigint";
  if (typeof value === "number") return String(value);
  const ctor = (value as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === "string" && ctor.name ? `a ${ctor.name}` : "a non-plain object";
}

function check(value: unknown, path: string, seen: Set<object>): string | undefined {
  if (value === null || value === undefined) return undefined;
  switch (typeof value) {
    case "string":
    case "boolean":
      return undefined;
    case "number":
      return Number.isFinite(value) ? undefined : `${path} is ${describe(value)}`;
    case "object":
      break;
    default:
      return `${path} is ${describe(value)}`;
  }
  const obj = value as object;
  if (seen.has(obj)) return `${path} is a circular reference`;
  seen.add(obj);
  try {
    if (Array.isArray(obj)) {
      for (let i = 0; i < obj.length; i++) {
        const bad = check(obj[i], `${path}[${i}]`, seen);
        if (bad) return bad;
      }
      return undefined;
    }
    const proto: unknown = Object.getPrototypeOf(obj);
    if (proto !== Object.prototype && proto !== null) return `${path} is ${describe(obj)}`;
    for (const [key, child] of Object.entries(obj)) {
      const bad = check(child, `${path}.${key}`, seen);
      if (bad) return bad;
    }
    return undefined;
  } finally {
    seen.delete(obj);
  }
}

/**
 * Throws a `TypeError` unless `value` is plain data: `null`, `undefined`,
 * booleans, strings, finite numbers, arrays and plain objects of those.
 *
 * @param value - what to check.
 * @param name - how to call it in the message, e.g. `"startFakeNapCat options"`.
 * @param why - why plain data is needed, appended to the message.
 */
export function assertPlainData(value: unknown, name: string, why: string): void {
  const bad = check(value, name, new Set());
  if (bad)
    throw new TypeError(
      `${bad}: ${why}; pass only strings, numbers, booleans, arrays and plain objects`,
    );
}
