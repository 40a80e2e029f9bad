/**
 * Which NapCat account a call goes to: the one wording every transport and engine
 * uses when a call names an account that is not there.
 *
 * @module
 */
import type { SelfId } from "./types.js";

/** The detail of the `NotConnectedError` of a call bound to an account that is not connected. */
export function accountMissing(selfId: SelfId, connected: readonly SelfId[]): string {
  const ids = connected.length > 0 ? connected.join(", ") : "none";
  return `account ${selfId} is not connected; connected: ${ids}`;
}

/**
 * For a transport that serves one account: the detail when a call names another
 * account than `served`, `undefined` when it names none, that one, or `served` is
 * not known yet.
 */
export function otherAccount(
  selfId: SelfId | undefined,
  served: SelfId | undefined,
): string | undefined {
  if (selfId === undefined || served === undefined || String(selfId) === String(served)) {
    return undefined;
  }
  return accountMissing(selfId, [served]);
}
