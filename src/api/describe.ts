/**
 * Small helpers for argument errors: how to show a wrong value, and the nearest name
 * (src/did-you-mean.ts, shared with the settings).
 *
 * @module
 */

/** A short description of a value for an error message: `the number 123`, `an object`... */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing (undefined)";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
    case "number":
    case "bigint":
    case "boolean":
      return `the ${typeof value} ${String(value)}`;
    case "function":
      return "a function";
    default:
      return "an object";
  }
}
