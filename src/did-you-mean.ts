/**
 * "Did you mean": the nearest of some names to a misspelt one, for every error
 * that names a wrong key (settings, `bot.api` params, argument options). Names are
 * compared without case, `_` or `-`, so `api_timeout_ms` finds `apiTimeoutMs`.
 * Command words use the same edit distance with a stricter limit (src/command/suggest.ts).
 *
 * @module
 */

/** Edit distance (insert, delete, substitute, swap of neighbours), stopping early above `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(d);
      best = Math.min(best, d);
    }
    if (i > 0 && best > max) return max + 1;
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
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
    const d = editDistance(target, fold(name));
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(target.length / 3))
    ? best
    : undefined;
}
