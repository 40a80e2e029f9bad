#!/usr/bin/env node
// Summarises V8 CPU profiles (`node --cpu-prof` output, e.g. from
// `node bench/soak.mjs --events 200000 --profile bench/.work/prof`): self time
// per function and per file, as a share of all samples of that profile.
// Idle time ("(idle)", "(program)") is listed too so shares stay honest; the
// second column is the share of the non-idle samples.
//
//   node bench/prof-summary.mjs <file.cpuprofile | dir> [--top 25] [--filter dist/]
//
// --filter keeps only functions whose file path contains the text (the
// shares stay relative to the whole profile).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const argv = process.argv.slice(2);
let top = 25;
let filter = "";
const inputs = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--top") top = Number(argv[++i]);
  else if (argv[i] === "--filter") filter = argv[++i] ?? "";
  else inputs.push(argv[i]);
}
if (inputs.length === 0) {
  console.error(
    "usage: node bench/prof-summary.mjs <file.cpuprofile | dir> [--top 25] [--filter dist/]",
  );
  process.exit(2);
}

const files = inputs.flatMap((p) =>
  statSync(p).isDirectory()
    ? readdirSync(p)
        .filter((f) => f.endsWith(".cpuprofile"))
        .map((f) => join(p, f))
    : [p],
);

const shortUrl = (url) => (url ? relative(process.cwd(), url.replace(/^file:\/\//, "")) : "");

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const total = profile.samples.length;
  const perFunction = new Map();
  const perFile = new Map();
  for (const [id, count] of hits) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = shortUrl(url);
    const key =
      `${functionName || "(anonymous)"} ${where ? `${where}:${lineNumber + 1}` : ""}`.trim();
    perFunction.set(key, (perFunction.get(key) ?? 0) + count);
    const fileKey = where || functionName;
    perFile.set(fileKey, (perFile.get(fileKey) ?? 0) + count);
  }
  const busy = total - (perFunction.get("(idle)") ?? 0);
  const pct = (n) =>
    `${((n / total) * 100).toFixed(1)}%`.padStart(6) +
    ` ${((n / busy) * 100).toFixed(1)}%`.padStart(7);
  const print = (title, map) => {
    console.log(`\n${title}`);
    const rows = [...map].filter(([k]) => k.includes(filter)).sort((a, b) => b[1] - a[1]);
    for (const [key, count] of rows.slice(0, top)) console.log(`${pct(count)}  ${key}`);
  };
  const seconds = (profile.endTime - profile.startTime) / 1e6;
  console.log(`\n== ${file}: ${total} samples over ${seconds.toFixed(1)} s`);
  console.log("(first column: share of all samples; second: share of non-idle samples)");
  print("self time by function:", perFunction);
  print("self time by file:", perFile);
}
