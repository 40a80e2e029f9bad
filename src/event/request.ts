/**
 * Request events (OneBot `post_type: "request"`) with approve / reject shortcuts.
 *
 * @module
 */
import { step } from "../api/runner.js";
import { eventBase } from "./base.js";
import type { FriendRequestWire, GroupRequestWire } from "./payloads.js";
import type { FriendRequestQuickOperation, GroupRequestQuickOperation } from "./quick.js";
import { quickOperation, shortcut } from "./shortcuts.js";

/** `request.friend`: someone asked to be the bot's friend (`comment`, `flag`). */
export class FriendRequestEvent extends eventBase<FriendRequestWire>() {
  /** Accept (`set_friend_add_request`, `approve: true`), optionally with a friend remark. */
  approve(remark?: string): Promise<void> {
    return answerFriend.run(this, true, remark);
  }

  /** Blocking form of {@link FriendRequestEvent.approve}: accept (`set_friend_add_request`), optionally with a remark. */
  approveSync(remark?: string): void {
    answerFriend.runSync(this, true, remark);
  }

  /** Decline (`set_friend_add_request`, `approve: false`). */
  reject(): Promise<void> {
    return answerFriend.run(this, false, undefined);
  }

  /** Blocking form of {@link FriendRequestEvent.reject}: decline (`set_friend_add_request`). */
  rejectSync(): void {
    answerFriend.runSync(this, false, undefined);
  }

  /**
   * OneBot quick operation: `approve` with an optional `remark`. In HTTP POST mode the operation rides back in the response to NapCat's
   * POST (no extra request); otherwise it is sent as `.handle_quick_operation`.
   */
  quickOperation(operation: FriendRequestQuickOperation): Promise<void> {
    return quickOperation.run(this, operation);
  }

  /** Blocking form of {@link FriendRequestEvent.quickOperation}. */
  quickOperationSync(operation: FriendRequestQuickOperation): void {
    quickOperation.runSync(this, operation);
  }
}

const answerFriend = shortcut(function* (
  event: FriendRequestEvent,
  approve: boolean,
  remark: string | undefined,
) {
  yield* step(
    "set_friend_add_request",
    remark === undefined ? { flag: event.flag, approve } : { flag: event.flag, approve, remark },
  );
});

/**
 * `request.group`: `sub_type: "add"` (someone asks to join a group the bot manages) or
 * `"invite"` (someone invites the bot). NapCat's `set_group_add_request` finds the request
 * by `flag` alone (it takes no `sub_type`).
 */
export class GroupRequestEvent extends eventBase<GroupRequestWire>() {
  /** Accept (`set_group_add_request`, `approve: true`). */
  approve(): Promise<void> {
    return answerGroup.run(this, true, undefined);
  }

  /** Blocking form of {@link GroupRequestEvent.approve}: accept (`set_group_add_request`). */
  approveSync(): void {
    answerGroup.runSync(this, true, undefined);
  }

  /** Decline (`set_group_add_request`, `approve: false`), with an optional reason shown to the applicant. */
  reject(reason?: string): Promise<void> {
    return answerGroup.run(this, false, reason);
  }

  /** Blocking form of {@link GroupRequestEvent.reject}: decline (`set_group_add_request`), with an optional reason. */
  rejectSync(reason?: string): void {
    answerGroup.runSync(this, false, reason);
  }

  /**
   * OneBot quick operation: `approve`, or reject with a `reason`. In HTTP POST mode the operation rides back in the response to NapCat's
   * POST (no extra request); otherwise it is sent as `.handle_quick_operation`.
   */
  quickOperation(operation: GroupRequestQuickOperation): Promise<void> {
    return quickOperation.run(this, operation);
  }

  /** Blocking form of {@link GroupRequestEvent.quickOperation}. */
  quickOperationSync(operation: GroupRequestQuickOperation): void {
    quickOperation.runSync(this, operation);
  }
}

const answerGroup = shortcut(function* (
  event: GroupRequestEvent,
  approve: boolean,
  reason: string | undefined,
) {
  yield* step(
    "set_group_add_request",
    reason === undefined ? { flag: event.flag, approve } : { flag: event.flag, approve, reason },
  );
});
