/**
 * The repository stands on its own: the NapCat protocol data lives in protocol/napcat/
 * (nothing reads ../shared), and the generator refreshes it from newer files given on
 * its command line (`npm run gen:protocol -- --openapi <file>`).
 */
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parseRefreshArgs, readDataSource, refreshData } from "../../scripts/protocol/refresh.js";
import { ONEBOT_DATA_DIR } from "../../scripts/protocol/source.js";

const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const temps: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ncatbot-protocol-"));
  temps.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("vendored NapCat data", () => {
  it("lives inside the repository, with its source and version noted", () => {
    expect(ONEBOT_DATA_DIR).toBe(join(repoRoot, "protocol", "napcat"));
    const source = readDataSource(ONEBOT_DATA_DIR);
    expect(source.napcat_version).toMatch(/^v4\.18\.19/);
    expect(source.openapi_version).toBe("4.18.13");
    const readme = readFileSync(join(ONEBOT_DATA_DIR, "README.md"), "utf8");
    expect(readme).toContain("v4.18.19");
    expect(readme).toContain("--openapi");
  });

  it("no test, script or generator reads data from outside the repository", () => {
    const offenders = ["scripts", "test", "src"]
      .flatMap((dir) => filesUnder(join(repoRoot, dir)))
      .filter((file) => /\.(ts|mjs|js)$/.test(file))
      .filter((file) => /\.\.\/(\.\.\/)*shared\/onebot/.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });
});

describe("gen:protocol --openapi / --actions / ... (refresh from a newer NapCat)", () => {
  it("parses the refresh flags and rejects a flag without a file", () => {
    expect(parseRefreshArgs(["--check"])).toEqual({ files: {} });
    expect(
      parseRefreshArgs(["--openapi", "a.json", "--events", "e.json", "--napcat-version", "v5"]),
    ).toEqual({ files: { openapi: "a.json", events: "e.json" }, napcatVersion: "v5" });
    expect(() => parseRefreshArgs(["--openapi"])).toThrow(/--openapi needs a value/);
  });

  it("copies a newer OpenAPI file in and records its version", () => {
    const data = tempDir();
    cpSync(ONEBOT_DATA_DIR, data, { recursive: true });
    const doc = JSON.parse(readFileSync(join(data, "openapi.json"), "utf8"));
    doc.info.version = "4.19.0";
    const newer = join(tempDir(), "napcat-openapi-4.19.0.json");
    writeFileSync(newer, JSON.stringify(doc));

    const changes = refreshData(data, { files: { openapi: newer } });
    expect(changes).toEqual([`protocol/napcat/openapi.json <- ${newer} (4.19.0)`]);
    expect(readDataSource(data).openapi_version).toBe("4.19.0");
    expect(JSON.parse(readFileSync(join(data, "openapi.json"), "utf8")).info.version).toBe(
      "4.19.0",
    );
  });

  it("refuses a file of the wrong shape and leaves the data as it was", () => {
    const data = tempDir();
    cpSync(ONEBOT_DATA_DIR, data, { recursive: true });
    const before = readFileSync(join(data, "actions.json"), "utf8");
    const wrong = join(tempDir(), "actions.json");
    writeFileSync(wrong, JSON.stringify({ paths: {} }));
    expect(() => refreshData(data, { files: { actions: wrong } })).toThrow(
      /is not a NapCat actions file: expected a non-empty array/,
    );
    expect(readFileSync(join(data, "actions.json"), "utf8")).toBe(before);
  });
});
