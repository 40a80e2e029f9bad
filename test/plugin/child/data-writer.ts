/**
 * Child process of data.test.ts: rewrites one small JSON file in a loop with the
 * plugins' atomic writer, printing a line after each write, until it is killed.
 * (Small, so a plain truncate-and-write would often be caught half done.)
 */
import { writeFileAtomic } from "../../../src/files/atomic.js";

const [file] = process.argv.slice(2);
if (!file) throw new Error("usage: data-writer.ts <file>");
export const FILLER = 1000;
const texts = [1, 2].map((n) => JSON.stringify({ n, filler: String(n).repeat(FILLER) }));
for (let n = 0; ; n++) {
  writeFileAtomic(file, texts[n % 2] as string);
  process.stdout.write(`${n}\n`);
  if (n % 4 === 3) await new Promise((resolve) => setImmediate(resolve));
}
