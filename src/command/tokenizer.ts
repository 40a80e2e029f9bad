/**
 * The command-line tokenizer: splits text on whitespace, honouring quotes
 * (`"a b"`, `'a b'`, `“a b”`) and backslash escapes (`\"`, `\\`, `\ `), like a shell.
 * Total: never throws; an unterminated quote runs to the end of the text.
 *
 * @module
 */

/** One word of a command line. */
export interface TextToken {
  /** The word with quotes removed and escapes applied. */
  readonly value: string;
  /** Offset of the word's first character in the text (quotes included). */
  readonly start: number;
  /** Offset just past the word's last character. */
  readonly end: number;
  /** True when any part of the word was quoted (a quoted word is never a flag). */
  readonly quoted: boolean;
}

const CLOSING: Readonly<Record<string, string>> = { '"': '"', "'": "'", "“": "”" };

function isSpace(ch: string): boolean {
  return ch === " " || ch === "\n" || ch === "\t" || ch === "\r" || /\s/u.test(ch);
}

/**
 * Splits `text` into words.
 *
 * @example
 * ```ts
 * tokenize(`say "hello world" it\\'s`).map((t) => t.value); // ["say", "hello world", "it's"]
 * ```
 */
export function tokenize(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text[i] as string)) i++;
    if (i >= n) break;
    const start = i;
    let value = "";
    let quoted = false;
    while (i < n) {
      const ch = text[i] as string;
      if (isSpace(ch)) break;
      if (ch === "\\" && i + 1 < n) {
        value += text[i + 1];
        i += 2;
        continue;
      }
      const close = CLOSING[ch];
      if (close !== undefined) {
        quoted = true;
        i++;
        while (i < n && text[i] !== close) {
          if (text[i] === "\\" && i + 1 < n && (text[i + 1] === close || text[i + 1] === "\\")) {
            value += text[i + 1];
            i += 2;
          } else {
            value += text[i];
            i++;
          }
        }
        i++; // the closing quote (or past the end)
        continue;
      }
      value += ch;
      i++;
    }
    tokens.push({ value, start, end: Math.min(i, n), quoted });
  }
  return tokens;
}

/**
 * Quotes `value` so that {@link tokenize} reads it back as one word equal to it:
 * plain words are returned as they are, anything else in double quotes with `"`
 * and `\` escaped.
 */
export function quoteArg(value: string): string {
  if (value !== "" && !/[\s"'\u201c\\]/u.test(value)) return value;
  return `"${value.replace(/["\\]/g, "\\$&")}"`;
}
