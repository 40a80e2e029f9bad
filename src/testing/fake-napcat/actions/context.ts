/**
 * What an action handler of the fake NapCat gets: the world, a way to emit
 * events, and a way to run another action internally (quick operations).
 *
 * @module
 */
import type { FakeEventPayload } from "../events.js";
import type { Params } from "../params.js";
import type { World } from "../world.js";

/** The environment of one action call. */
export interface ActionContext {
  /** The in-memory world the action reads and changes. */
  readonly world: World;
  /** Pushes an event to every event connection (WS, reverse WS, SSE, HTTP POST). */
  emit(event: FakeEventPayload): void;
  /** NapCat's `reportSelfMessage`: emit `message_sent` for the bot's own messages. */
  readonly reportSelfMessage: boolean;
  /** Runs another action's handler (validation included, not recorded in `calls`). */
  invoke(action: string, params: Params): Promise<unknown>;
}

/** One action's implementation: returns the response `data` or throws `FakeActionError`. */
export type ActionHandler = (params: Params, ctx: ActionContext) => unknown;

/** Handlers by wire action name. */
export type ActionTable = Readonly<Record<string, ActionHandler>>;

/** A NapCat "raw NT result" of a successful operation. */
export const NT_OK = { result: 0, errMsg: "" } as const;
