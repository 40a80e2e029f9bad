/**
 * The OneBot 11 CQ-code codec, exactly as NapCat reads and writes it
 * (`segments.json` → `cq_code`).
 *
 * - Text outside codes escapes `&` `[` `]`; parameter values also escape `,`.
 * - A code is `[CQ:<type>,<key>=<value>,...]`; type and keys match `\w+`, no spaces.
 * - Malformed codes are literal text. Decoding never throws.
 *
 * @module
 */
import { SEGMENT_TYPES, type SegmentType, type SendSegment } from "../protocol/index.js";

/**
 * NapCat's CQ decode pattern (`segments.json` → `cq_code.decode_regex`), kept for
 * reference: {@link scanCode} matches exactly what it matches, in one pass.
 * `/\[CQ:(\w+)((?:,\w+=[^,\]]*)*)\]/g`
 */
const CQ_OPEN = "[CQ:";
const TEXT_SPECIAL = /[&[\]]/;
const PARAM_SPECIAL = /[&[\],]/;
const TEXT_ESCAPE = /[&[\]]/g;
const PARAM_ESCAPE = /[&[\],]/g;
const ENTITY = /&(?:amp|#91|#93|#44);/g;

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "[": "&#91;",
  "]": "&#93;",
  ",": "&#44;",
};
const UNESCAPES: Readonly<Record<string, string>> = {
  "&amp;": "&",
  "&#91;": "[",
  "&#93;": "]",
  "&#44;": ",",
};

const KNOWN_TYPES: ReadonlySet<string> = new Set<string>(SEGMENT_TYPES);

function escapeChar(c: string): string {
  return ESCAPES[c] ?? c;
}

function unescapeEntity(e: string): string {
  return UNESCAPES[e] ?? e;
}

/**
 * Escapes text that goes outside CQ codes: `&`→`&amp;`, `[`→`&#91;`, `]`→`&#93;`
 * (commas stay). Escape each piece of user text exactly once.
 *
 * @example escapeCQText("a&b [x], y") // "a&amp;b &#91;x&#93;, y"
 */
export function escapeCQText(text: string): string {
  return TEXT_SPECIAL.test(text) ? text.replace(TEXT_ESCAPE, escapeChar) : text;
}

/**
 * Escapes a CQ parameter value: like {@link escapeCQText} plus `,`→`&#44;`.
 *
 * @example escapeCQParam("x=1,2") // "x=1&#44;2"
 */
export function escapeCQParam(value: string): string {
  return PARAM_SPECIAL.test(value) ? value.replace(PARAM_ESCAPE, escapeChar) : value;
}

/**
 * Reverses {@link escapeCQText} / {@link escapeCQParam}. Equivalent to NapCat's
 * order (`&#91;` `&#93;` `&#44;` first, `&amp;` last) in a single pass, so
 * `&amp;#91;` decodes to the literal text `&#91;`.
 */
export function unescapeCQ(text: string): string {
  return text.includes("&") ? text.replace(ENTITY, unescapeEntity) : text;
}

function isKnownType(type: string): type is SegmentType {
  return KNOWN_TYPES.has(type);
}

/** Sets an own enumerable property, safe for keys such as `__proto__`. */
function setOwn(target: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function decodeParams(params: string): Record<string, string> {
  const data: Record<string, string> = {};
  if (params === "") return data;
  // params looks like ",k=v,k2=v2": the regex guarantees each piece has a "=".
  for (const piece of params.slice(1).split(",")) {
    const eq = piece.indexOf("=");
    setOwn(data, piece.slice(0, eq), unescapeCQ(piece.slice(eq + 1)));
  }
  return data;
}

/**
 * Parses a CQ-code string into segments (OneBot 11 string message format).
 *
 * - Text between codes becomes `text` segments (unescaped); empty text is skipped.
 * - `[CQ:text,text=...]` is folded into the surrounding text.
 * - Parameter values are strings, as written (e.g. `[CQ:face,id=14]` → `{ id: "14" }`);
 *   they are not checked against the field types.
 * - Malformed codes and codes of unknown types stay literal text. Never throws.
 *
 * Only parse strings that are meant to be CQ code: plain user text goes through
 * `MessageArray.from(text)`, which never parses.
 *
 * @example parseCQ("hi [CQ:at,qq=123]") // [{type:"text",data:{text:"hi "}},{type:"at",data:{qq:"123"}}]
 */
export function parseCQ(cq: string): SendSegment[] {
  const out: SendSegment[] = [];
  let start = cq.indexOf(CQ_OPEN);
  if (start < 0) {
    if (cq !== "") out.push({ type: "text", data: { text: unescapeCQ(cq) } });
    return out;
  }
  let text = "";
  let last = 0;
  while (start >= 0) {
    const scan = scanCode(cq, start);
    if (scan.end < 0) {
      // No code starts anywhere before the point where this one failed (see scanCode).
      start = cq.indexOf(CQ_OPEN, scan.resume);
      continue;
    }
    const { typeEnd, end } = scan;
    const codeStart = start;
    const type = cq.slice(codeStart + CQ_OPEN.length, typeEnd);
    text += unescapeCQ(cq.slice(last, codeStart));
    last = end;
    start = cq.indexOf(CQ_OPEN, end);
    if (!isKnownType(type)) {
      text += cq.slice(codeStart, end);
      continue;
    }
    const data = decodeParams(cq.slice(typeEnd, end - 1));
    if (type === "text") {
      text += data.text ?? "";
      continue;
    }
    if (text !== "") {
      out.push({ type: "text", data: { text } });
      text = "";
    }
    // CQ values are strings; the send types accept NapCat's string forms.
    out.push({ type, data } as SendSegment);
  }
  text += unescapeCQ(cq.slice(last));
  if (text !== "") out.push({ type: "text", data: { text } });
  return out;
}

/** A scan result: a code `[start, end)` whose type ends at `typeEnd`, or a failure (`end` -1). */
interface Scan {
  typeEnd: number;
  end: number;
  /** On failure: where to look for the next `[CQ:` (the character that failed). */
  resume: number;
}

function isWordChar(c: number): boolean {
  // [A-Za-z0-9_], the regex `\w`
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

const COMMA = 44;
const CLOSE = 93;
const EQUALS = 61;

/**
 * Matches NapCat's pattern at `start` (where `[CQ:` is) without backtracking: the
 * pattern is deterministic (`\w+` and `[^,\]]*` both stop at the one character that
 * may follow them). When a match fails at position `p`, no match can start between
 * `start` and `p`: a `[CQ:` inside a value reaches the same `,` or `]` as the outer
 * value and from there follows the same path to the same failure. So the caller
 * resumes at `p` and every character is scanned a bounded number of times: linear.
 */
function scanCode(s: string, start: number): Scan {
  const n = s.length;
  let p = start + CQ_OPEN.length;
  const typeStart = p;
  while (p < n && isWordChar(s.charCodeAt(p))) p++;
  if (p === typeStart) return { typeEnd: p, end: -1, resume: p };
  const typeEnd = p;
  for (;;) {
    if (p >= n) return { typeEnd, end: -1, resume: n };
    const c = s.charCodeAt(p);
    if (c === CLOSE) return { typeEnd, end: p + 1, resume: p + 1 };
    if (c !== COMMA) return { typeEnd, end: -1, resume: p };
    p++;
    const keyStart = p;
    while (p < n && isWordChar(s.charCodeAt(p))) p++;
    if (p === keyStart || p >= n || s.charCodeAt(p) !== EQUALS) {
      return { typeEnd, end: -1, resume: p };
    }
    p++;
    for (let v = s.charCodeAt(p); p < n && v !== COMMA && v !== CLOSE; v = s.charCodeAt(p)) p++;
  }
}

/** A segment-like value the encoder accepts: any `{ type, data }` pair. */
export interface CQSegmentLike {
  /** Segment type. */
  readonly type: string;
  /** Segment data; values are stringified as NapCat does. */
  readonly data: object;
}

function encodeValue(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return value === "" ? undefined : value;
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
    case "object":
      return value === null ? undefined : JSON.stringify(value);
    default:
      return undefined;
  }
}

/**
 * Encodes one segment as CQ code. Text segments become escaped plain text;
 * other segments `[CQ:type,k=v,...]` with escaped values. As NapCat does,
 * `undefined` / `null` / empty-string values are omitted and objects are
 * JSON-stringified before escaping.
 */
export function segmentToCQ(segment: CQSegmentLike): string {
  if (segment.type === "text") {
    const text: unknown = (segment.data as { text?: unknown }).text;
    return escapeCQText(typeof text === "string" ? text : (encodeValue(text) ?? ""));
  }
  let out = `[CQ:${segment.type}`;
  for (const [key, raw] of Object.entries(segment.data)) {
    const value = encodeValue(raw);
    if (value !== undefined) out += `,${key}=${escapeCQParam(value)}`;
  }
  return `${out}]`;
}

/**
 * Encodes segments as a CQ-code string (OneBot 11 string message format).
 *
 * @example toCQ([{ type: "text", data: { text: "[1]" } }, { type: "face", data: { id: 14 } }]) // "&#91;1&#93;[CQ:face,id=14]"
 */
export function toCQ(segments: Iterable<CQSegmentLike>): string {
  let out = "";
  for (const segment of segments) out += segmentToCQ(segment);
  return out;
}
