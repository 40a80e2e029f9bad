/**
 * The test harness for bot and plugin authors (`ncatbot/testing`): `createTestBot`,
 * call assertions and reply helpers.
 *
 * @module
 */
export { CallAssertionError, CallExpectation, expectCallIn } from "./expect-call.js";
export { ManualClock } from "./manual-clock.js";
export { type Mismatch, partialMatch, textOf } from "./match.js";
export {
  type ChatTarget,
  isSendCall,
  type ReplyCall,
  SEND_ACTIONS,
  toReplyCall,
} from "./replies.js";
export {
  createTestBot,
  type SaidReply,
  type SayInput,
  type TestBot,
  type TestBotOptions,
  type TestFake,
  type WaitOptions,
} from "./test-bot.js";
