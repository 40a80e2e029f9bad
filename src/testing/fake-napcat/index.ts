/**
 * The fake NapCat: a wire-level OneBot 11 server for tests (`ncatbot/testing`).
 * `startFakeNapCat()` runs it in a worker thread (Sync calls work against it);
 * `startFakeNapCatInProcess()` runs it on the calling thread with a live `world`.
 *
 * @module
 */

export { type CallMatcher, canonicalActionName } from "./call-log.js";
export type { WireSegment } from "./cq.js";
export { FakeActionError } from "./errors.js";
export type { FakeEventPayload } from "./events.js";
export { startFakeNapCatInProcess } from "./fake-napcat.js";
export type { GroupSnapshot, MessageSnapshot, WorldSnapshot } from "./snapshot.js";
export { startFakeNapCat } from "./threaded.js";
export { signBody } from "./transport/http-post.js";
export type {
  CallTransport,
  Disposer,
  FakeHttpPostOptions,
  FakeMessagePayload,
  FakeNapCat,
  FakeNapCatOptions,
  FakeReverseOptions,
  InProcessFakeNapCat,
  RecordedCall,
  RequestFriendOptions,
  RequestGroupJoinOptions,
  SayOptions,
} from "./types.js";
export * from "./webui/index.js";
export { DEFAULT_NICKNAME, DEFAULT_SELF_ID, defaultWorld, World } from "./world.js";
export type * from "./world-types.js";
