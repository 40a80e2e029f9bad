/**
 * Emits `src/protocol/actions.generated.ts`: the typed action table `Actions`,
 * per-action `XxxParams` / `XxxResult` types, and the runtime name lists.
 *
 * @module
 */
import { GENERATED_HEADER } from "./emit-specs.js";
import type { ActionNames } from "./names.js";
import { type OpenApiDoc, resultSchemaOf, type SourceAction, type SourceParam } from "./source.js";
import { commentText, objectType, propertyKey, returnsToType, SchemaRenderer } from "./ts-types.js";

/**
 * Params NapCat marks optional (the send_* actions share one schema and skip validation)
 * but that a call cannot succeed without. Required in the TS types only; ACTION_SPECS
 * stays faithful to NapCat.
 */
const REQUIRED_IN_TYPES: Readonly<Record<string, readonly string[]>> = {
  send_group_msg: ["group_id"],
  send_group_forward_msg: ["group_id"],
  send_private_msg: ["user_id"],
  send_private_forward_msg: ["user_id"],
};

function typedParams(action: SourceAction): readonly SourceParam[] {
  const required = REQUIRED_IN_TYPES[action.action] ?? [];
  return action.params.map((param) =>
    required.includes(param.name)
      ? {
          ...param,
          required: true,
          description: `${param.description ?? param.name} (required in these types: NapCat marks it optional but fails without it).`,
        }
      : param,
  );
}

/** Optional-only params get `Partial`-style objects; no params at all get `Record<string, never>`. */
function paramsType(params: readonly SourceParam[]): string {
  return params.length === 0 ? "Record<string, never>" : objectType(params, "");
}

function isLoose(type: string): boolean {
  return type === "unknown" || type === "Record<string, unknown>";
}

interface ResultOut {
  type: string;
  note: string | undefined;
}

function resultOf(action: SourceAction, doc: OpenApiDoc, renderer: SchemaRenderer): ResultOut {
  const schema = resultSchemaOf(doc, action.action);
  if (schema) {
    const type = renderer.render(schema);
    const note = isLoose(type) ? `Loosely typed: NapCat returns ${action.returns}.` : undefined;
    return { type, note };
  }
  const fallback = returnsToType(action.returns);
  if (fallback)
    return { type: fallback, note: "Not in NapCat's OpenAPI file; typed from actions.json." };
  return {
    type: "unknown",
    note: `Not in NapCat's OpenAPI file; NapCat returns ${action.returns}.`,
  };
}

function actionDoc(action: SourceAction, names: ActionNames, indent: string): string {
  const lines = [
    `${action.summary_zh} — ${action.summary}`,
    "",
    `NapCat action \`${action.action}\` (origin: ${action.origin}).`,
    names.method
      ? `Method: \`bot.api.${names.method}\` / \`bot.api.${names.method}Sync\`.`
      : `No method of its own (its method name belongs to its unprefixed twin): use \`bot.api.call(${JSON.stringify(action.action)}, ...)\`.`,
  ];
  if (action.aliases.length > 0)
    lines.push(`Aliases: ${action.aliases.map((a) => `\`${a}\``).join(", ")}.`);
  if (action.notes) lines.push(`Note: ${action.notes}`);
  return `${indent}/**\n${lines.map((line) => `${indent} *${line ? ` ${commentText(line)}` : ""}`).join("\n")}\n${indent} */`;
}

/** Source text of `actions.generated.ts` (actions already sorted by wire name). */
export function emitActions(
  actions: readonly SourceAction[],
  names: ReadonlyMap<string, ActionNames>,
  doc: OpenApiDoc,
): string {
  const renderer = new SchemaRenderer(doc.components.schemas);
  const perAction: string[] = [];
  const members: string[] = [];
  const methods: [string, string][] = [];
  for (const action of actions) {
    const name = names.get(action.action)!;
    const base = name.typeBase;
    const label = `\`${action.action}\` (${commentText(action.summary_zh)})`;
    const params = action.param_variants
      ? action.param_variants.map((variant) => paramsType(variant)).join(" | ")
      : paramsType(typedParams(action));
    const useInterface = !action.param_variants && action.params.length > 0;
    perAction.push(
      `/** Params of NapCat action ${label}. */\n${
        useInterface
          ? `export interface ${base}Params ${params}`
          : `export type ${base}Params = ${params};`
      }`,
    );
    const result = resultOf(action, doc, renderer);
    const resultDoc = result.note ? ` ${commentText(result.note)}` : "";
    perAction.push(
      `/** Result (\`data\`) of NapCat action ${label}.${resultDoc} */\nexport type ${base}Result = ${result.type};`,
    );
    members.push(
      `${actionDoc(action, name, "  ")}\n  ${propertyKey(action.action)}: { params: ${base}Params; result: ${base}Result };`,
    );
    if (name.method) methods.push([name.method, action.action]);
  }
  methods.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const components = [...renderer.used.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(
      ([componentName, schema]) =>
        `/** ${commentText(schema.description ?? componentName)} (NapCat OpenAPI schema \`${componentName}\`). */\nexport interface ${componentName} ${renderer.objectSchema(schema, "")}`,
    );
  return `${GENERATED_HEADER}
import type { SendSegment } from "./segments.js";

${components.join("\n\n")}

${perAction.join("\n\n")}

/**
 * The NapCat action table: one member per wire action name, each \`{ params; result }\`.
 * \`result\` is the response's \`data\`. Everything else (\`bot.api\` methods, their Sync
 * twins, \`call\`, the fake NapCat) derives from this table.
 */
export interface Actions {
${members.join("\n")}
}

/** Every NapCat action name (${actions.length}), sorted. Runtime twin of \`keyof Actions\`. */
export const ONEBOT_ACTIONS = [
${actions.map((action) => `  ${JSON.stringify(action.action)},`).join("\n")}
] as const satisfies readonly (keyof Actions)[];

/** A NapCat wire action name, e.g. \`"send_group_msg"\`. */
export type ActionName = keyof Actions;

/** Params object of action \`A\` (wire keys). */
export type ActionParams<A extends ActionName> = Actions[A]["params"];

/** Result (\`data\`) of action \`A\`. */
export type ActionResult<A extends ActionName> = Actions[A]["result"];

/** Actions whose params object may be omitted (no required params). */
export type ActionWithOptionalParams = {
  [A in ActionName]: {} extends ActionParams<A> ? A : never;
}[ActionName];

/**
 * camelCase \`bot.api\` method name -> NapCat action name. Rule: drop one leading \`.\`
 * or \`_\`, snake_case -> camelCase, first letter lower-case. When two actions share a
 * method name (\`ocr_image\` / \`.ocr_image\`), the unprefixed one wins; the other is
 * reachable through \`call\` only.
 */
export const ACTION_METHODS = {
${methods.map(([method, action]) => `  ${method}: ${JSON.stringify(action)},`).join("\n")}
} as const satisfies Readonly<Record<string, ActionName>>;

/** A camelCase \`bot.api\` method name derived from an action, e.g. \`"sendGroupMsg"\`. */
export type ActionMethodName = keyof typeof ACTION_METHODS;
`;
}
