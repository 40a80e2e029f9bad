/**
 * Request events (OneBot `post_type: "request"`) with approve / reject shortcuts.
 *
 * @module
 */
import { eventBase } from "./base.js";
import type { FriendRequestWire, GroupRequestWire } from "./payloads.js";
import {
  type FriendRequestQuickOperation,
  type GroupRequestQuickOperation,
  quickOperation,
  quickOperationSync,
} from "./quick.js";

/** `request.friend`: someone asked to be the bot's friend (`comment`, `flag`). */
export class FriendRequestEvent extends eventBase<FriendRequestWire>() {
  #params(approve: boolean, remark: string | undefined) {
    return remark === undefined
      ? { flag: this.flag, approve }
      : { flag: this.flag, approve, remark };
  }

  /** Accept (`set_friend_add_request`, `approve: true`), optionally with a friend remark. */
  async approve(remark?: string): Promise<void> {
    await this.api.setFriendAddRequest(this.#params(true, remark));
  }

  /** Blocking twin of {@link FriendRequestEvent.approve}. */
  approveSync(remark?: string): void {
    this.api.setFriendAddRequestSync(this.#params(true, remark));
  }

  /** Decline (`set_friend_add_request`, `approve: false`). */
  async reject(): Promise<void> {
    await this.api.setFriendAddRequest(this.#params(false, undefined));
  }

  /** Blocking twin of {@link FriendRequestEvent.reject}. */
  rejectSync(): void {
    this.api.setFriendAddRequestSync(this.#params(false, undefined));
  }

  /**
   * OneBot quick operation: `approve` with an optional `remark`. In HTTP POST mode the operation rides back in the response to NapCat's
   * POST (no extra request); otherwise it is sent as `.handle_quick_operation`.
   */
  async quickOperation(operation: FriendRequestQuickOperation): Promise<void> {
    await quickOperation(this, this.api, operation);
  }

  /** Blocking twin of {@link FriendRequestEvent.quickOperation}. */
  quickOperationSync(operation: FriendRequestQuickOperation): void {
    quickOperationSync(this, this.api, operation);
  }
}

/**
 * `request.group`: `sub_type: "add"` (someone asks to join a group the bot manages) or
 * `"invite"` (someone invites the bot). NapCat's `set_group_add_request` finds the request
 * by `flag` alone (it takes no `sub_type`).
 */
export class GroupRequestEvent extends eventBase<GroupRequestWire>() {
  #params(approve: boolean, reason: string | undefined) {
    return reason === undefined
      ? { flag: this.flag, approve }
      : { flag: this.flag, approve, reason };
  }

  /** Accept (`set_group_add_request`, `approve: true`). */
  async approve(): Promise<void> {
    await this.api.setGroupAddRequest(this.#params(true, undefined));
  }

  /** Blocking twin of {@link GroupRequestEvent.approve}. */
  approveSync(): void {
    this.api.setGroupAddRequestSync(this.#params(true, undefined));
  }

  /** Decline (`set_group_add_request`, `approve: false`), with an optional reason shown to the applicant. */
  async reject(reason?: string): Promise<void> {
    await this.api.setGroupAddRequest(this.#params(false, reason));
  }

  /** Blocking twin of {@link GroupRequestEvent.reject}. */
  rejectSync(reason?: string): void {
    this.api.setGroupAddRequestSync(this.#params(false, reason));
  }

  /**
   * OneBot quick operation: `approve`, or reject with a `reason`. In HTTP POST mode the operation rides back in the response to NapCat's
   * POST (no extra request); otherwise it is sent as `.handle_quick_operation`.
   */
  async quickOperation(operation: GroupRequestQuickOperation): Promise<void> {
    await quickOperation(this, this.api, operation);
  }

  /** Blocking twin of {@link GroupRequestEvent.quickOperation}. */
  quickOperationSync(operation: GroupRequestQuickOperation): void {
    quickOperationSync(this, this.api, operation);
  }
}
