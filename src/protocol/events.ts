// PLACEHOLDER until the protocol helper writes the event union (issue 2).
export interface EventPayloadBase {
  time: number;
  self_id: number;
  post_type: string;
  [key: string]: unknown;
}
export type EventPayload = EventPayloadBase;
export type EventKey = string;
export type EventPayloadMap = Record<string, EventPayload>;
export const EVENT_KEYS: readonly string[] = [];
