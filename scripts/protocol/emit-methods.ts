/**
 * Emits `src/api/methods.generated.ts`: the `bot.api` method of every action and its
 * `Sync` twin, each declared with its own TSDoc, so an editor's hover on
 * `bot.api.setGroupBan` shows what the action does, its params, the NapCat action
 * name and a link to NapCat's documentation. (A mapped type would give the same
 * signatures, but TypeScript drops the documentation of key-remapped members.)
 *
 * @module
 */
import { GENERATED_HEADER } from "./emit-specs.js";
import type { ActionNames } from "./names.js";
import type { SourceAction, SourceParam } from "./source.js";
import { commentText } from "./ts-types.js";

/** NapCat's own API documentation (every action, searchable by its name). */
export const NAPCAT_API_DOCS = "https://napcat.apifox.cn/";

function paramLine(param: SourceParam): string {
  const facts: string[] = [];
  if (!param.required) facts.push("optional");
  if (param.default !== undefined) facts.push(`default \`${JSON.stringify(param.default)}\``);
  const head = facts.length > 0 ? ` (${facts.join(", ")})` : "";
  const description = param.description ? `: ${param.description}` : "";
  return `\`${param.name}\`${head}${description}`;
}

function paramsDoc(action: SourceAction): string {
  if (action.param_variants) {
    const variants = action.param_variants.map(
      (variant) => `{ ${variant.map((p) => `\`${p.name}\``).join(", ")} }`,
    );
    return `one of ${variants.join(" or ")} (wire keys)`;
  }
  if (action.params.length === 0) return "none (may be omitted)";
  return `${action.params.map(paramLine).join("; ")}`;
}

function doc(action: SourceAction, method: string, sync: boolean, indent: string): string {
  const twin = sync ? method : `${method}Sync`;
  const lines = [
    `${action.summary_zh} — ${action.summary}`,
    "",
    sync
      ? `Blocking form: waits for NapCat's answer and returns the same \`data\` as \`${method}\`, or throws the same errors.`
      : "Resolves to the response's `data`; rejects with `ActionFailedError`, `ActionTimeoutError`, `NotConnectedError` or `TransportError`.",
  ];
  if (action.notes) lines.push("", `Note: ${action.notes}`);
  lines.push(
    "",
    `@param params - ${paramsDoc(action)}.`,
    "@param options - per-call `timeoutMs` and `selfId`.",
    `@remarks NapCat action \`${action.action}\` (origin: ${action.origin}); ${sync ? "async" : "blocking"} twin: \`${twin}\`.`,
    `@see {@link ${NAPCAT_API_DOCS} | NapCat API documentation} (search \`${action.action}\`)`,
  );
  const body = lines.map((line) => `${indent} *${line ? ` ${commentText(line)}` : ""}`);
  return `${indent}/**\n${body.join("\n")}\n${indent} */`;
}

/** Source text of `src/api/methods.generated.ts` (actions already sorted by wire name). */
export function emitMethods(
  actions: readonly SourceAction[],
  names: ReadonlyMap<string, ActionNames>,
): string {
  const withMethod = actions
    .map((action) => ({ action, method: names.get(action.action)?.method }))
    .filter((entry): entry is { action: SourceAction; method: string } => !!entry.method)
    .sort((a, b) => (a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
  const asyncMembers = withMethod.map(({ action, method }) => {
    const a = JSON.stringify(action.action);
    return `${doc(action, method, false, "  ")}\n  ${method}(...args: ActionArgs<${a}>): Promise<ActionResult<${a}>>;`;
  });
  const syncMembers = withMethod.map(({ action, method }) => {
    const a = JSON.stringify(action.action);
    return `${doc(action, method, true, "  ")}\n  ${method}Sync(...args: ActionArgs<${a}>): ActionResult<${a}>;`;
  });
  return `${GENERATED_HEADER}
import type { ActionResult } from "../protocol/index.js";
import type { ActionArgs } from "./generated-methods.js";

/**
 * Async methods, one per NapCat action:
 * \`bot.api.sendGroupMsg({ group_id, message })\` -> \`Promise<{ message_id, ... }>\`.
 */
export interface GeneratedMethods {
${asyncMembers.join("\n")}
}

/** Blocking twins: \`bot.api.sendGroupMsgSync({ group_id, message })\` -> \`{ message_id, ... }\`. */
export interface GeneratedSyncMethods {
${syncMembers.join("\n")}
}
`;
}
