/**
 * Request events (OneBot `post_type: "request"`) with approve / reject shortcuts.
 *
 * @module
 */
import { step } from "../api/runner.js";
import { eventBase } from "./base.js";
import type { FriendRequestWire, GroupRequestWire } from "./payloads.js";
import type { FriendRequestQuickOperation, GroupRequestQuickOperation } from "./quick.js";
import { shortcut } from "./shortcuts.js";

/** `request.friend`: someone asked to be the bot's friend (`comment`, `flag`). */
export class FriendRequestEvent extends eventBase<
  FriendRequestWire,
  FriendRequestQuickOperation
>() {
  /** Accept (`set_friend_add_request`, `approve: true`), optionally with a friend remark. */
  approve(remark?: string): Promise<void> {
    return answer.run(this, true, remark);
  }

  /** Blocking form of {@link FriendRequestEvent.approve}: accept (`set_friend_add_request`), optionally with a remark. */
  approveSync(remark?: string): void {
    answer.runSync(this, true, remark);
  }

  /** Decline (`set_friend_add_request`, `approve: false`). */
  reject(): Promise<void> {
    return answer.run(this, false, undefined);
  }

  /** Blocking form of {@link FriendRequestEvent.reject}: decline (`set_friend_add_request`). */
  rejectSync(): void {
    answer.runSync(this, false, undefined);
  }
}

/**
 * `request.group`: `sub_type: "add"` (someone asks to join a group the bot manages) or
 * `"invite"` (someone invites the bot). NapCat's `set_group_add_request` finds the request
 * by `flag` alone (it takes no `sub_type`).
 */
export class GroupRequestEvent extends eventBase<GroupRequestWire, GroupRequestQuickOperation>() {
  /** Accept (`set_group_add_request`, `approve: true`). */
  approve(): Promise<void> {
    return answer.run(this, true, undefined);
  }

  /** Blocking form of {@link GroupRequestEvent.approve}: accept (`set_group_add_request`). */
  approveSync(): void {
    answer.runSync(this, true, undefined);
  }

  /** Decline (`set_group_add_request`, `approve: false`), with an optional reason shown to the applicant. */
  reject(reason?: string): Promise<void> {
    return answer.run(this, false, reason);
  }

  /** Blocking form of {@link GroupRequestEvent.reject}: decline (`set_group_add_request`), with an optional reason. */
  rejectSync(reason?: string): void {
    answer.runSync(this, false, reason);
  }
}

/**
 * Answers a friend or group request by its `flag` (NapCat finds the request by
 * `flag` alone). `text` is the friend remark when approving a friend, the reason
 * shown to the applicant when rejecting a group request.
 */
const answer = shortcut(function* (
  event: FriendRequestEvent | GroupRequestEvent,
  approve: boolean,
  text: string | undefined,
) {
  const params = { flag: event.flag, approve };
  if (event.request_type === "friend") {
    yield* step(
      "set_friend_add_request",
      text === undefined ? params : { ...params, remark: text },
    );
  } else {
    yield* step("set_group_add_request", text === undefined ? params : { ...params, reason: text });
  }
});
