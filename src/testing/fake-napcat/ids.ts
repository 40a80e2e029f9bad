/**
 * Id generators: NapCat-like short message ids (positive int32 hashes), flags and
 * file ids. Deterministic per fake instance so test output is reproducible.
 *
 * @module
 */

/** Hands out unique positive int32 ids that look like NapCat's hashed message ids. */
export class IdSource {
  #counter = 0;
  readonly #used = new Set<number>();
  readonly #seed: number;

  constructor(seed = 0x5bd1e995) {
    this.#seed = seed;
  }

  /** Next unique positive int32 (never 0). */
  nextInt32(): number {
    for (;;) {
      this.#counter += 1;
      let h = Math.imul(this.#counter ^ this.#seed, 0x9e3779b1);
      h ^= h >>> 15;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      const id = h & 0x7fffffff;
      if (id !== 0 && !this.#used.has(id)) {
        this.#used.add(id);
        return id;
      }
    }
  }

  /** A 32-hex-digit id, like NapCat's file ids and md5 names. */
  nextHex(): string {
    let out = "";
    for (let i = 0; i < 4; i += 1) out += this.nextInt32().toString(16).padStart(8, "0");
    return out;
  }
}
