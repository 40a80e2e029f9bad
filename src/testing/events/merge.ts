/**
 * Deep merge for event overrides: plain objects merge key by key, everything else
 * (arrays included) replaces; an `undefined` value removes the field.
 *
 * @module
 */
import { setOwnField } from "../fake-napcat/own-field.js";

/**
 * `T` with every field optional, recursively (arrays are replaced whole, so their
 * items stay complete). `undefined` is allowed and removes the field.
 */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | undefined }
    : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Merges `patch` into `target` in place and returns it. Plain objects merge
 * recursively; arrays and other values replace; `undefined` deletes the key.
 */
export function deepMergeInto(
  target: Record<string, unknown>,
  patch: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) {
      delete target[key];
      continue;
    }
    // Own fields only: `target.__proto__` is Object.prototype, never a field to merge into.
    const current = Object.hasOwn(target, key) ? target[key] : undefined;
    if (isPlainObject(value) && isPlainObject(current)) {
      deepMergeInto(current, value);
    } else {
      setOwnField(
        target,
        key,
        isPlainObject(value) || Array.isArray(value) ? structuredClone(value) : value,
      );
    }
  }
  return target;
}
