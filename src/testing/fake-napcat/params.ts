/**
 * Readers for action params as they arrive over the wire (numbers may be numeric
 * strings, booleans may be "true"/"false"/0/1), the way NapCat coerces them.
 *
 * @module
 */
import { badParam } from "./errors.js";

/** Raw params of one action call. */
export type Params = Readonly<Record<string, unknown>>;

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Reads an optional number (number or numeric string); throws 1400 on anything else. */
export function optNumber(p: Params, name: string): number | undefined {
  const v = p[name];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && NUMERIC.test(v.trim())) return Number(v.trim());
  throw badParam(
    `param "${name}" must be a number (or a numeric string), got ${JSON.stringify(v)}`,
  );
}

/** Reads a required number (QQ number, group id, message id...); throws 1400 when missing. */
export function reqNumber(p: Params, name: string): number {
  const v = optNumber(p, name);
  if (v === undefined) throw badParam(`param "${name}" is required: pass it as a number`);
  return v;
}

/** Reads a number with a default. */
export function numberOr(p: Params, name: string, fallback: number): number {
  return optNumber(p, name) ?? fallback;
}

/** Reads an optional string (numbers are turned into strings). */
export function optString(p: Params, name: string): string | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw badParam(`param "${name}" must be a string, got ${typeof v}`);
}

/** Reads a required non-empty string. */
export function reqString(p: Params, name: string): string {
  const v = optString(p, name);
  if (v === undefined || v === "")
    throw badParam(`param "${name}" is required: pass a non-empty string`);
  return v;
}

/** Reads a boolean the way NapCat coerces it (true, "true", 1, "1" are true). */
export function boolOr(p: Params, name: string, fallback: boolean): boolean {
  const v = p[name];
  if (v === undefined || v === null || v === "") return fallback;
  if (typeof v === "boolean") return v;
  if (v === "true" || v === 1 || v === "1") return true;
  if (v === "false" || v === 0 || v === "0") return false;
  throw badParam(`param "${name}" must be a boolean (true/false), got ${JSON.stringify(v)}`);
}
