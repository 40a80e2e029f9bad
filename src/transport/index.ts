/**
 * Transports: one class per way of reaching NapCat, behind {@link Transport}.
 *
 * @module
 */
export { backoffDelay, type ReconnectPolicy } from "./backoff.js";
export { type ForwardWsOptions, ForwardWsTransport } from "./forward-ws.js";
export { HttpApiClient, type HttpApiOptions } from "./http-api.js";
export { HttpTransport, type HttpTransportOptions } from "./http-mode.js";
export { type HttpPostOptions, HttpPostReceiver } from "./http-post.js";
export { ECHO_PREFIX, PendingCalls, unwrapEnvelope } from "./pending-calls.js";
export { type ReverseWsOptions, ReverseWsTransport } from "./reverse-ws.js";
export { type SseOptions, SseReceiver } from "./sse.js";
export type { ConnectionState, LogLevel, SelfId, Transport, TransportHooks } from "./types.js";
