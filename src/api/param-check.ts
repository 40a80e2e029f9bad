/**
 * Checks the params object of a generated `bot.api` method against the action table
 * (`ACTION_PARAMS`, generated with `ACTION_SPECS` from actions.json) before anything is sent: required params present, no unknown keys
 * (with a did-you-mean). Built once per method (on first access); a call costs one
 * pass over its own keys. `bot.api.call(action, params)` stays unchecked (raw access).
 *
 * @module
 */

import { didYouMean } from "../did-you-mean.js";
import { InvalidArgumentError } from "../errors.js";
import { ACTION_PARAMS } from "../protocol/action-params.generated.js";
import { describeValue } from "../settings/describe-value.js";

/** The precomputed check of one action's params: throws {@link InvalidArgumentError} when `params` is wrong. */
export type ParamCheck = (params: unknown) => void;

interface Param {
  name: string;
  required: boolean;
  kind: string;
}

const PLACEHOLDERS: Readonly<Record<string, string>> = {
  n: "123456",
  s: '"..."',
  m: '"你好"',
  a: "[]",
  o: "{}",
  b: "true",
};

function parseShapes(encoded: string): Param[][] {
  return encoded.split(" | ").map((shape) =>
    shape
      .split(" ")
      .filter((token) => token !== "")
      .map((token) => ({
        name: token.slice(0, -2),
        required: token[token.length - 2] === "!",
        kind: token[token.length - 1] as string,
      })),
  );
}

function usageOf(method: string, params: readonly Param[]): string {
  const required = params.filter((p) => p.required);
  if (required.length === 0) return `${method}()`;
  return `${method}({ ${required.map((p) => `${p.name}: ${PLACEHOLDERS[p.kind] ?? "..."}`).join(", ")} })`;
}

/**
 * The params check of `action`, for the method a user calls (`bot.api.sendGroupMsg` or
 * `bot.api.sendGroupMsgSync`).
 */
export function paramCheckOf(action: string, method: string): ParamCheck {
  const shapes = parseShapes((ACTION_PARAMS as Readonly<Record<string, string>>)[action] ?? "");
  const requiredSets = shapes.map((shape) => shape.filter((p) => p.required).map((p) => p.name));
  const known: Record<string, true> = Object.create(null);
  for (const shape of shapes) for (const p of shape) known[p.name] = true;
  const names = Object.keys(known);
  const usage = usageOf(method, shapes[0] ?? []);
  const anyRequired = requiredSets.every((set) => set.length > 0);

  return (value: unknown) => {
    if (value === undefined || value === null) {
      if (!anyRequired) return;
      throw new InvalidArgumentError(
        method,
        "params",
        `the params object is missing (required: ${requiredSets.map((s) => s.join(", ")).join(" | or | ")})`,
        usage,
      );
    }
    if (typeof value !== "object" || Array.isArray(value)) {
      throw new InvalidArgumentError(
        method,
        "params",
        `the 1st argument must be a params object, got ${describeValue(value)}`,
        usage,
      );
    }
    const given = value as Record<string, unknown>;
    for (const key in given) {
      if (known[key] === true) continue;
      const guess = didYouMean(key, names);
      throw new InvalidArgumentError(
        method,
        `params.${key}`,
        `unknown param "${key}"${guess ? ` (did you mean "${guess}"?)` : ""}; ${
          names.length ? `its params are: ${names.join(", ")}` : "it takes no params"
        }`,
        usage,
      );
    }
    let missing: string | undefined;
    for (const set of requiredSets) {
      missing = set.find((name) => given[name] === undefined);
      if (missing === undefined) return;
    }
    if (missing !== undefined) {
      throw new InvalidArgumentError(
        method,
        `params.${missing}`,
        `missing required param "${missing}"`,
        usage,
      );
    }
  };
}
