/**
 * Batching across the thread boundary, both ways: one `postMessage` per turn of the
 * event loop instead of one per frame. Order is kept within and across batches.
 *
 * @module
 */
import type { Command, Control, InboundBatch, OutboundBatch } from "./wire.js";

/** Runs `flush` once after the current synchronous work (a microtask by default). */
export type Scheduler = (flush: () => void) => void;

/**
 * The items of one turn, posted together: the first item queued schedules one
 * flush, and {@link TurnBatch.flush} posts whatever has been queued since the last.
 */
class TurnBatch<T> {
  #items: T[] = [];
  #scheduled = false;
  readonly #flush = (): void => this.flush();

  /**
   * @param post sends one batch.
   * @param schedule when to flush after the first item (default `queueMicrotask`).
   */
  constructor(
    private readonly post: (batch: T[]) => void,
    private readonly schedule: Scheduler = queueMicrotask,
  ) {}

  /** Posts everything queued now (also called by the scheduler). */
  flush(): void {
    this.#scheduled = false;
    if (this.#items.length === 0) return;
    const items = this.#items;
    this.#items = [];
    this.reset();
    this.post(items);
  }

  /** Drops everything queued (the other side is gone). */
  clear(): void {
    this.#items = [];
    this.reset();
  }

  protected push(item: T): void {
    this.#items.push(item);
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.schedule(this.#flush);
  }

  /** Called whenever the queue empties: a subclass forgets what it knew of the batch. */
  protected reset(): void {}
}

/**
 * Worker side: collects the frames (as text, never parsed here) and reports of one
 * turn and posts them as ONE {@link InboundBatch}. Frames from one socket read
 * arrive synchronously, so a microtask flush already gathers them. (Measured: posting
 * the raw bytes in one transferred buffer instead cost more CPU than decoding here,
 * because every flush then allocates and transfers a fresh ArrayBuffer.)
 */
export class InboundBatcher extends TurnBatch<InboundBatch[number]> {
  /** Queues one frame (its JSON text). */
  frame(text: string): void {
    this.push(text);
  }

  /** Queues one report, ordered with the frames around it. */
  control(item: Control): void {
    this.push(item);
  }
}

/**
 * Walks one inbound batch in order: each frame as text, each report as is.
 * Called on the main thread; a handler may block (Sync call) in the middle, the
 * rest of the batch simply waits.
 */
export function readInbound(
  batch: InboundBatch,
  onFrame: (text: string) => void,
  onControl: (item: Control) => void,
): void {
  for (let k = 0; k < batch.length; k++) {
    const item = batch[k] as string | Control;
    if (typeof item === "string") onFrame(item);
    else onControl(item);
  }
}

/**
 * Main side: request frames and commands of one microtask, posted as ONE
 * {@link OutboundBatch}. `flush()` may be called early (before a Sync call blocks the
 * thread, so nothing queued is held back behind it).
 */
export class OutboundQueue extends TurnBatch<OutboundBatch[number]> {
  #link = -1;

  /** Queues a request frame for `link`. */
  frame(link: number, frame: string): void {
    if (link !== this.#link) {
      this.push({ t: "to", link });
      this.#link = link;
    }
    this.push(frame);
  }

  /** Queues a command. */
  command(command: Command): void {
    this.push(command);
  }

  protected override reset(): void {
    this.#link = -1;
  }
}
