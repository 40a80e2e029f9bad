/**
 * "Did you mean": the nearest of some names to a misspelt one, for every error
 * that names a wrong key (settings, `bot.api` params, argument options). Names are
 * compared without case, `_` or `-`, so `api_timeout_ms` finds `apiTimeoutMs`.
 * (Command words have their own, stricter matcher: src/command/suggest.ts.)
 *
 * @module
 */

/** Edit distance (insert, delete, substitute). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(
        (row[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

/** How names are compared: lower case, without `_` and `-`. */
const fold = (name: string) => name.toLowerCase().replace(/[_-]/g, "");

/**
 * The name in `names` closest to `given`, when it is close enough to be a typo
 * (at most 2 edits, or a third of the name's length); otherwise undefined.
 */
export function didYouMean(given: string, names: Iterable<string>): string | undefined {
  const target = fold(given);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of names) {
    const d = distance(target, fold(name));
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(target.length / 3))
    ? best
    : undefined;
}
