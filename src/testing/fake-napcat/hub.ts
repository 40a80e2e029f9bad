/**
 * The fake's switchboard: records action calls, runs them through the router,
 * fans events out to every connected sink and notifies listeners.
 *
 * @module
 */
import type { ActionContext } from "./actions/context.js";
import { FAKE_ACTIONS } from "./actions/index.js";
import { CallLog, type CallMatcher } from "./call-log.js";
import type { FakeEventPayload } from "./events.js";
import type { Params } from "./params.js";
import { type ActionResponse, canonicalAction, respond, runAction } from "./router.js";
import type { CallTransport, Disposer, RecordedCall } from "./types.js";
import type { World } from "./world.js";

/** Something events are pushed to: a WS connection, an SSE stream, the HTTP POST client. */
export interface EventSink {
  /** Whether meta events (heartbeat) go to this sink; false for HTTP POST and SSE. */
  readonly meta: boolean;
  send(json: string, event: FakeEventPayload): void;
}

/** Central state shared by the transports. */
export class Hub {
  /** The world every action works on. */
  readonly world: World;
  /** Calls received, in order, with their listeners and waiters. */
  readonly log = new CallLog();
  /** Connected event sinks. */
  readonly sinks = new Set<EventSink>();
  readonly #eventListeners = new Set<(event: FakeEventPayload) => void>();
  readonly #context: ActionContext;
  readonly #silent: ReadonlySet<string>;

  constructor(world: World, reportSelfMessage: boolean, silentActions: readonly string[] = []) {
    this.#silent = new Set(silentActions);
    this.world = world;
    const ctx: ActionContext = {
      world,
      reportSelfMessage,
      emit: (event) => this.emit(event),
      // What a quick operation makes NapCat do (the reply it sends, the kick, the approval)
      // is recorded as a call of its own (transport "quick"), so `replies()` and
      // `sayAndWaitReply` see a quick-operation reply as the bot's answer.
      invoke: (action, params) => {
        this.log.record({ action, params, transport: "quick" });
        return runAction(FAKE_ACTIONS, action, params, ctx);
      },
    };
    this.#context = ctx;
  }

  /** Records a call and answers it with a response envelope. */
  async handle(
    action: string,
    params: Params,
    echo: unknown,
    transport: CallTransport,
  ): Promise<ActionResponse> {
    const call: RecordedCall = { action, params, transport };
    if (echo !== undefined) call.echo = echo;
    this.log.record(call);
    if (this.#silent.has(canonicalAction(action, FAKE_ACTIONS))) {
      // Recorded, never answered: lets a test see its bot's timeout handling.
      return new Promise<ActionResponse>(() => {});
    }
    return respond(FAKE_ACTIONS, action, params, echo, this.#context);
  }

  /** Sends an event to every sink (meta events only to sinks that take them) and to listeners. */
  emit(event: FakeEventPayload): void {
    const json = JSON.stringify(event);
    const isMeta = event.post_type === "meta_event";
    for (const sink of this.sinks) {
      if (!isMeta || sink.meta) sink.send(json, event);
    }
    for (const listener of this.#eventListeners) listener(event);
  }

  /** Adds an event listener; returns its disposer. */
  onEvent(listener: (event: FakeEventPayload) => void): Disposer {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** Calls received, in order. */
  get calls(): RecordedCall[] {
    return this.log.calls;
  }

  /** Adds a call listener; returns its disposer. */
  onCall(listener: (call: RecordedCall) => void): Disposer {
    return this.log.onCall(listener);
  }

  /** See `FakeNapCat.waitForCall`. */
  waitForCall(match: CallMatcher, timeoutMs?: number): Promise<RecordedCall> {
    return this.log.waitForCall(match, timeoutMs);
  }
}
