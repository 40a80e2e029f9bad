/**
 * The fake's switchboard: records action calls, runs them through the router,
 * fans events out to every connected sink and notifies listeners.
 *
 * @module
 */
import type { ActionContext } from "./actions/context.js";
import { FAKE_ACTIONS } from "./actions/index.js";
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
  /** Calls received, in order. */
  readonly calls: RecordedCall[] = [];
  /** Connected event sinks. */
  readonly sinks = new Set<EventSink>();
  readonly #callListeners = new Set<(call: RecordedCall) => void>();
  readonly #eventListeners = new Set<(event: FakeEventPayload) => void>();
  readonly #context: ActionContext;

  constructor(world: World, reportSelfMessage: boolean) {
    this.world = world;
    const ctx: ActionContext = {
      world,
      reportSelfMessage,
      emit: (event) => this.emit(event),
      invoke: (action, params) => runAction(FAKE_ACTIONS, action, params, ctx),
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
    this.calls.push(call);
    for (const listener of this.#callListeners) listener(call);
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

  /** Adds a call listener; returns its disposer. */
  onCall(listener: (call: RecordedCall) => void): Disposer {
    this.#callListeners.add(listener);
    return () => this.#callListeners.delete(listener);
  }

  /** Adds an event listener; returns its disposer. */
  onEvent(listener: (event: FakeEventPayload) => void): Disposer {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** See `FakeNapCat.waitForCall`. */
  waitForCall(
    match: string | ((call: RecordedCall) => boolean),
    timeoutMs = 5000,
  ): Promise<RecordedCall> {
    const test =
      typeof match === "string"
        ? (c: RecordedCall) =>
            canonicalAction(c.action, FAKE_ACTIONS) === canonicalAction(match, FAKE_ACTIONS)
        : match;
    const existing = this.calls.find(test);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        dispose();
        const what =
          typeof match === "string" ? `action "${match}"` : "a call matching the predicate";
        reject(
          new Error(
            `waitForCall: no ${what} within ${timeoutMs} ms (calls so far: ${this.calls.map((c) => c.action).join(", ") || "none"})`,
          ),
        );
      }, timeoutMs);
      const dispose = this.onCall((call) => {
        if (!test(call)) return;
        clearTimeout(timer);
        dispose();
        resolve(call);
      });
    });
  }
}
