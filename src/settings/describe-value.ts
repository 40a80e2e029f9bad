/**
 * How an error message shows a value it did not accept: its kind and, for a scalar,
 * the value itself (`the string "lots"`, `the number 5`, `an array`), so that a YAML
 * `"3"` reads as the string it is. Strings are cut at 80 characters and pass through
 * the secret mask first, so a token in a wrong place never reaches the message.
 * Settings errors and API argument errors both use it.
 *
 * @module
 */
import { maskSecretsInText } from "./redact.js";

/** A short, masked description of a value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing (undefined)";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string": {
      const masked = maskSecretsInText(value);
      return `the string ${JSON.stringify(masked.length > 80 ? `${masked.slice(0, 80)}…` : masked)}`;
    }
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
