/**
 * Message payloads whose shape is wrong are repaired (or, when no event class fits,
 * dropped) before dispatch, so filters and handlers only ever see what their types
 * promise; one warning per event says what was wrong.
 *
 * @module
 */

import type { RawPayload } from "../event/payloads.js";
import { messageShapeProblem, repairMessage } from "../message/wire-shape.js";
import { summarizeEvent } from "./dispatcher.js";
import type { BotLogger } from "./logger.js";

const MESSAGE_POST_TYPES: ReadonlySet<unknown> = new Set(["message", "message_sent"]);
const MESSAGE_TYPES: ReadonlySet<unknown> = new Set(["group", "private"]);

/**
 * `payload` itself when it is well-formed (the usual case: one loop over the
 * segments); a shallow copy with a readable `message` (see `repairMessage`) and a
 * string `raw_message` when they were malformed; `undefined` (dropped) for a message
 * event whose `message_type` is neither `group` nor `private`, which no event
 * class (and no `message` handler's type) fits.
 */
export function checkedPayload(payload: RawPayload, log: BotLogger): RawPayload | undefined {
  const isMessage = MESSAGE_POST_TYPES.has(payload.post_type);
  if (isMessage && !MESSAGE_TYPES.has(payload.message_type)) {
    log.warn(
      { event: summarizeEvent(payload) },
      'dropped a message event whose message_type is neither "group" nor "private"',
    );
    return undefined;
  }
  const problem = messageShapeProblem(payload.message);
  // Message events always carry raw_message (typed string); other events only may.
  const rawOk =
    typeof payload.raw_message === "string" || (!isMessage && payload.raw_message === undefined);
  if (problem === undefined && rawOk) return payload;
  const message = problem === undefined ? payload.message : repairMessage(payload.message);
  log.warn(
    { event: summarizeEvent(payload), problem: problem ?? "raw_message is not a string" },
    "an event's message has the wrong shape; handlers get its readable segments only",
  );
  return { ...payload, message, ...(rawOk ? {} : { raw_message: "" }) };
}
