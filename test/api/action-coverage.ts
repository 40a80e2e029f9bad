/**
 * The coverage check of every generated method, written against a swappable caller
 * so the same loop can run over the wire (fake NapCat) later: `checkEveryActionMethod`
 * only needs a way to build `bot.api` and a way to read what was sent.
 */
import { expect } from "vitest";
import type { BotAPI } from "../../src/api/index.js";
import { ACTION_PARAMS } from "../../src/protocol/action-params.generated.js";
import { ACTION_METHODS, type ActionName } from "../../src/protocol/index.js";

export interface CoverageHarness {
  api: BotAPI;
  /** What reached NapCat (or the fake) since the last `reset`, in order. */
  sent(): Promise<{ action: string; params: unknown }[]> | { action: string; params: unknown }[];
  reset(): void;
}

type AnyMethod = (params?: object) => unknown;

/**
 * Synthetic params of `action`: its required params (first accepted shape) with a probe
 * value of the right kind, so `bot.api`'s own param check lets the call through.
 */
export function probeParams(action: ActionName): Record<string, unknown> {
  const shape = (ACTION_PARAMS[action] ?? "").split(" | ")[0] ?? "";
  const params: Record<string, unknown> = {};
  for (const token of shape.split(" ")) {
    if (token[token.length - 2] !== "!") continue;
    params[token.slice(0, -2)] = token.endsWith("o") ? "probe" : { probe: action };
  }
  return params;
}

/** Call every entry of ACTION_METHODS and its Sync twin; each must send exactly its action with the given params. */
export async function checkEveryActionMethod(harness: CoverageHarness): Promise<number> {
  let checked = 0;
  for (const [method, action] of Object.entries(ACTION_METHODS)) {
    const params = probeParams(action as ActionName);
    for (const name of [method, `${method}Sync`]) {
      harness.reset();
      const fn = Reflect.get(harness.api, name) as AnyMethod | undefined;
      expect(typeof fn, `bot.api.${name}`).toBe("function");
      await (fn as AnyMethod).call(harness.api, params);
      const sent = await harness.sent();
      expect(sent, `bot.api.${name}`).toEqual([{ action, params }]);
      checked++;
    }
  }
  return checked;
}
