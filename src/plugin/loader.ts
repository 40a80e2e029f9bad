/**
 * Finding and importing plugin folders. A folder's entry is the `main` of its
 * `package.json`, else `index.ts`, `index.mts`, `index.js` or `index.mjs`.
 * TypeScript entries load without a build step through tsx's ESM hooks (registered
 * on the first TS plugin). Each import of a plugin gets a fresh copy of the
 * plugin's own files (its node_modules and the framework are shared), which is
 * what a reload needs.
 *
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { register } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { PluginLoadError } from "./errors.js";
import { explainModuleFormat, importFailureReason } from "./module-format.js";
import { isPluginClass, type PluginClass } from "./plugin.js";

const ENTRY_NAMES = ["index.ts", "index.mts", "index.js", "index.mjs", "index.cjs"];
const TS_ENTRY = /\.[mc]?tsx?$/;

/** A plugin folder found on disk. */
export interface PluginFolder {
  /** The folder's name. */
  readonly folder: string;
  /** Absolute path of the folder. */
  readonly dir: string;
  /** Absolute path of the entry file. */
  readonly entry: string;
}

/** Lists the plugin folders under `root` (sorted by name), with the folders that have no entry. */
export function findPluginFolders(root: string): {
  folders: PluginFolder[];
  problems: PluginLoadError[];
} {
  const folders: PluginFolder[] = [];
  const problems: PluginLoadError[] = [];
  const base = resolve(root);
  const names = readdirSync(base).sort();
  for (const name of names) {
    if (name.startsWith(".") || name.startsWith("_") || name === "node_modules") continue;
    const dir = join(base, name);
    if (!statSync(dir).isDirectory()) continue;
    const found = findEntry(dir);
    if (typeof found === "string") folders.push({ folder: name, dir, entry: found });
    else problems.push(found);
  }
  return { folders, problems };
}

/** The entry file of one plugin folder, or the error saying what is missing. */
export function findEntry(dir: string): string | PluginLoadError {
  const manifest = join(dir, "package.json");
  if (existsSync(manifest)) {
    let main: unknown;
    try {
      main = (JSON.parse(readFileSync(manifest, "utf8")) as { main?: unknown }).main;
    } catch (error) {
      return new PluginLoadError(
        undefined,
        manifest,
        `package.json is not valid JSON (${(error as Error).message})`,
        "Fix the JSON.",
      );
    }
    if (typeof main === "string") {
      const entry = resolve(dir, main);
      if (existsSync(entry)) return entry;
      return new PluginLoadError(
        undefined,
        manifest,
        `its "main" (${main}) does not exist`,
        'Point "main" at the plugin\'s entry file, or build the plugin.',
      );
    }
  }
  for (const name of ENTRY_NAMES) {
    const entry = join(dir, name);
    if (existsSync(entry)) return entry;
  }
  return new PluginLoadError(
    undefined,
    dir,
    'the folder has no index.ts, index.js, index.mjs or package.json "main"',
    "Add an entry file that default-exports the plugin class.",
  );
}

// ---------------------------------------------------------------- import hooks

/**
 * A resolve hook carried as a data: URL (nothing to ship or locate at run time):
 * files imported from a plugin's entry that lie inside the plugin's folder (and
 * outside node_modules) get the same `ncatbot-plugin` query as the entry, so each
 * generation of a plugin is a fresh set of modules.
 */
const RESOLVE_HOOK = `
const TAG = "ncatbot-plugin";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const parent = context.parentURL;
  if (!parent || !result.url.startsWith("file:") || !parent.includes(TAG + "=")) return result;
  const tag = new URL(parent).searchParams.get(TAG);
  if (!tag) return result;
  const root = tag.slice(tag.indexOf("|") + 1);
  const url = new URL(result.url);
  if (url.searchParams.has(TAG) || !url.href.startsWith(root) || url.pathname.includes("/node_modules/")) return result;
  url.searchParams.set(TAG, tag);
  return { ...result, url: url.href };
}
`;

let hookRegistered = false;
let tsxRegistered: Promise<void> | undefined;

function registerResolveHook(): void {
  if (hookRegistered) return;
  hookRegistered = true;
  register(`data:text/javascript,${encodeURIComponent(RESOLVE_HOOK)}`);
}

// A real import() in both builds: esbuild keeps import() in CommonJS output for node20.
// (Under vitest it is vite's, which loads TypeScript itself and shares the test's modules.)
const nativeImport = (specifier: string): Promise<Record<string, unknown>> => import(specifier);

async function registerTsx(): Promise<void> {
  tsxRegistered ??= import("tsx/esm/api").then((api) => {
    (api as { register: () => unknown }).register();
  });
  return tsxRegistered;
}

let generation = 0;

/**
 * Imports a plugin entry (a fresh copy of its own files each time) and returns its
 * default export, checked to be a plugin class.
 *
 * @throws PluginLoadError naming the file: a syntax error, a failing import, or a
 *   default export that is not a plugin.
 */
export async function importPlugin(folder: PluginFolder): Promise<PluginClass> {
  registerResolveHook();
  if (TS_ENTRY.test(folder.entry)) {
    try {
      await registerTsx();
    } catch (error) {
      throw new PluginLoadError(
        undefined,
        folder.entry,
        `TypeScript support (tsx) could not start: ${(error as Error).message}`,
        "Reinstall ncatbot (tsx is one of its dependencies), or build the plugin to JavaScript.",
      );
    }
  }
  const root = pathToFileURL(folder.dir).href.replace(/\/?$/, "/");
  const url = new URL(pathToFileURL(folder.entry).href);
  url.searchParams.set("ncatbot-plugin", `${++generation}|${root}`);
  let module: Record<string, unknown>;
  try {
    module = await nativeImport(url.href);
  } catch (error) {
    const format = explainModuleFormat(folder.entry, error);
    if (format)
      throw new PluginLoadError(undefined, folder.entry, format.problem, format.fix, error);
    throw new PluginLoadError(
      undefined,
      folder.entry,
      `it could not be imported: ${importFailureReason(error)}`,
      "Fix the error in the plugin's code (run it with `npx tsx <file>` to see the full error).",
      error,
    );
  }
  let exported = module.default;
  // A CommonJS plugin's module.exports arrives as `default`; its own `default` may be inside.
  if (
    !isPluginClass(exported) &&
    exported !== null &&
    typeof exported === "object" &&
    isPluginClass((exported as { default?: unknown }).default)
  ) {
    exported = (exported as { default?: unknown }).default;
  }
  if (!isPluginClass(exported)) {
    const what =
      exported === undefined
        ? "it has no default export"
        : `its default export is ${describe(exported)}, not a plugin`;
    throw new PluginLoadError(
      undefined,
      folder.entry,
      what,
      "Default-export a class extending NcatBotPlugin (`export default class X extends NcatBotPlugin {...}`) or `export default definePlugin({...})`.",
    );
  }
  return exported;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "function")
    return `a function (${value.name || "anonymous"}) that does not extend NcatBotPlugin`;
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
