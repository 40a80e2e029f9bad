/**
 * Partial deep matching of call params with a list of differences, and text
 * extraction from the `message` param of send actions.
 *
 * @module
 */
import { parseCqString } from "../fake-napcat/cq.js";

/** One difference between what was expected and what a call carried. */
export interface Mismatch {
  /** Dotted path, e.g. `params.message[0].data.text`. */
  path: string;
  expected: unknown;
  actual: unknown;
  /** True when the key is absent from the actual value. */
  missing: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Ids travel as numbers or numeric strings (NapCat accepts both): `123` matches `"123"`. */
function sameScalar(expected: unknown, actual: unknown): boolean {
  if (Object.is(expected, actual)) return true;
  const numeric = (v: unknown) =>
    typeof v === "number" || (typeof v === "string" && /^-?\d+$/.test(v));
  return (
    typeof expected !== typeof actual &&
    numeric(expected) &&
    numeric(actual) &&
    String(expected) === String(actual)
  );
}

/**
 * Compares `actual` against a partial `expected`: every key of an expected object
 * must match (extra actual keys are fine); arrays must have the same length and
 * match item by item (items partially); scalars must be equal, where a number and
 * its decimal string count as equal. Returns the differences (empty = match).
 */
export function partialMatch(expected: unknown, actual: unknown, path = "params"): Mismatch[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [{ path, expected, actual, missing: false }];
    if (expected.length !== actual.length) {
      return [
        {
          path: `${path}.length`,
          expected: expected.length,
          actual: actual.length,
          missing: false,
        },
      ];
    }
    return expected.flatMap((item, i) => partialMatch(item, actual[i], `${path}[${i}]`));
  }
  if (isRecord(expected)) {
    if (!isRecord(actual)) return [{ path, expected, actual, missing: false }];
    return Object.entries(expected).flatMap(([key, value]) =>
      key in actual
        ? partialMatch(value, actual[key], `${path}.${key}`)
        : [{ path: `${path}.${key}`, expected: value, actual: undefined, missing: true }],
    );
  }
  return sameScalar(expected, actual) ? [] : [{ path, expected, actual, missing: false }];
}

/**
 * The plain text of a `message` param as a send action carries it: a CQ string
 * (CQ codes dropped, escapes undone), one segment, or a segment array (the `text`
 * segments joined). Anything else gives "".
 */
export function textOf(message: unknown, autoEscape = false): string {
  if (typeof message === "string") {
    if (autoEscape) return message;
    return textOf(parseCqString(message));
  }
  const segments = Array.isArray(message) ? message : isRecord(message) ? [message] : [];
  let out = "";
  for (const segment of segments) {
    if (isRecord(segment) && segment.type === "text" && isRecord(segment.data)) {
      const text = segment.data.text;
      if (typeof text === "string") out += text;
    }
  }
  return out;
}

/** A value as short one-line JSON for error messages. */
export function show(value: unknown, max = 160): string {
  let text: string;
  try {
    text = value === undefined ? "undefined" : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Renders differences as indented lines: `params.group_id: expected 1, got 2`. */
export function showMismatches(mismatches: readonly Mismatch[], indent = "      "): string {
  return mismatches
    .map(
      (m) =>
        `${indent}${m.path}: expected ${show(m.expected)}, ${m.missing ? "but it is missing" : `got ${show(m.actual)}`}`,
    )
    .join("\n");
}
