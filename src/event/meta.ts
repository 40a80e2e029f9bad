/**
 * Meta events (OneBot `post_type: "meta_event"`).
 *
 * @module
 */
import { eventBase } from "./base.js";
import type { HeartbeatWire, LifecycleWire } from "./payloads.js";

/** `meta_event.lifecycle`: NapCat sends one `connect` per event connection. */
export class LifecycleEvent extends eventBase<LifecycleWire>() {}

/** `meta_event.heartbeat`: every `interval` ms, with NapCat's `status`. */
export class HeartbeatEvent extends eventBase<HeartbeatWire>() {}
