/**
 * OneBot quick operations: answer an event in the same breath as receiving it.
 * Over HTTP POST the operation travels back in the response body of the POST that
 * delivered the event (no extra request); over every other transport it is sent as
 * the `.handle_quick_operation` action with the event as context (the shortcut
 * itself is in shortcuts.ts).
 *
 * @module
 */
import type { SendSegment } from "../protocol/index.js";

/** Quick operation on a message event (OneBot 11 `.handle_quick_operation` for messages). */
export interface MessageQuickOperation {
  /** Reply content: literal text (see `auto_escape`) or segments. */
  reply?: string | readonly SendSegment[];
  /** Send `reply` as literal text even if it contains CQ codes. */
  auto_escape?: boolean;
  /** Group only: @ the sender in front of the reply (NapCat default true). */
  at_sender?: boolean;
  /** Group only: recall the message. */
  delete?: boolean;
  /** Group only: kick the sender. */
  kick?: boolean;
  /** Group only: mute the sender. */
  ban?: boolean;
  /** Group only: mute length in seconds (default 30 min). */
  ban_duration?: number;
}

/** Quick operation on a friend request. */
export interface FriendRequestQuickOperation {
  approve?: boolean;
  /** Friend remark when approving. */
  remark?: string;
}

/** Quick operation on a group request. */
export interface GroupRequestQuickOperation {
  approve?: boolean;
  /** Reason shown to the applicant when rejecting. */
  reason?: string;
}

/** Any quick operation (the JSON object NapCat accepts). */
export type QuickOperation =
  | MessageQuickOperation
  | FriendRequestQuickOperation
  | GroupRequestQuickOperation;

/**
 * Where an event delivered over HTTP POST collects its quick operation. The client
 * puts one on the payload (under this symbol) before dispatch; `Object.assign` in
 * the event's constructor carries it onto the event object.
 */
export const QUICK_OPERATION_SLOT: unique symbol = Symbol("ncatbot.quickOperation");

/** The collected operation of one HTTP POST event. */
export interface QuickOperationHolder {
  operation: Record<string, unknown> | undefined;
}
