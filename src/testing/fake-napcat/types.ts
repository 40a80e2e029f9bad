/**
 * Public types of the fake NapCat: options, the handles `startFakeNapCat` and
 * `startFakeNapCatInProcess` return, recorded calls and the payloads it produces.
 *
 * @module
 */
import type { WireSegment } from "./cq.js";
import type { FakeEventPayload } from "./events.js";
import type { WorldSnapshot } from "./snapshot.js";
import type { World } from "./world.js";
import type { WorldInit } from "./world-types.js";

/** Which way an action call reached the fake. */
export type CallTransport = "ws" | "ws-api" | "reverse-ws" | "http" | "http-post" | "quick";

/** One action call the fake received, in arrival order. */
export interface RecordedCall {
  /** The action name as sent (aliases such as `send_msg_async` are kept verbatim). */
  action: string;
  params: Readonly<Record<string, unknown>>;
  transport: CallTransport;
  /** The request's `echo`, if any. */
  echo?: unknown;
}

/** NapCat's reverse WebSocket client settings (`websocketClients` in NapCat's config). */
export interface FakeReverseOptions {
  /** The bot's reverse-WS server, e.g. `ws://127.0.0.1:8080/onebot/v11/ws`. */
  url: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Delay before reconnecting after a close (NapCat: 5000 ms). */
  reconnectIntervalMs?: number;
}

/** NapCat's HTTP POST (`httpClients`) settings: events are POSTed to `url`. */
export interface FakeHttpPostOptions {
  url: string;
  /** When set, each body is signed: `X-Signature: sha1=<hex HMAC-SHA1(secret, body)>`. */
  secret?: string;
  /** Give up on one POST after this long (default 5000 ms). */
  timeoutMs?: number;
}

/**
 * Options of `startFakeNapCat` and `startFakeNapCatInProcess`. Every field is
 * optional. Plain data only (no functions, class instances or symbols): the
 * worker-backed fake copies them to its worker thread.
 */
export interface FakeNapCatOptions {
  /** Access token for WS and HTTP (NapCat `token`). Default: none (no auth). */
  token?: string;
  /** WebSocket server port (NapCat default 3001); 0 or omitted = the OS picks one. */
  port?: number;
  /** HTTP server port (NapCat default 3000); 0 or omitted = the OS picks one. */
  httpPort?: number;
  /** The bot's QQ number. Default 2730000001. */
  selfId?: number;
  /** The bot's nickname. Default "NapBot". */
  nickname?: string;
  /** NapCat `heartInterval` in ms (default 30000; 0 = no heartbeats). */
  heartbeatIntervalMs?: number;
  /** Initial friends and groups; omitted = the default world (see `defaultWorld`). */
  world?: WorldInit;
  /** NapCat `reportSelfMessage`: emit `message_sent` for the bot's own messages. Default false. */
  reportSelfMessage?: boolean;
  /**
   * Actions the fake records in `calls` but never answers (`_async` / `_rate_limited`
   * aliases included), so a test can watch its bot's `ActionTimeoutError` handling.
   * Example: `{ silentActions: ["get_group_info"] }`.
   */
  silentActions?: readonly string[];
  /** Also connect to the bot as NapCat's reverse-WS client. */
  reverse?: FakeReverseOptions;
  /** Also POST every event to the bot (NapCat HTTP client). */
  httpPost?: FakeHttpPostOptions;
}

/** A message event payload as NapCat reports it (`post_type` "message" or "message_sent"). */
export interface FakeMessagePayload extends FakeEventPayload {
  message_id: number;
  user_id: number;
  message_type: "group" | "private";
  sub_type: string;
  raw_message: string;
  message: WireSegment[];
  message_format: "array";
  sender: { user_id: number; nickname: string; card: string; role?: "owner" | "admin" | "member" };
  group_id?: number;
}

/** What a user says in {@link FakeNapCat.say}. */
export interface SayOptions {
  /** Literal text (CQ codes in it are NOT parsed). */
  text?: string;
  /** A CQ string (parsed) or segments; wins over `text`. */
  message?: string | WireSegment | readonly WireSegment[];
  /** Group to speak in; default the first group. */
  group_id?: number;
  /** Who speaks; default a plain member of the group (or the first friend when private). */
  user_id?: number;
  /** Speak in a private chat with the bot instead of a group. */
  private?: boolean;
}

/** Options of {@link FakeNapCat.requestFriend}. */
export interface RequestFriendOptions {
  /** Who asks; default 1700000008 (Eve, a stranger in the default world). */
  user_id?: number;
  /** Nickname for a user the world does not know yet. */
  nickname?: string;
  /** The request message (验证信息). */
  comment?: string;
}

/** Options of {@link FakeNapCat.requestGroupJoin}. */
export interface RequestGroupJoinOptions extends RequestFriendOptions {
  /** The group to join; default the first group. */
  group_id?: number;
}

/** Removes a listener. */
export type Disposer = () => void;

/**
 * A running fake NapCat, as `startFakeNapCat()` returns it: its servers and world
 * run in a worker thread, so a bot's Sync calls (`bot.api.xxxSync`, which block
 * the calling thread) work against it. Call `stop()` when done.
 */
export interface FakeNapCat {
  /** Universal forward-WS URL (events + API), `ws://127.0.0.1:<port>`. */
  readonly wsUrl: string;
  /** API-only forward-WS URL (`/api`: no events, no lifecycle, no heartbeat). */
  readonly apiWsUrl: string;
  /** HTTP API base URL: `POST <httpUrl>/<action>`; SSE at `<httpUrl>/_events`. */
  readonly httpUrl: string;
  /** The bot's QQ number (NapCat `self_id`). */
  readonly selfId: number;
  /**
   * Every action call received (since the last `clearCalls()`), in arrival order.
   * Always up to date, on both fakes: the worker-backed fake records and reports a
   * call before it answers it, and reading `calls` first takes in every report
   * (running `onCall` / `onEvent` listeners for them). So a call the bot already
   * got an answer to, e.g. right after a `xxxSync` call returns, is listed.
   */
  readonly calls: readonly RecordedCall[];
  /** A plain-data copy of the fake's world (friends, groups, members, messages, requests). */
  getWorld(): Promise<WorldSnapshot>;
  /** A user sends a message; resolves to the emitted event payload. */
  say(options?: SayOptions): Promise<FakeMessagePayload>;
  /** A user asks to be the bot's friend (emits `request.friend`); resolves to the payload with its `flag`. */
  requestFriend(options?: RequestFriendOptions): Promise<FakeEventPayload>;
  /** A user asks to join a group (emits `request.group` sub_type add); resolves to the payload with its `flag`. */
  requestGroupJoin(options?: RequestGroupJoinOptions): Promise<FakeEventPayload>;
  /**
   * Pushes an event to every event connection (meta events skip HTTP POST and
   * SSE): a protocol payload (`EventPayload` from the protocol types), an
   * `events.xxx()` factory result, or any raw object (plain JSON data). Throws at
   * once on an event that is not an object with a string `post_type` or cannot be
   * sent as JSON. Maps to nothing in NapCat: it plays NapCat reporting an event.
   *
   * @example
   * ```ts
   * fake.emit(events.groupIncrease({ user_id: 1700000008 }));
   * ```
   */
  emit(event: object): void;
  /**
   * Resolves with the first call (already recorded or still to come) matching an
   * action name (aliases like `_async` count) or a predicate (run on the calling
   * thread); rejects after `timeoutMs` (default 5000) naming what it waited for,
   * or when the fake stops.
   */
  waitForCall(
    match: string | ((call: RecordedCall) => boolean),
    timeoutMs?: number,
  ): Promise<RecordedCall>;
  /**
   * Forgets every call recorded so far (on the worker-backed fake: every call the
   * worker has recorded by now, reported or not). Calls recorded afterwards are
   * kept, so a call made after `clearCalls()` is always listed.
   */
  clearCalls(): void;
  /** Called for every action call, after it is recorded (on the worker-backed fake: when its report is taken in). */
  onCall(listener: (call: RecordedCall) => void): Disposer;
  /** Called for every event pushed to connections (including heartbeats). */
  onEvent(listener: (event: FakeEventPayload) => void): Disposer;
  /** Closes every server, connection, timer (and the worker thread); idempotent. */
  stop(): Promise<void>;
}

/**
 * The in-process fake NapCat `startFakeNapCatInProcess()` returns: like
 * {@link FakeNapCat}, with `calls` updated synchronously and the live `world`.
 * For tests that never make Sync calls (a Sync call from this thread would block
 * the fake that has to answer it).
 */
export interface InProcessFakeNapCat extends FakeNapCat {
  /** The in-memory world (friends, groups, messages...), readable and writable. */
  readonly world: World;
}
