#!/usr/bin/env node
// `npm run bench:soak`: does the async bot leak? Pushes a long stream of
// events (default one million, the load generator's mix: half group pings,
// half ignored messages / notices / requests / heartbeats, at most --window
// pings unanswered) through bench/drivers/async.mjs from a fake NapCat
// (lib/fake-napcat.mjs), and samples the bot's RSS (VmRSS in /proc) every
// second. Reports RSS once warmed up (after --warmup of the events, default
// 10%) against RSS at the end, the growth in percent (budget: < 10%), the
// highest RSS seen after warm-up, and pongs / lost / wrong.
//
//   node bench/soak.mjs [--events 1000000] [--window 500] [--warmup 0.1]
//                       [--driver bench/drivers/async.mjs] [--strict] [--verbose]
//                       [--sample-ms 1000] [--profile DIR]
//
// --profile DIR runs the bot under `node --cpu-prof` and writes its profiles
// (one per thread) to DIR; the bot is stopped with SIGTERM and must exit by
// itself for them to be written. Summarise with bench/prof-summary.mjs.
//
// Try `--events 100000` first. Samples go to bench/.work/soak-<date>.json.
// Exit code 1 when the bot crashed or stalled (or, with --strict, when the
// growth budget is missed).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  groupPing,
  noiseEvent,
  nowMs,
  procSample,
  spawnBot,
  startFakeNapcat,
  stopChild,
} from "./lib/fake-napcat.mjs";

const BENCH = dirname(fileURLToPath(import.meta.url));
const WORK = join(BENCH, ".work");
const STALL_MS = 30000; // no pong for this long while pings are pending: the bot is stuck
const SETTLE_MS = 1500; // start-up grace after the bot connects, as loadgen does

const opts = {
  events: 1000000,
  window: 500,
  warmup: 0.1,
  driver: join(BENCH, "drivers/async.mjs"),
  strict: false,
  verbose: false,
  profile: null,
  sampleMs: 1000,
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === "--events" || arg === "--window") opts[arg.slice(2)] = Number(argv[++i]);
  else if (arg === "--warmup") opts.warmup = Number(argv[++i]);
  else if (arg === "--sample-ms") opts.sampleMs = Number(argv[++i]);
  else if (arg === "--driver") opts.driver = resolve(argv[++i]);
  else if (arg === "--strict") opts.strict = true;
  else if (arg === "--verbose") opts.verbose = true;
  else if (arg === "--profile")
    opts.profile = resolve(argv[++i] ?? exitWith("--profile needs a directory"));
  else
    exitWith(
      `unknown option ${arg}; valid: --events N --window N --warmup F --driver PATH --sample-ms N --strict --verbose --profile DIR`,
    );
}
if (!Number.isInteger(opts.events) || opts.events < 1000)
  exitWith("--events needs an integer >= 1000, e.g. --events 100000");
if (!Number.isInteger(opts.window) || opts.window < 1)
  exitWith("--window needs a positive integer, e.g. --window 500");
if (!Number.isInteger(opts.sampleMs) || opts.sampleMs < 50)
  exitWith("--sample-ms needs an integer >= 50, e.g. --sample-ms 250");
if (!(opts.warmup > 0 && opts.warmup < 1))
  exitWith("--warmup is a fraction of the events between 0 and 1, e.g. --warmup 0.1");

function exitWith(message) {
  console.error(`soak: ${message}`);
  process.exit(2);
}

const pending = new Set(); // ping numbers sent and not yet answered
let pushed = 0;
let pings = 0;
let pongs = 0;
let wrong = 0;
let privateAnswered = 0;
let nextPing = 1;
let lastProgress = nowMs();
let rng = 7;
const rand = () => {
  rng = (rng * 1103515245 + 12345) & 0x7fffffff;
  return rng / 0x7fffffff;
};
let finish;
const finished = new Promise((r) => (finish = r));
let current = null;
const warmAt = Math.ceil(opts.warmup * opts.events);

function pump() {
  const ws = current;
  if (ws === null || ws.readyState !== ws.OPEN) return;
  while (pushed < opts.events && pending.size < opts.window) {
    if (ws.bufferedAmount > 4 << 20) {
      setImmediate(pump);
      return;
    }
    let event;
    if (rand() < 0.5) {
      const n = nextPing++;
      pending.add(n);
      pings += 1;
      event = groupPing(n);
    } else event = noiseEvent(rand());
    ws.send(JSON.stringify(event));
    pushed += 1;
    if (pushed === warmAt) takeSample(); // the warm-up point exactly, between the 1 s samples
  }
  if (pushed >= opts.events && pending.size === 0) finish("done");
}

const server = await startFakeNapcat({
  onConnection: (ws) => {
    current = ws;
    ws.once("close", () => {
      if (current === ws) current = null;
    });
    setTimeout(() => {
      if (current === ws) {
        lastProgress = nowMs();
        pump();
      }
    }, SETTLE_MS);
  },
  onReply: ({ text, isPrivate }) => {
    const m = /^pong (\d+)$/.exec(text);
    if (isPrivate && text.startsWith("pong")) privateAnswered += 1;
    else if (m && pending.delete(Number(m[1]))) {
      pongs += 1;
      lastProgress = nowMs();
      pump();
    } else wrong += 1;
  },
});

const nodeArgs = opts.profile ? ["--cpu-prof", `--cpu-prof-dir=${opts.profile}`] : [];
const child = spawnBot(["node", ...nodeArgs, opts.driver], server.url, { verbose: opts.verbose });
const t0 = nowMs();
child.once("exit", (code, signal) => finish(`the bot exited (code ${code}, signal ${signal})`));
const samples = [];
function takeSample() {
  const s = procSample(child.pid);
  if (s)
    samples.push({
      t_s: +((nowMs() - t0) / 1000).toFixed(1),
      pushed,
      pongs,
      rss_mb: +s.rssMb.toFixed(1),
      cpu_s: s.cpuS,
    });
  return s;
}
let reported = 0;
const sampler = setInterval(() => {
  const s = takeSample();
  if (pushed >= ((reported + 1) / 10) * opts.events) {
    reported = Math.floor((pushed / opts.events) * 10);
    console.error(
      `[soak] ${pushed.toLocaleString("en-US")} events, RSS ${s ? s.rssMb.toFixed(1) : "?"} MB`,
    );
  }
  if (current === null && pushed === 0 && nowMs() - t0 > 60000)
    finish("the bot did not connect within 60 s");
  if (pending.size > 0 && nowMs() - lastProgress > STALL_MS)
    finish(`stalled: no pong for ${STALL_MS / 1000} s with ${pending.size} pings pending`);
}, opts.sampleMs);

const outcome = await finished;
await new Promise((r) => setTimeout(r, 300)); // late or duplicate replies
clearInterval(sampler);
takeSample();
child.removeAllListeners("exit");
const cleanExit = await stopChild(child, opts.profile ? 15000 : 3000);
await server.close();

const warm = samples.find((s) => s.pushed >= warmAt);
const end = samples.at(-1);
const afterWarm = warm ? samples.slice(samples.indexOf(warm)) : [];
const growth = warm && end ? ((end.rss_mb - warm.rss_mb) / warm.rss_mb) * 100 : null;
// RSS swings with V8's heap sizing; medians over a window at each end are steadier
// than two single samples: the 10% of events after warm-up vs the last 10%.
const median = (list) => {
  const v = list.map((x) => x.rss_mb).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : null;
};
const early = median(
  samples.filter((x) => x.pushed >= warmAt && x.pushed <= warmAt + opts.events / 10),
);
const late = median(samples.filter((x) => x.pushed >= opts.events * 0.9));
const windowGrowth = early && late ? +(((late - early) / early) * 100).toFixed(1) : null;
const result = {
  outcome,
  events: pushed,
  pings,
  pongs,
  lost: pings - pongs,
  wrong,
  private_answered: privateAnswered,
  seconds: end ? end.t_s : null,
  warm_rss_mb: warm?.rss_mb ?? null,
  end_rss_mb: end?.rss_mb ?? null,
  max_rss_after_warmup_mb: afterWarm.length ? Math.max(...afterWarm.map((s) => s.rss_mb)) : null,
  growth_pct: growth === null ? null : +growth.toFixed(1),
  median_rss_early_mb: early,
  median_rss_late_mb: late,
  window_growth_pct: windowGrowth,
  clean_exit: cleanExit,
};
const pass =
  outcome === "done" &&
  growth !== null &&
  growth < 10 &&
  result.lost === 0 &&
  wrong === 0 &&
  privateAnswered === 0;

console.log(
  `\nSoak: ${pushed.toLocaleString("en-US")} events through ${opts.driver} (${outcome}) in ${result.seconds} s\n`,
);
console.log(
  "| RSS after warm-up MB | RSS at end MB | growth | max RSS after warm-up MB | pongs | lost | wrong | private answered |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
console.log(
  `| ${result.warm_rss_mb ?? "n/a"} (at ${warm?.pushed.toLocaleString("en-US") ?? "?"} events) | ${result.end_rss_mb ?? "n/a"} | ${growth === null ? "n/a" : `${result.growth_pct}%`} | ${result.max_rss_after_warmup_mb ?? "n/a"} | ${pongs} | ${result.lost} | ${wrong} | ${privateAnswered} |`,
);
console.log(
  `\n- ${pass ? "PASS" : "MISS"} RSS growth from warm-up to end < 10%, nothing lost or wrong`,
);
console.log(
  `- median RSS over the 10% of events after warm-up: ${early ?? "n/a"} MB; over the last 10%: ${late ?? "n/a"} MB (${windowGrowth ?? "n/a"}%)`,
);
if (!cleanExit) console.log("- NOTE the bot needed SIGKILL after SIGTERM");

mkdirSync(WORK, { recursive: true });
const file = join(WORK, `soak-${new Date().toISOString().slice(0, 19).replace(/:/g, "-")}.json`);
writeFileSync(file, `${JSON.stringify({ options: opts, result, samples }, null, 2)}\n`);
console.log(`\nSamples: ${file}`);
if (outcome !== "done" || (opts.strict && !pass)) process.exitCode = 1;
