/**
 * The fake NapCat: a wire-level OneBot 11 server for tests (`ncatbot/testing`).
 *
 * @module
 */

export type { WireSegment } from "./cq.js";
export type { FakeEventPayload } from "./events.js";
export { startFakeNapCat } from "./fake-napcat.js";
export { signBody } from "./transport/http-post.js";
export type {
  CallTransport,
  Disposer,
  FakeHttpPostOptions,
  FakeMessagePayload,
  FakeNapCat,
  FakeNapCatOptions,
  FakeReverseOptions,
  RecordedCall,
  SayOptions,
} from "./types.js";
export { DEFAULT_NICKNAME, DEFAULT_SELF_ID, defaultWorld, World } from "./world.js";
export type * from "./world-types.js";
