/**
 * Generates the protocol layer from the NapCat data vendored in protocol/napcat/:
 * - src/protocol/action-specs.generated.ts (runtime param specs)
 * - src/protocol/action-params.generated.ts (compact param names for bot.api's check)
 * - src/protocol/actions.generated.ts (typed action table and name lists)
 * - src/testing/events/examples.generated.ts (the catalog's event examples)
 * - src/api/methods.generated.ts (every `bot.api` method and Sync twin, with TSDoc)
 * - docs/reference/api.md (Chinese API reference)
 *
 * Usage: `npm run gen:protocol` writes the files; `npm run check:generated`
 * (`--check`) exits 1 when any of them would change. To refresh the data from a
 * newer NapCat first: `npm run gen:protocol -- --openapi <file>` (also `--actions`,
 * `--events`, `--segments <file>`, `--napcat-version <v>`; see protocol/napcat/README.md).
 *
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { EVENT_EXAMPLES_FILE, renderEventExamples } from "./gen-event-examples.js";
import { emitActions } from "./protocol/emit-actions.js";
import { emitDocs } from "./protocol/emit-docs.js";
import { emitMethods } from "./protocol/emit-methods.js";
import { emitParams } from "./protocol/emit-params.js";
import { emitSpecs } from "./protocol/emit-specs.js";
import { nameActions } from "./protocol/names.js";
import { parseRefreshArgs, refreshData } from "./protocol/refresh.js";
import { loadActions, loadOpenApi, ONEBOT_DATA_DIR, REPO_ROOT } from "./protocol/source.js";

/** Builds every generated file in memory: repo-relative path -> content. */
export function generate(): { files: Map<string, string>; report: string[] } {
  const actions = loadActions().sort((a, b) =>
    a.action < b.action ? -1 : a.action > b.action ? 1 : 0,
  );
  const seen = new Set<string>();
  for (const { action } of actions) {
    if (seen.has(action)) throw new Error(`actions.json lists "${action}" twice`);
    seen.add(action);
  }
  const doc = loadOpenApi();
  const naming = nameActions(actions);
  const names = new Map(naming.names.map((entry) => [entry.action, entry]));
  const files = new Map<string, string>([
    ["src/protocol/action-specs.generated.ts", emitSpecs(actions, names)],
    ["src/protocol/action-params.generated.ts", emitParams(actions)],
    ["src/protocol/actions.generated.ts", emitActions(actions, names, doc)],
    ["src/api/methods.generated.ts", emitMethods(actions, names)],
    ["docs/reference/api.md", emitDocs(actions, names)],
    [EVENT_EXAMPLES_FILE, renderEventExamples()],
  ]);
  const report = naming.callOnly.map(
    ({ action, method, owner }) =>
      `"${action}" is call-only: method ${method} belongs to "${owner}"`,
  );
  return { files, report };
}

function main(): void {
  const check = process.argv.includes("--check");
  const refresh = parseRefreshArgs(process.argv.slice(2));
  if (Object.keys(refresh.files).length > 0 || refresh.napcatVersion) {
    if (check) throw new Error("--check cannot be combined with a data refresh");
    for (const line of refreshData(ONEBOT_DATA_DIR, refresh)) console.log(`refreshed ${line}`);
  }
  const { files, report } = generate();
  const stale: string[] = [];
  for (const [path, content] of files) {
    const target = resolve(REPO_ROOT, path);
    const current = existsSync(target) ? readFileSync(target, "utf8") : undefined;
    if (current === content) continue;
    stale.push(path);
    if (!check) {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
  if (check) {
    if (stale.length > 0) {
      console.error(
        `Generated protocol files are out of date:\n  ${stale.join("\n  ")}\nRun \`npm run gen:protocol\` and commit the result.`,
      );
      process.exit(1);
    }
    console.log(`Generated protocol files are up to date (${files.size} files).`);
    return;
  }
  for (const line of report) console.log(`note: ${line}`);
  console.log(
    stale.length > 0
      ? `Wrote ${stale.map((path) => relative(".", resolve(REPO_ROOT, path))).join(", ")}`
      : "Nothing changed.",
  );
}

/** True when this file is the process entry point (not imported by a test). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href;
}

if (isEntryPoint()) {
  try {
    main();
  } catch (error) {
    const detail =
      error instanceof Error ? (process.env.DEBUG ? error.stack : error.message) : String(error);
    console.error(`gen-protocol failed: ${detail}`);
    process.exit(1);
  }
}
