/**
 * A recording ActionCaller for unit tests: records every call (action, params, options)
 * and answers from a canned table (or a function), the same for `call` and `callSync`.
 */
import type { ActionCaller, CallOptions, ResultMapper } from "../../src/io/types.js";

export interface RecordedCall {
  readonly mode: "async" | "sync";
  readonly action: string;
  readonly params: object | undefined;
  readonly options: CallOptions | undefined;
}

export type Responder = (action: string, params: object | undefined) => unknown;

/** Canned answer: the send actions answer a message id, everything else `null`. */
export const defaultResponder: Responder = (action) =>
  action.startsWith("send_") && action.endsWith("_msg") ? { message_id: 4242 } : null;

export class RecordingCaller implements ActionCaller {
  readonly calls: RecordedCall[] = [];
  respond: Responder;

  constructor(respond: Responder = defaultResponder) {
    this.respond = respond;
  }

  async call(
    action: string,
    params?: object,
    options?: CallOptions,
    mapResult?: ResultMapper,
  ): Promise<unknown> {
    this.calls.push({ mode: "async", action, params, options });
    const data = this.respond(action, params);
    return mapResult ? mapResult(data) : data;
  }

  callSync(action: string, params?: object, options?: CallOptions): unknown {
    this.calls.push({ mode: "sync", action, params, options });
    return this.respond(action, params);
  }

  /** The one call recorded since the last `clear()`; fails the test if there were more or none. */
  only(): RecordedCall {
    if (this.calls.length !== 1) {
      throw new Error(
        `expected exactly one call, got ${this.calls.length}: ${JSON.stringify(this.calls)}`,
      );
    }
    return this.calls[0] as RecordedCall;
  }

  clear(): void {
    this.calls.length = 0;
  }
}
