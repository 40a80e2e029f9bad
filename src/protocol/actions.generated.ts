// PLACEHOLDER until scripts/gen-protocol.ts writes the real table (issue 2).
export interface Actions {
  [action: string]: { params: Record<string, unknown>; result: unknown };
}
export const ONEBOT_ACTIONS: readonly string[] = [];
export const ACTION_METHODS: Readonly<Record<string, string>> = {};
export type ActionName = keyof Actions & string;
export type ActionParams<A extends ActionName> = Actions[A]["params"];
export type ActionResult<A extends ActionName> = Actions[A]["result"];
