/**
 * The params text of async calls in flight, kept outside the JS heap.
 *
 * A call keeps its params only so that `ActionFailedError.params` can name them if
 * NapCat refuses the call. Kept as a JS string, that text (~150 bytes for a short
 * message) is the largest thing a pending reply holds, and under load every pending
 * reply survives several young-generation collections, which is what makes V8 grow
 * its young generation (and the process's RSS). Here the text is copied as UTF-8 into
 * a shared 64 KiB slab instead: the call keeps the slab, an offset and a length. A
 * slab is reused once none of its calls is waiting (a few spare slabs are kept, so a
 * busy bot cycles through the same handful instead of leaving dead ones for the
 * garbage collector). Texts over 16 KiB (inline media) stay strings: they are rare
 * and V8 keeps them out of the young generation.
 *
 * @module
 */

/** Slab size: a few hundred short params each. */
const SLAB_BYTES = 64 * 1024;
/** Texts longer than this (in UTF-16 units) are kept as strings. */
const MAX_STORED_LENGTH = SLAB_BYTES / 4;
/** Empty slabs kept for reuse. */
const MAX_SPARE_SLABS = 4;

/** One block of params texts; `waiting` counts the calls whose text is in it. */
export class ParamsSlab {
  readonly bytes = Buffer.allocUnsafeSlow(SLAB_BYTES);
  used = 0;
  waiting = 0;
}

/** Where a call's params text is: a slab (with offset and byte length), or the text itself. */
export interface ParamsHolder {
  params: ParamsSlab | string;
  paramsAt: number;
  paramsBytes: number;
}

/** Stores params texts for {@link ParamsHolder}s and gives them back. */
export class ParamsStore {
  #slab = new ParamsSlab();
  readonly #spare: ParamsSlab[] = [];

  /** Stores `text` for `holder` (sets its three fields). */
  keep(holder: ParamsHolder, text: string): void {
    if (text.length > MAX_STORED_LENGTH) {
      holder.params = text;
      return;
    }
    let slab = this.#slab;
    // A UTF-16 unit takes at most 3 bytes in UTF-8: check room before writing.
    if (slab.used + text.length * 3 > SLAB_BYTES) {
      if (slab.waiting !== 0) slab = this.#spare.pop() ?? new ParamsSlab();
      slab.used = 0;
      this.#slab = slab;
    }
    const written = slab.bytes.write(text, slab.used, "utf8");
    holder.params = slab;
    holder.paramsAt = slab.used;
    holder.paramsBytes = written;
    slab.used += written;
    slab.waiting += 1;
  }

  /** The text stored for `holder`, once; its slab space may be reused afterwards. */
  take(holder: ParamsHolder): string {
    const { params } = holder;
    if (typeof params === "string") return params;
    const text = params.bytes.toString(
      "utf8",
      holder.paramsAt,
      holder.paramsAt + holder.paramsBytes,
    );
    this.release(holder);
    return text;
  }

  /** Frees `holder`'s space without reading it (the call succeeded). */
  release(holder: ParamsHolder): void {
    const { params } = holder;
    if (typeof params === "string") return;
    holder.params = "";
    params.waiting -= 1;
    if (params.waiting !== 0) return;
    // The current slab starts over once nothing in it waits; an older one becomes a spare.
    if (params === this.#slab) params.used = 0;
    else if (this.#spare.length < MAX_SPARE_SLABS) this.#spare.push(params);
  }
}
