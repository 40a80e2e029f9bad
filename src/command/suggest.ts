/**
 * Did-you-mean for commands: the known command name closest to what was typed,
 * stricter than the settings' matcher (src/did-you-mean.ts, whose edit distance it uses).
 *
 * @module
 */
import { editDistance } from "../did-you-mean.js";

/** The candidate closest to `word` within a distance that grows with its length (1 up to 4 letters, then 2), or undefined. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const max = word.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const d = editDistance(word, candidate, max);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
