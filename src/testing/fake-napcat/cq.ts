/**
 * A small CQ-code codec with NapCat's escaping rules (segments.json `cq_code`):
 * text escapes `& [ ]`, parameter values also escape `,`; decoding unescapes
 * `&#91; &#93; &#44;` first and `&amp;` last; all decoded values are strings.
 *
 * @module
 */
import { setOwnField } from "./own-field.js";

/** A message segment as it travels over the wire: `{ type, data }`. */
export interface WireSegment {
  type: string;
  data: Record<string, unknown>;
}

/** Escapes text outside CQ codes (`&`, `[`, `]`). */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/\[/g, "&#91;").replace(/]/g, "&#93;");
}

/** Escapes a CQ parameter value (`&`, `[`, `]`, `,`). */
export function escapeParam(value: string): string {
  return escapeText(value).replace(/,/g, "&#44;");
}

/** Reverses {@link escapeText} / {@link escapeParam}, `&amp;` last. */
export function unescapeCq(text: string): string {
  return text
    .replace(/&#91;/g, "[")
    .replace(/&#93;/g, "]")
    .replace(/&#44;/g, ",")
    .replace(/&amp;/g, "&");
}

function paramText(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Renders segments as a CQ string (NapCat's `raw_message`). Empty values are omitted. */
export function toCqString(segments: readonly WireSegment[]): string {
  let out = "";
  for (const seg of segments) {
    if (seg.type === "text") {
      out += escapeText(typeof seg.data.text === "string" ? seg.data.text : "");
      continue;
    }
    out += `[CQ:${seg.type}`;
    for (const [key, value] of Object.entries(seg.data)) {
      const text = paramText(value);
      if (text !== undefined) out += `,${key}=${escapeParam(text)}`;
    }
    out += "]";
  }
  return out;
}

const CQ_PATTERN = /\[CQ:(\w+)((?:,\w+=[^,\]]*)*)]/g;

/** Parses a CQ string into segments; malformed codes stay literal text, as in NapCat. */
export function parseCqString(input: string): WireSegment[] {
  const out: WireSegment[] = [];
  let last = 0;
  for (const match of input.matchAll(CQ_PATTERN)) {
    const index = match.index ?? 0;
    if (index > last)
      out.push({ type: "text", data: { text: unescapeCq(input.slice(last, index)) } });
    const data: Record<string, unknown> = {};
    const rawParams = match[2] ?? "";
    for (const pair of rawParams.split(",").slice(1)) {
      const eq = pair.indexOf("=");
      setOwnField(data, pair.slice(0, eq), unescapeCq(pair.slice(eq + 1)));
    }
    out.push({ type: match[1] ?? "text", data });
    last = index + match[0].length;
  }
  if (last < input.length)
    out.push({ type: "text", data: { text: unescapeCq(input.slice(last)) } });
  return out;
}
