/**
 * `Secret`: holds a token so that logging, inspecting or serializing whatever
 * holds it shows `***`, while the code that needs the value reads `.reveal()`.
 *
 * @module
 */
import { inspect } from "node:util";
import { MASK, MASKED } from "./redact.js";

const VALUE = Symbol("ncatbot.secretValue");

/**
 * A secret string (an access token, a signing secret). `String(secret)`,
 * `JSON.stringify`, `util.inspect` and `console.log` show `***`; only
 * {@link Secret.reveal} returns the value.
 *
 * @example
 * ```ts
 * const token = new Secret("S3CR3T");
 * JSON.stringify({ token });   // '{"token":"***"}'
 * token.reveal();              // "S3CR3T"
 * ```
 */
export class Secret {
  declare readonly [VALUE]: string;
  declare readonly [MASKED]: true;

  constructor(value: string) {
    // Non-enumerable: spreading, Object.entries and structuredClone do not copy it.
    Object.defineProperty(this, VALUE, { value, enumerable: false });
  }

  /** The real value, for the code that sends it (a transport). */
  reveal(): string {
    return this[VALUE];
  }

  /** Whether a value was given (an empty string counts as none). */
  get isSet(): boolean {
    return this[VALUE] !== "";
  }

  /** `***` (what `JSON.stringify` shows). */
  toJSON(): string {
    return MASK;
  }

  /** `***`. */
  toString(): string {
    return MASK;
  }

  /** What `util.inspect` and `console.log` show. */
  [inspect.custom](): string {
    return `Secret(${MASK})`;
  }
}
Object.defineProperty(Secret.prototype, MASKED, { value: true });

/** The value of a secret given as a `Secret` or a plain string; undefined stays undefined. */
export function revealSecret(value: Secret | string | undefined): string | undefined {
  return value instanceof Secret ? value.reveal() : value;
}
