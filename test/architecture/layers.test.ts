/**
 * The import graph of src/ keeps its shape: every folder (layer) imports only the
 * layers below it, and no files import each other in a circle, except the message
 * model, whose types are recursive (a forward node holds messages). Reads the
 * imports as text: static `import` / `export ... from` and `import("...")` with a
 * literal path, type-only imports included (they tie the files as tightly for a reader).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");

/** Layers from the ground up; a file may import its own layer and the layers before it. */
const LAYERS: readonly (readonly string[])[] = [
  ["protocol", "errors.ts", "files", "did-you-mean.ts", "lazy-require.ts"],
  ["message", "settings", "handle"],
  ["transport"],
  ["io"],
  ["api"],
  ["event"],
  ["command"],
  ["client"],
  ["plugin"],
  ["testing", "index.ts"],
  ["sandbox"],
  ["testing-entry.ts", "cli"],
];

/** Files allowed to import each other in a circle: the recursive message types. */
const ALLOWED_CIRCLE = /^message\//;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|(?:^|[\s;])import\s*["']([^"']+)["']/g;

/** src-relative paths of the project files `file` imports. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? match[3] ?? "";
    if (!spec.startsWith(".")) continue;
    const target = resolve(dirname(file), spec.replace(/\.js$/, ".ts"));
    found.push(relative(SRC, target));
  }
  return found;
}

function layerOf(path: string): { name: string; rank: number } {
  const name = path.split("/")[0] ?? path;
  const rank = LAYERS.findIndex((layer) => layer.includes(name));
  return { name, rank };
}

const files = sourceFiles(SRC).map((file) => relative(SRC, file));
const graph = new Map(files.map((file) => [file, importsOf(join(SRC, file))]));

describe("the import graph of src/", () => {
  it("reads the imports (a sanity floor: src/ has hundreds of internal imports)", () => {
    const edges = [...graph.values()].reduce((sum, targets) => sum + targets.length, 0);
    expect(edges).toBeGreaterThan(500);
    expect(graph.get("client/bot-client.ts")).toContain("io/types.ts");
  });

  it("names every folder and root file in one layer", () => {
    const unplaced = [...new Set(files.map((f) => layerOf(f)))].filter((l) => l.rank < 0);
    expect(unplaced.map((l) => l.name)).toEqual([]);
  });

  it("has no arrow running back up: each layer imports only itself and the layers below", () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      for (const target of targets) {
        const to = layerOf(target);
        if (to.name === from.name) continue;
        if (to.rank >= from.rank) upward.push(`${file} -> ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("has no circle of files except the recursive message types", () => {
    // Tarjan's strongly connected components.
    let index = 0;
    const order = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    const visit = (file: string): void => {
      order.set(file, index);
      low.set(file, index);
      index += 1;
      stack.push(file);
      onStack.add(file);
      for (const next of graph.get(file) ?? []) {
        if (!graph.has(next)) continue;
        if (!order.has(next)) {
          visit(next);
          low.set(file, Math.min(low.get(file) ?? 0, low.get(next) ?? 0));
        } else if (onStack.has(next)) {
          low.set(file, Math.min(low.get(file) ?? 0, order.get(next) ?? 0));
        }
      }
      if (low.get(file) === order.get(file)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          component.push(member);
        } while (member !== file);
        if (component.length > 1) circles.push(component.sort());
      }
    };
    for (const file of graph.keys()) if (!order.has(file)) visit(file);
    const forbidden = circles.filter((circle) => !circle.every((f) => ALLOWED_CIRCLE.test(f)));
    expect(forbidden).toEqual([]);
  });
});
