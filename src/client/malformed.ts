/**
 * Payloads whose `message` has the wrong shape are repaired before dispatch, so
 * filters and handlers only ever see readable segments; one warning per event says so.
 *
 * @module
 */
import { messageShapeProblem, repairMessage } from "../message/wire-shape.js";
import { type RawPayload, summarizeEvent } from "./dispatcher.js";
import type { BotLogger } from "./logger.js";

/**
 * `payload` itself when its `message` is a CQ string or a well-formed segment
 * array (the usual case: one loop over the segments); otherwise a shallow copy
 * whose `message` holds only the readable segments (see `repairMessage`), after
 * one warning naming the problem.
 */
export function repairedPayload(payload: RawPayload, log: BotLogger): RawPayload {
  const problem = messageShapeProblem(payload.message);
  if (problem === undefined) return payload;
  const message = repairMessage(payload.message);
  log.warn(
    { event: summarizeEvent(payload), problem, kept: message.length },
    "an event's message has the wrong shape; handlers get its readable segments only",
  );
  return { ...payload, message };
}
