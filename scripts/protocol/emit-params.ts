/**
 * Emits `src/protocol/action-params.generated.ts`: per action, only what `bot.api`'s
 * argument check needs (param names, required or not, a placeholder kind for the usage
 * line), compact enough for the main bundle. The full specs (`action-specs.generated.ts`,
 * 186 KB with descriptions) stay with the validators that need them (the fake NapCat).
 *
 * @module
 */
import { GENERATED_HEADER } from "./emit-specs.js";
import type { SourceAction, SourceParam } from "./source.js";

/** One letter per placeholder kind: what a usage line shows for the param. */
function kindOf(param: SourceParam): string {
  const type = param.type;
  if (type === "message") return "m";
  if (type.startsWith("array")) return "a";
  if (type === "object") return "o";
  if (type === "boolean") return "b";
  if (param.name.endsWith("_id") || type.includes("number")) return "n";
  return "s";
}

/** `name!k` (required) or `name?k` (optional), space separated; variants joined by ` | `. */
function encode(params: readonly SourceParam[]): string {
  return params.map((p) => `${p.name}${p.required ? "!" : "?"}${kindOf(p)}`).join(" ");
}

/** Source text of `action-params.generated.ts` (actions already sorted). */
export function emitParams(actions: readonly SourceAction[]): string {
  const rows = actions.map((action) => {
    const shapes = action.param_variants ?? [action.params];
    return `  ${JSON.stringify(action.action)}: ${JSON.stringify(shapes.map(encode).join(" | "))},`;
  });
  return `${GENERATED_HEADER}
import type { ActionName } from "./actions.generated.js";

/**
 * The params of every NapCat action, compact: \`name!k\` is required, \`name?k\` optional
 * (\`k\`: placeholder kind for a usage line: n number/id, s string, m message, a array,
 * o object, b boolean); alternative accepted shapes are joined by \` | \`. Read by
 * \`bot.api\`'s argument check (src/api/param-check.ts); derived from the same
 * \`actions.json\` as \`ACTION_SPECS\` (a test checks they agree).
 */
export const ACTION_PARAMS: Readonly<Record<ActionName, string>> = {
${rows.join("\n")}
};
`;
}
