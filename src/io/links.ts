/**
 * The main thread's view of the WebSocket connections ("links") the I/O thread can
 * write to, learned from its `link` reports, and how a call picks one.
 *
 * @module
 */
import { accountMissing } from "../transport/accounts.js";
import type { SelfId } from "./types.js";

/** Where a call goes: a link id, or why there is none (the `NotConnectedError` detail). */
export type LinkChoice = { link: number } | { missing: string };

/** Connections that are up, in the order they came up (the first is the default). */
export class LinkTable {
  readonly #links = new Map<number, SelfId | undefined>();
  readonly #bySelf = new Map<string, number>();

  /** Number of links up. */
  get size(): number {
    return this.#links.size;
  }

  /** Records a link that came up. */
  up(link: number, selfId: SelfId | undefined): void {
    this.#links.set(link, selfId);
    if (selfId !== undefined) this.#bySelf.set(String(selfId), link);
  }

  /** Records a link that went down. */
  down(link: number): void {
    if (!this.#links.has(link)) return;
    const selfId = this.#links.get(link);
    this.#links.delete(link);
    if (selfId !== undefined && this.#bySelf.get(String(selfId)) === link) {
      this.#bySelf.delete(String(selfId));
    }
  }

  /** Forgets every link. */
  clear(): void {
    this.#links.clear();
    this.#bySelf.clear();
  }

  /**
   * The link a call for `selfId` uses: that account's link; without `selfId`, the
   * first link up. A link whose account is unknown (the login probe failed) serves
   * any `selfId`, like the transports themselves.
   *
   * @param noneDetail what to say when no link is up at all.
   */
  pick(selfId: SelfId | undefined, noneDetail: string): LinkChoice {
    if (selfId === undefined) {
      for (const link of this.#links.keys()) return { link };
      return { missing: noneDetail };
    }
    const link = this.#bySelf.get(String(selfId));
    if (link !== undefined) return { link };
    const ids: string[] = [];
    for (const [id, self] of this.#links) {
      if (self === undefined) return { link: id };
      ids.push(String(self));
    }
    if (ids.length === 0) return { missing: noneDetail };
    return { missing: accountMissing(selfId, ids) };
  }
}
