/**
 * Parameter validation for the fake NapCat, driven by `ACTION_SPECS` (generated
 * from actions.json): required params present, basic wire types accepted the way
 * NapCat coerces them (`type` is NapCat's `wire_type`), enum values respected.
 *
 * @module
 */
import type { ActionParamSpec } from "../../protocol/action-specs.generated.js";

const NUMERIC = /^-?\d+(\.\d+)?$/;

function splitAlternatives(type: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of type.replace(/\s*\([^)]*\)/g, "")) {
    if (ch === "<") depth += 1;
    if (ch === ">") depth -= 1;
    if (ch === "|" && depth === 0) {
      out.push(current.trim());
      current = "";
    } else {
      current += ch;
    }
  }
  out.push(current.trim());
  return out;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function matchesAlternative(alt: string, value: unknown, scalarWraps: boolean): boolean {
  switch (alt) {
    case "any":
      return true;
    case "string":
    case "string (CQ code)":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "numeric string":
      return typeof value === "string" && NUMERIC.test(value.trim());
    case "boolean":
      return typeof value === "boolean";
    case '"true"/"false"':
      return value === "true" || value === "false";
    case "0/1":
      return value === 0 || value === 1;
    case "null":
      return value === null;
    case "object":
    case "segment object":
      return isPlainObject(value);
    case "segment[]":
      return Array.isArray(value);
    default:
      if (alt.startsWith("array<")) {
        return (
          Array.isArray(value) ||
          (scalarWraps && (typeof value === "string" || typeof value === "number"))
        );
      }
      // A wire type this validator does not know: accept rather than fake a failure.
      return true;
  }
}

/** Whether `value` is acceptable for a parameter of wire type `type`. */
export function matchesWireType(type: string, value: unknown): boolean {
  const scalarWraps = type.includes("single scalar is wrapped");
  return splitAlternatives(type).some((alt) => matchesAlternative(alt, value, scalarWraps));
}

/**
 * Checks `params` against an action's parameter specs.
 *
 * @returns an error message (English, says what to pass) or `undefined` when valid.
 */
export function validateParams(
  action: string,
  specs: readonly ActionParamSpec[],
  params: Readonly<Record<string, unknown>>,
): string | undefined {
  for (const spec of specs) {
    const value = params[spec.name];
    if (value === undefined || (value === null && !spec.type.includes("null"))) {
      if (spec.required) {
        return `${action}: param "${spec.name}" is required (${spec.type})`;
      }
      continue;
    }
    if (!matchesWireType(spec.type, value)) {
      return `${action}: param "${spec.name}" must be ${spec.type}, got ${JSON.stringify(value)}`;
    }
    if (spec.enum && !spec.enum.some((e) => e === value || String(e) === String(value))) {
      return `${action}: param "${spec.name}" must be one of ${spec.enum.map((e) => JSON.stringify(e)).join(", ")}`;
    }
  }
  return undefined;
}
