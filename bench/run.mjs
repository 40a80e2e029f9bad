#!/usr/bin/env node
// `npm run bench`: NcatBot against the floor (a bare `ws` client), same run,
// same machine. For each round it runs ../shared/bench/loadgen.mjs on the
// floor, the async driver and the sync driver in turn (and the peers with
// --peers), then measures each bot's cold start (spawn -> first pong,
// --cold times per round). It
// prints a Markdown table of medians over the rounds with ratios to the
// floor, then the performance budget as PASS / MISS lines, and saves the raw
// results to bench/.work/results-<date>.json.
//
//   node bench/run.mjs [--events 20000] [--rounds 3] [--window 500] [--cold 3]
//                      [--install-peers] [--peers] [--strict] [--verbose]
//                      [--node-flags "--max-semi-space-size=4"]
//
// --node-flags adds two rows: the floor and the async driver, both started as
// `node <flags> ...`, so a Node setting (docs/performance.md) is compared at equal
// conditions. The budget lines always judge the rows run with Node's defaults.
//
// Exit code: 1 when a bot crashed or failed a run (or, with --strict, when a
// budget line is a MISS); 0 otherwise, MISS lines included.
import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { measureColdStart } from "./lib/cold-start.mjs";

const BENCH = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(BENCH, "..");
const SHARED = resolve(REPO, "../shared/bench");
const WORK = join(BENCH, ".work");

// ------------------------------------------------------------------ options
function parseArgs(argv) {
  const opts = {
    events: 20000,
    rounds: 3,
    window: 500,
    cold: 3,
    peers: false,
    installPeers: false,
    strict: false,
    verbose: false,
    nodeFlags: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const num = (name) => {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value <= 0)
        fail(`${arg} needs a positive integer, e.g. ${arg} ${opts[name]}`);
      opts[name] = value;
    };
    if (arg === "--events") num("events");
    else if (arg === "--rounds") num("rounds");
    else if (arg === "--window") num("window");
    else if (arg === "--cold") num("cold");
    else if (arg === "--peers") opts.peers = true;
    else if (arg === "--install-peers") opts.installPeers = opts.peers = true;
    else if (arg === "--strict") opts.strict = true;
    else if (arg === "--verbose") opts.verbose = true;
    else if (arg === "--node-flags") {
      const flags = (argv[++i] ?? "").split(/\s+/).filter(Boolean);
      if (flags.length === 0 || flags.some((f) => !f.startsWith("--")))
        fail(`--node-flags needs Node options, e.g. --node-flags "--max-semi-space-size=4"`);
      opts.nodeFlags = flags;
    } else
      fail(
        `unknown option ${arg}; valid: --events N --rounds N --window N --cold N --peers --install-peers --strict --verbose --node-flags "..."`,
      );
  }
  return opts;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

const log = (message) => console.error(`[bench] ${message}`);

// ------------------------------------------------------------------ work dir
/** Copies a file as a fresh, writable file (the shared kit is read-only). */
function copyWritable(from, to) {
  rmSync(to, { force: true });
  writeFileSync(to, readFileSync(from));
}

function prepareWorkDir(opts) {
  if (!existsSync(join(SHARED, "loadgen.mjs")))
    fail(`cannot find ${SHARED}/loadgen.mjs; the shared bench kit must sit next to the repo`);
  if (!existsSync(join(REPO, "dist/index.js")))
    fail("dist/ is missing: run `npm run build` first (npm run bench does it for you)");
  mkdirSync(join(WORK, "drivers"), { recursive: true });
  copyWritable(join(SHARED, "loadgen.mjs"), join(WORK, "loadgen.mjs"));
  copyWritable(join(SHARED, "drivers/raw-ws.mjs"), join(WORK, "drivers/raw-ws.mjs"));
  // loadgen.mjs and raw-ws.mjs import `ws`: resolve it from the repo's node_modules.
  if (!existsSync(join(WORK, "node_modules")))
    symlinkSync(join(REPO, "node_modules"), join(WORK, "node_modules"), "dir");
  if (opts.installPeers) {
    const peers = join(WORK, "peers");
    mkdirSync(peers, { recursive: true });
    for (const file of readdirSync(join(SHARED, "peers")))
      copyWritable(join(SHARED, "peers", file), join(peers, file));
    log("installing peers (npm ci in bench/.work/peers) ...");
    const ci = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], {
      cwd: peers,
      stdio: "inherit",
    });
    if (ci.status !== 0) fail("npm ci in bench/.work/peers failed; see its output above");
  }
}

function botList(opts) {
  const bots = [
    {
      name: "floor",
      label: "raw `ws` client (floor)",
      cmd: ["node", join(WORK, "drivers/raw-ws.mjs")],
    },
    {
      name: "async",
      label: "ncatbot async (`postGroupMsg`)",
      cmd: ["node", join(BENCH, "drivers/async.mjs")],
    },
    {
      name: "sync",
      label: "ncatbot sync (`postGroupMsgSync`)",
      cmd: ["node", join(BENCH, "drivers/sync.mjs")],
    },
    {
      name: "commands",
      label: "ncatbot async + 500 commands (traffic matches none)",
      cmd: ["node", join(BENCH, "drivers/commands.mjs")],
    },
    {
      name: "plugins20",
      label: "ncatbot async + 20 plugins (each a handler ignoring the traffic)",
      cmd: ["node", join(BENCH, "drivers/plugins20.mjs")],
    },
  ];
  if (opts.nodeFlags.length > 0) {
    const flags = opts.nodeFlags.join(" ");
    bots.push(
      {
        name: "floor-flags",
        label: `floor, \`node ${flags}\``,
        cmd: ["node", ...opts.nodeFlags, join(WORK, "drivers/raw-ws.mjs")],
      },
      {
        name: "async-flags",
        label: `ncatbot async, \`node ${flags}\``,
        cmd: ["node", ...opts.nodeFlags, join(BENCH, "drivers/async.mjs")],
      },
    );
  }
  if (opts.peers) {
    if (!existsSync(join(WORK, "peers/node_modules")))
      fail("--peers needs bench/.work/peers/node_modules: add --install-peers once");
    bots.push(
      {
        name: "napcat-ts",
        label: "node-napcat-ts 0.4.25",
        cmd: ["node", join(WORK, "peers/napcat-ts.mjs")],
      },
      {
        name: "koishi",
        label: "Koishi 4.18 + adapter-onebot",
        cmd: ["node", join(WORK, "peers/koishi.cjs")],
      },
    );
  }
  return bots;
}

// ------------------------------------------------------------------ one loadgen run
function runLoadgen(bot, opts) {
  // Slow bots (sync, Koishi) need more than loadgen's default 120 s on big runs.
  const timeoutMs = Math.max(120000, opts.events * 20);
  const args = [
    join(WORK, "loadgen.mjs"),
    "--name",
    bot.name,
    "--events",
    String(opts.events),
    "--window",
    String(opts.window),
    "--timeout",
    String(timeoutMs),
    "--connect-timeout",
    "20000",
  ];
  if (opts.verbose) args.push("--verbose", "1");
  args.push("--", ...bot.cmd);
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, {
      cwd: REPO,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("close", (code) => {
      const line = out
        .trim()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .pop();
      let result;
      try {
        result = line
          ? JSON.parse(line)
          : { name: bot.name, error: `loadgen printed no result (exit code ${code})` };
      } catch {
        result = { name: bot.name, error: `unreadable loadgen output: ${line.slice(0, 200)}` };
      }
      if (code !== 0 && !result.error) result.error = `loadgen exit code ${code}`;
      resolvePromise(result);
    });
  });
}

// ------------------------------------------------------------------ statistics
function median(values) {
  const list = values
    .filter((v) => typeof v === "number" && Number.isFinite(v))
    .sort((a, b) => a - b);
  if (list.length === 0) return null;
  const mid = Math.floor(list.length / 2);
  return list.length % 2 ? list[mid] : (list[mid - 1] + list[mid]) / 2;
}

const METRICS = [
  { key: "cpu_s_per_10k_events", head: "CPU s / 10k events", digits: 3 },
  { key: "peak_rss_mb", head: "peak RSS MB", digits: 1 },
  { key: "p50_ms", head: "p50 ms", digits: 1 },
  { key: "p99_ms", head: "p99 ms", digits: 1 },
  { key: "pongs_per_s", head: "pongs/s", digits: 0 },
  { key: "first_pong_ms", head: "cold start ms", digits: 0 },
];

function summarize(bots, runs) {
  const rows = {};
  for (const bot of bots) {
    const mine = runs.filter((r) => r.bot === bot.name);
    const ok = mine.filter((r) => !r.load.error);
    const row = { name: bot.name, label: bot.label, rounds: mine.length, ok_rounds: ok.length };
    for (const { key } of METRICS) {
      row[key] = median(
        key === "first_pong_ms"
          ? mine.flatMap((r) => r.cold.map((c) => c.first_pong_ms))
          : ok.map((r) => r.load[key]),
      );
    }
    for (const key of ["lost", "wrong", "private_answered"])
      row[key] = ok.reduce((sum, r) => sum + (r.load[key] ?? 0), 0);
    row.errors = mine.flatMap((r) => [r.load.error, ...r.cold.map((c) => c.error)].filter(Boolean));
    row.unclean_exits = mine.flatMap((r) => r.cold).filter((c) => !c.clean_exit).length;
    rows[bot.name] = row;
  }
  return rows;
}

function fmt(value, digits) {
  if (value === null || value === undefined) return "n/a";
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function ratio(value, floor) {
  return value === null || !floor ? null : value / floor;
}

function table(rows) {
  const floor = rows.floor;
  const head = ["bot", ...METRICS.map((m) => m.head), "lost / wrong / private (sum)"];
  const lines = [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`];
  for (const row of Object.values(rows)) {
    const cells = METRICS.map(({ key, digits }) => {
      const r = row.name === "floor" ? null : ratio(row[key], floor[key]);
      return r === null ? fmt(row[key], digits) : `${fmt(row[key], digits)} (${r.toFixed(2)}x)`;
    });
    lines.push(
      `| ${row.label} | ${cells.join(" | ")} | ${row.lost} / ${row.wrong} / ${row.private_answered} |`,
    );
  }
  return lines.join("\n");
}

function budget(rows) {
  const { floor, async: asyncRow, sync, commands } = rows;
  const checks = [];
  const limit = (name, value, max, what) => {
    const r = ratio(value, floor[name]);
    const pass = r !== null && (what === "max" ? r <= max : r >= max);
    return { pass, got: r === null ? "n/a" : `${r.toFixed(2)}x` };
  };
  const cpu = limit("cpu_s_per_10k_events", asyncRow.cpu_s_per_10k_events, 1.3, "max");
  checks.push({ ...cpu, line: `async CPU per event <= 1.3x floor: ${cpu.got}` });
  if (commands) {
    const c = limit("cpu_s_per_10k_events", commands.cpu_s_per_10k_events, 1.3, "max");
    checks.push({
      ...c,
      line: `500 commands, no match: async CPU per event <= 1.3x floor: ${c.got}`,
    });
  }
  const rss = limit("peak_rss_mb", asyncRow.peak_rss_mb, 1.5, "max");
  checks.push({ ...rss, line: `async peak RSS <= 1.5x floor: ${rss.got}` });
  for (const row of [asyncRow, sync, commands].filter(Boolean)) {
    const bad = row.lost + row.wrong + row.private_answered;
    const pass = bad === 0 && row.ok_rounds === row.rounds;
    checks.push({
      pass,
      line: `${row.name}: zero lost / wrong / private-answered in every round: ${row.lost} / ${row.wrong} / ${row.private_answered} (${row.ok_rounds}/${row.rounds} rounds completed)`,
    });
  }
  const plugins = rows.plugins20;
  if (plugins) {
    const pcpu = limit("cpu_s_per_10k_events", plugins.cpu_s_per_10k_events, 1.3, "max");
    checks.push({ ...pcpu, line: `async + 20 plugins CPU per event <= 1.3x floor: ${pcpu.got}` });
    const bad = plugins.lost + plugins.wrong + plugins.private_answered;
    checks.push({
      pass: bad === 0 && plugins.ok_rounds === plugins.rounds,
      line: `plugins20: zero lost / wrong / private-answered in every round: ${plugins.lost} / ${plugins.wrong} / ${plugins.private_answered} (${plugins.ok_rounds}/${plugins.rounds} rounds completed)`,
    });
  }
  const tput = limit("pongs_per_s", sync.pongs_per_s, 0.2, "min");
  checks.push({ ...tput, line: `sync pongs/s >= 0.2x floor: ${tput.got}` });
  return checks;
}

// ------------------------------------------------------------------ main
const opts = parseArgs(process.argv.slice(2));
prepareWorkDir(opts);
const bots = botList(opts);
const runs = [];
const started = new Date();
for (let round = 1; round <= opts.rounds; round++) {
  for (const bot of bots) {
    log(`round ${round}/${opts.rounds}: ${bot.name}, ${opts.events} events ...`);
    const load = await runLoadgen(bot, opts);
    const cold = [];
    for (let i = 0; i < opts.cold; i++)
      cold.push(await measureColdStart(bot.cmd, { verbose: opts.verbose }));
    const problems = [load.error, ...cold.map((c) => c.error)].filter(Boolean);
    if (problems.length > 0) log(`  ${bot.name} FAILED: ${problems.join("; ")}`);
    else
      log(
        `  ${load.pongs_per_s} pongs/s, ${load.cpu_s_per_10k_events} CPU s/10k, ${load.peak_rss_mb} MB, cold start ${cold.map((c) => c.first_pong_ms).join(" / ")} ms`,
      );
    runs.push({ round, bot: bot.name, load, cold });
  }
}

const rows = summarize(bots, runs);
const checks = budget(rows);
console.log(
  `\n${opts.events.toLocaleString("en-US")} events per run, ${opts.rounds} rounds, medians; (x) = ratio to the floor's median in this run.\n`,
);
console.log(table(rows));
console.log("\nBudget:\n");
for (const check of checks) console.log(`- ${check.pass ? "PASS" : "MISS"} ${check.line}`);
if (rows["floor-flags"] && rows["async-flags"]) {
  const f = rows["floor-flags"];
  const a = rows["async-flags"];
  const x = (key) => ratio(a[key], f[key])?.toFixed(2) ?? "n/a";
  console.log(
    `- INFO with \`node ${opts.nodeFlags.join(" ")}\` for both (not a budget line): async CPU ${x("cpu_s_per_10k_events")}x, peak RSS ${x("peak_rss_mb")}x the floor run with the same flags`,
  );
}
const crashed = Object.values(rows).filter((row) => row.errors.length > 0);
for (const row of crashed)
  console.log(`- ERROR ${row.name}: ${[...new Set(row.errors)].join("; ")}`);
for (const row of Object.values(rows))
  if (row.unclean_exits)
    console.log(
      `- NOTE ${row.name} needed SIGKILL after SIGTERM in ${row.unclean_exits} cold start(s)`,
    );

const file = join(WORK, `results-${started.toISOString().slice(0, 19).replace(/:/g, "-")}.json`);
writeFileSync(
  file,
  `${JSON.stringify({ date: started.toISOString(), node: process.version, options: opts, runs, summary: rows, budget: checks }, null, 2)}\n`,
);
console.log(`\nRaw results: ${file}`);

if (crashed.length > 0 || (opts.strict && checks.some((c) => !c.pass))) process.exitCode = 1;
