/**
 * One definition, two faces: a convenience method is written once as a generator
 * that `yield`s the NapCat actions it needs, and is then driven either
 * asynchronously (`caller.call`) or synchronously (`caller.callSync`).
 * This is how every convenience sender gets its `xxxSync` twin without a
 * second hand-kept copy.
 *
 * @module
 */

import type { ActionCaller, CallOptions, EngineCallOptions } from "../io/types.js";
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

/**
 * The one driver of both faces: sends each request `steps` yields to `call` and
 * resumes the generator with the answer's `data`, or throws the call's error into
 * it at the `yield` (so `try/catch` around `yield*` works). A promise that `call`
 * returns (the async face) is waited for; a plain value (the Sync face) is fed
 * back at once, so the Sync face never leaves the current tick.
 */
function drive<T>(
  steps: ActionSteps<T>,
  from: IteratorResult<ActionRequest, T>,
  call: (request: ActionRequest) => unknown,
): T | Promise<T> {
  let next = from;
  while (!next.done) {
    let answer: unknown;
    try {
      answer = call(next.value);
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    if (answer instanceof Promise) {
      return answer.then(
        (data) => drive(steps, steps.next(data), call),
        (error) => drive(steps, steps.throw(error), call),
      );
    }
    next = steps.next(answer);
  }
  return next.value;
}

/** Run a convenience generator to completion with blocking calls (the `xxxSync` face). */
export function runSync<T>(
  steps: ActionSteps<T>,
  caller: ActionCaller,
  options: CallOptions | undefined,
): T {
  // callSync returns the answer's data, never a promise: drive never waits here.
  return drive(steps, steps.next(), (r) => caller.callSync(r.action, r.params, options)) as T;
}

/** Run a convenience generator to completion with async calls (the plain async face). */
export async function runAsync<T>(
  steps: ActionSteps<T>,
  caller: ActionCaller,
  options: EngineCallOptions | undefined,
): Promise<T> {
  return drive(steps, steps.next(), (r) => caller.call(r.action, r.params, options));
}
