/**
 * One camelCase method per NapCat action, derived from `ACTION_METHODS` (protocol/) by
 * ONE runtime builder. Nothing here is written per action; the methods' declarations
 * (with their TSDoc) are generated into methods.generated.ts.
 *
 * @module
 */
import type { CallOptions } from "../io/types.js";
import {
  ACTION_METHODS,
  type ActionMethodName,
  type ActionName,
  type ActionParams,
} from "../protocol/index.js";
import type { Method } from "./lazy-methods.js";
import { paramCheckOf } from "./param-check.js";

/** `true` when every param of the action is optional (the params object may be omitted). */
type ParamsOptional<A extends ActionName> =
  Record<never, never> extends ActionParams<A> ? true : false;

/**
 * The argument list of an action: `(params, options?)`, or `(params?, options?)` when the
 * action has no required param.
 */
export type ActionArgs<A extends ActionName> =
  ParamsOptional<A> extends true
    ? [params?: ActionParams<A>, options?: CallOptions]
    : [params: ActionParams<A>, options?: CallOptions];

type MethodTable = typeof ACTION_METHODS;

/** The NapCat action a camelCase method name maps to, e.g. `"sendGroupMsg"` -> `"send_group_msg"`. */
export type ActionOfMethod<M extends ActionMethodName> = MethodTable[M] & ActionName;

/** What a prototype must offer for the generated methods to work. */
export interface RawCaller {
  call(action: string, params?: object, options?: CallOptions): Promise<unknown>;
  callSync(action: string, params?: object, options?: CallOptions): unknown;
}

/**
 * The generated method `name` (`sendGroupMsg`) or its blocking twin (`sendGroupMsgSync`), or
 * `undefined` when `name` is neither. A plain function closing over its action name; `bot-api.ts`
 * builds each one on first access (see lazy-methods.ts), so nothing is built per call.
 */
export function generatedMethod(name: string): Method | undefined {
  const sync = name.endsWith("Sync");
  const method = sync ? name.slice(0, -4) : name;
  if (!Object.hasOwn(ACTION_METHODS, method)) return undefined;
  const action: string = ACTION_METHODS[method as ActionMethodName];
  // Required params and unknown keys are checked against the action table before sending.
  const check = paramCheckOf(action, `bot.api.${name}`);
  return sync
    ? function (this: RawCaller, params?: object, options?: CallOptions) {
        check(params);
        return this.callSync(action, params, options);
      }
    : function (this: RawCaller, params?: object, options?: CallOptions) {
        try {
          check(params);
        } catch (error) {
          return Promise.reject(error);
        }
        return this.call(action, params, options);
      };
}
