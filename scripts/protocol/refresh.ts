/**
 * Refreshes the vendored NapCat data (`protocol/napcat/`) from newer files given on
 * the generator's command line (`npm run gen:protocol -- --openapi new.json`): each
 * file is parsed and shape-checked, copied over its vendored counterpart, and the
 * versions in `source.json` are updated. The generator then regenerates from it.
 *
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

/** The four data files the generator reads. */
export type DataKind = "actions" | "events" | "segments" | "openapi";

/** `protocol/napcat/source.json`: where the data came from. */
export interface DataSource {
  napcat_version: string;
  openapi_version: string;
  files: Record<DataKind, string>;
}

/** What the command line asked for: a newer file per kind, and an explicit NapCat version. */
export interface RefreshRequest {
  files: Partial<Record<DataKind, string>>;
  napcatVersion?: string;
}

const KINDS: readonly DataKind[] = ["actions", "events", "segments", "openapi"];

/**
 * Reads `--actions <file>`, `--events <file>`, `--segments <file>`, `--openapi <file>`
 * and `--napcat-version <v>` from `argv`; throws on a flag without a value.
 */
export function parseRefreshArgs(argv: readonly string[]): RefreshRequest {
  const request: RefreshRequest = { files: {} };
  const flagValue = (flag: string, i: number): string => {
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) {
      throw new Error(`${flag} needs a value, e.g. ${flag} ./napcat-openapi-4.19.0.json`);
    }
    return value;
  };
  argv.forEach((arg, i) => {
    const kind = KINDS.find((k) => arg === `--${k}`);
    if (kind) request.files[kind] = flagValue(arg, i);
    if (arg === "--napcat-version") request.napcatVersion = flagValue(arg, i);
  });
  return request;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks the shape of one newer file; returns the version it declares, if any. */
function checkShape(kind: DataKind, data: unknown, file: string): string | undefined {
  const fail = (what: string) => {
    throw new Error(`${file} is not a NapCat ${kind} file: ${what}`);
  };
  switch (kind) {
    case "openapi": {
      if (!isRecord(data) || !isRecord(data.paths)) fail('no "paths" object');
      const info = (data as { info?: { version?: unknown } }).info;
      if (typeof info?.version !== "string") fail('no "info.version" string');
      return info?.version as string;
    }
    case "actions":
      if (!Array.isArray(data) || data.length === 0) fail("expected a non-empty array");
      for (const entry of data as unknown[]) {
        if (!isRecord(entry) || typeof entry.action !== "string" || !Array.isArray(entry.params)) {
          fail(`malformed entry ${JSON.stringify(entry).slice(0, 120)}`);
        }
      }
      return undefined;
    case "events":
      if (!Array.isArray(data) || data.length === 0) fail("expected a non-empty array");
      for (const entry of data as unknown[]) {
        if (!isRecord(entry) || typeof entry.name !== "string" || !isRecord(entry.example)) {
          fail(`malformed entry ${JSON.stringify(entry).slice(0, 120)}`);
        }
      }
      return undefined;
    case "segments":
      if (!isRecord(data) || !Array.isArray(data.segments)) fail('no "segments" array');
      return typeof (data as { napcat_version?: unknown }).napcat_version === "string"
        ? ((data as { napcat_version: string }).napcat_version as string)
        : undefined;
  }
}

/** Reads `source.json` from `dataDir`. */
export function readDataSource(dataDir: string): DataSource {
  return JSON.parse(readFileSync(resolve(dataDir, "source.json"), "utf8")) as DataSource;
}

/**
 * Copies each requested newer file into `dataDir` (after checking it) and updates
 * `source.json`. Returns one line per change, for the generator's report.
 */
export function refreshData(dataDir: string, request: RefreshRequest): string[] {
  const source = readDataSource(dataDir);
  const changes: string[] = [];
  for (const kind of KINDS) {
    const file = request.files[kind];
    if (file === undefined) continue;
    const text = readFileSync(file, "utf8");
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file} is not JSON: ${(error as Error).message}`);
    }
    const version = checkShape(kind, data, file);
    if (kind === "openapi" && version) source.openapi_version = version;
    if (kind === "segments" && version && !request.napcatVersion) source.napcat_version = version;
    writeFileSync(resolve(dataDir, source.files[kind]), text);
    changes.push(
      `protocol/napcat/${source.files[kind]} <- ${file}${version ? ` (${version})` : ""}`,
    );
  }
  if (request.napcatVersion) source.napcat_version = request.napcatVersion;
  if (changes.length > 0 || request.napcatVersion) {
    writeFileSync(resolve(dataDir, "source.json"), `${JSON.stringify(source, null, 2)}\n`);
  }
  return changes;
}
