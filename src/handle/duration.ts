/**
 * Durations written as text (`"500ms"`, `"30s"`, `"2h30m"`, `"1d"`): one parser for
 * scheduled tasks, command cooldowns and the test clock.
 *
 * @module
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/** `"2h30m"` → 9,000,000; undefined when `text` is not a duration. Whitespace is ignored. */
export function parseDuration(text: string): number | undefined {
  const compact = text.replace(/\s+/g, "");
  if (!DURATION.test(compact)) return undefined;
  let total = 0;
  for (const match of compact.matchAll(PART))
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ""] ?? 0);
  return total;
}
