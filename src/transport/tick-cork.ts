/**
 * Coalesces the frames written to a socket during one tick into one system call.
 *
 * Under load a single read from NapCat carries many events, and the handlers answer
 * each one synchronously: without coalescing every answer is its own `writev`, the
 * largest single cost of a busy bot. Corking the socket on the first write of a tick
 * and uncorking it on `process.nextTick` sends them together, before any timer or I/O
 * callback runs, so no latency is added. This is the pattern Node's documentation
 * gives for `writable.cork()`.
 *
 * @module
 */
import type { Writable } from "node:stream";

function release(cork: TickCork): void {
  cork.flush();
}

/** Holds one socket's writes until the end of the current tick. */
export class TickCork {
  #held: Writable | undefined;

  /** Corks `socket` until the end of this tick (a second call in the same tick is free). */
  hold(socket: Writable): void {
    const held = this.#held;
    if (held === socket) return;
    if (held !== undefined) held.uncork();
    this.#held = socket;
    socket.cork();
    process.nextTick(release, this);
  }

  /** Writes out what is held now (before a blocking call, or when the socket goes away). */
  flush(): void {
    const held = this.#held;
    if (held === undefined) return;
    this.#held = undefined;
    held.uncork();
  }
}
