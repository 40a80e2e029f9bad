/**
 * One definition, two faces: a convenience method is written once as a generator
 * that `yield`s the NapCat actions it needs, and is then driven either
 * asynchronously (`caller.call`) or synchronously (`caller.callSync`).
 * This is how every convenience sender gets its `xxxSync` twin without a
 * second hand-kept copy.
 *
 * @module
 */

import type { ActionCaller, CallOptions } from "../io/types.js";
import type { ActionName, ActionParams, ActionResult } from "../protocol/index.js";

/** One action a convenience step asks its driver to run. */
export interface ActionRequest {
  /** NapCat action name, e.g. `send_group_msg`. */
  readonly action: string;
  /** Params with the wire keys. */
  readonly params: object | undefined;
}

/** A convenience definition's body: yields action requests, receives their `data`, returns its result. */
export type ActionSteps<T> = Generator<ActionRequest, T, unknown>;

/**
 * Yield one typed action from inside a convenience generator: `const r = yield* step("get_group_list", {})`.
 * The driver sends it and resumes the generator with the response's `data`
 * (or throws the call's error into it, so `try/catch` around `yield*` works).
 */
export function* step<A extends ActionName>(
  action: A,
  params?: ActionParams<A>,
): ActionSteps<ActionResult<A>> {
  // The driver resumes with the action's `data`, typed by the protocol table.
  return (yield { action, params }) as ActionResult<A>;
}

/** Run a convenience generator to completion with blocking calls (the `xxxSync` face). */
export function runSync<T>(
  steps: ActionSteps<T>,
  caller: ActionCaller,
  options: CallOptions | undefined,
): T {
  let next = steps.next();
  while (!next.done) {
    let value: unknown;
    let failed = false;
    let error: unknown;
    try {
      value = caller.callSync(next.value.action, next.value.params, options);
    } catch (err) {
      failed = true;
      error = err;
    }
    next = failed ? steps.throw(error) : steps.next(value);
  }
  return next.value;
}

/** Run a convenience generator to completion with async calls (the plain async face). */
export async function runAsync<T>(
  steps: ActionSteps<T>,
  caller: ActionCaller,
  options: CallOptions | undefined,
): Promise<T> {
  let next = steps.next();
  while (!next.done) {
    let value: unknown;
    let failed = false;
    let error: unknown;
    try {
      value = await caller.call(next.value.action, next.value.params, options);
    } catch (err) {
      failed = true;
      error = err;
    }
    next = failed ? steps.throw(error) : steps.next(value);
  }
  return next.value;
}
