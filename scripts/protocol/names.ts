/**
 * Naming rules shared by every generated file: camelCase method names, PascalCase
 * type names, and the collision rule for actions that differ only by a `.`/`_` prefix.
 *
 * @module
 */
import type { SourceAction } from "./source.js";

/** Drops one leading `.` or `_` (NapCat's hidden / internal spellings). */
export function stripPrefix(action: string): string {
  return action.startsWith(".") || action.startsWith("_") ? action.slice(1) : action;
}

/** `send_group_msg` -> `sendGroupMsg`, `.ocr_image` -> `ocrImage`, `ArkShareGroup` -> `arkShareGroup`. */
export function methodNameOf(action: string): string {
  const parts = stripPrefix(action)
    .split("_")
    .filter((part) => part.length > 0);
  const camel = parts
    .map((part, index) => (index === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join("");
  return camel.charAt(0).toLowerCase() + camel.slice(1);
}

/** `sendGroupMsg` -> `SendGroupMsg`. */
export function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Per-action names used by the generated code. */
export interface ActionNames {
  action: string;
  /** camelCase method name, or `undefined` when another action owns it (reach it with `call`). */
  method: string | undefined;
  /** PascalCase base for `XxxParams` / `XxxResult`, unique across all actions. */
  typeBase: string;
}

/** Result of naming every action, plus what lost a method-name collision. */
export interface NamingResult {
  names: ActionNames[];
  /** Actions whose method name went to their unprefixed twin (call-only). */
  callOnly: { action: string; method: string; owner: string }[];
}

/**
 * Names every action. When two actions map to the same method name, the one
 * without a `.`/`_` prefix wins and the other is call-only. Any other collision
 * (two unprefixed, or two prefixed, actions with one method name) is an error.
 */
export function nameActions(actions: readonly SourceAction[]): NamingResult {
  const byMethod = new Map<string, string[]>();
  for (const { action } of actions) {
    const method = methodNameOf(action);
    byMethod.set(method, [...(byMethod.get(method) ?? []), action]);
  }
  const owner = new Map<string, string>();
  const problems: string[] = [];
  for (const [method, group] of byMethod) {
    const plain = group.filter((action) => stripPrefix(action) === action);
    if (group.length === 1) owner.set(method, group[0]!);
    else if (plain.length === 1) owner.set(method, plain[0]!);
    else problems.push(`${method} <- ${group.join(", ")}`);
  }
  if (problems.length > 0) {
    throw new Error(
      `Method-name collisions the prefix rule cannot settle:\n  ${problems.join("\n  ")}\nAdd an explicit rule in scripts/protocol/names.ts.`,
    );
  }
  const names: ActionNames[] = [];
  const callOnly: NamingResult["callOnly"] = [];
  const usedTypes = new Set<string>();
  for (const { action } of actions) {
    const method = methodNameOf(action);
    const winner = owner.get(method);
    let typeBase = pascal(method);
    if (winner !== action) {
      callOnly.push({ action, method, owner: winner ?? "?" });
      typeBase = (action.startsWith(".") ? "Dot" : "Underscore") + typeBase;
    }
    if (usedTypes.has(typeBase)) throw new Error(`Type-name collision: ${typeBase} (${action})`);
    usedTypes.add(typeBase);
    names.push({ action, method: winner === action ? method : undefined, typeBase });
  }
  return { names, callOnly };
}
