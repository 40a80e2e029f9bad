/**
 * Writes a field whose name came from the wire or a test (params, CQ parameters,
 * patches) without letting `__proto__` replace the target's prototype.
 *
 * @module
 */

/**
 * `target[key] = value`, except that `__proto__`, `constructor` and `prototype`
 * become plain own data fields instead of invoking the prototype setter.
 */
export function setOwnField(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__" || key === "constructor" || key === "prototype") {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}
