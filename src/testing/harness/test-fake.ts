/**
 * `TestFake`: the fake NapCat as the test harness exposes it, whether it runs in
 * its own thread (the default, so `xxxSync` calls can be answered while the test's
 * thread blocks) or in the test's thread.
 *
 * @module
 */
import type { EventPayload } from "../../protocol/index.js";
import type {
  Disposer,
  FakeEventPayload,
  FakeMessagePayload,
  RecordedCall,
  SayOptions,
  WorldSnapshot,
} from "../fake-napcat/index.js";

/** Any event a test may push: a protocol payload, a factory result, or a raw object. */
export type EmittableEvent = EventPayload | FakeEventPayload;

/** A running fake NapCat, as seen from the test. */
export interface TestFake {
  /** Universal forward-WS URL (events + API). */
  readonly wsUrl: string;
  /** API-only forward-WS URL (`/api`). */
  readonly apiWsUrl: string;
  /** HTTP API base URL. */
  readonly httpUrl: string;
  /** The bot's QQ number in the fake world. */
  readonly selfId: number;
  /** Every action call received so far (since the last `clearCalls()`), in order. Always up to date. */
  readonly calls: readonly RecordedCall[];
  /** A user sends a message (NapCat `message` event); resolves to the emitted payload. */
  say(options?: SayOptions): Promise<FakeMessagePayload>;
  /** A user asks to be the bot's friend (`request.friend`); resolves to the payload with its `flag`. */
  requestFriend(options?: {
    user_id?: number;
    nickname?: string;
    comment?: string;
  }): Promise<FakeEventPayload>;
  /** A user asks to join a group (`request.group`, `add`); resolves to the payload. */
  requestGroupJoin(options?: {
    group_id?: number;
    user_id?: number;
    nickname?: string;
    comment?: string;
  }): Promise<FakeEventPayload>;
  /** A plain-data copy of the fake's world (friends, groups, members, messages, requests). */
  getWorld(): Promise<WorldSnapshot>;
  /** Pushes an event to every event connection; resolves once it is sent. */
  emit(event: EmittableEvent): Promise<void>;
  /**
   * The first call (already recorded or still to come) matching an action name
   * (`_async` / `_rate_limited` aliases count) or a predicate; rejects after
   * `timeoutMs` (default 5000) naming what it waited for and what was called.
   */
  waitForCall(
    match: string | ((call: RecordedCall) => boolean),
    timeoutMs?: number,
  ): Promise<RecordedCall>;
  /** Forgets the recorded calls. */
  clearCalls(): void;
  /** Listens to every action call; returns a disposer. */
  onCall(listener: (call: RecordedCall) => void): Disposer;
  /** Listens to every event the fake pushes (heartbeats included); returns a disposer. */
  onEvent(listener: (event: FakeEventPayload) => void): Disposer;
  /** Closes every server, connection, timer and thread of the fake. */
  stop(): Promise<void>;
}

/** `send_msg_async` -> `send_msg`: NapCat treats these suffixes as plain aliases. */
export function canonicalActionName(action: string): string {
  return action.replace(/_(async|rate_limited)$/, "");
}

/** Shared `waitForCall` over a live call list and a call listener. */
export function waitForCallIn(
  calls: () => readonly RecordedCall[],
  onCall: (listener: (call: RecordedCall) => void) => Disposer,
  match: string | ((call: RecordedCall) => boolean),
  timeoutMs = 5000,
): Promise<RecordedCall> {
  const test =
    typeof match === "string"
      ? (c: RecordedCall) => canonicalActionName(c.action) === canonicalActionName(match)
      : match;
  const existing = calls().find(test);
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      dispose();
      const what =
        typeof match === "string" ? `action "${match}"` : "a call matching the predicate";
      const seen = calls()
        .map((c) => c.action)
        .join(", ");
      reject(
        new Error(
          `waitForCall: no ${what} within ${timeoutMs} ms (calls so far: ${seen || "none"})`,
        ),
      );
    }, timeoutMs);
    const dispose = onCall((call) => {
      let hit: boolean;
      try {
        hit = test(call);
      } catch (error) {
        clearTimeout(timer);
        dispose();
        reject(error);
        return;
      }
      if (!hit) return;
      clearTimeout(timer);
      dispose();
      resolve(call);
    });
  });
}
