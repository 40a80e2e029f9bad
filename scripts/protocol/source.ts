/**
 * Loads and describes the NapCat protocol data vendored in `protocol/napcat/` that the
 * protocol generator reads: `actions.json` (the source of truth for action names and
 * params) and NapCat's OpenAPI document (used for richer result schemas).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root, resolved from this file's location (scripts/protocol/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Folder holding the vendored NapCat protocol data (see its README.md). */
export const ONEBOT_DATA_DIR = resolve(REPO_ROOT, "protocol", "napcat");

/** One parameter as `actions.json` describes it. */
export interface SourceParam {
  name: string;
  /** Declared (schema) type, e.g. `string`, `number|string`, `array<object>`, `message`. */
  type: string;
  required: boolean;
  description?: string;
  /** What NapCat really accepts and coerces, e.g. `string|number`. */
  wire_type?: string;
  default?: unknown;
  enum?: readonly (string | number)[];
  /** Nested fields of `object` / `array<object>` params. */
  fields?: readonly SourceParam[];
}

/** One action as `actions.json` describes it. */
export interface SourceAction {
  action: string;
  origin: string;
  params: readonly SourceParam[];
  param_variants?: readonly (readonly SourceParam[])[];
  returns: string;
  summary: string;
  /** Chinese summary (falls back to the English one when actions.json has none). */
  summary_zh: string;
  aliases: readonly string[];
  suffix_aliases: readonly string[];
  /** NapCat's doc group (e.g. 群组接口); "其他" when actions.json has none. */
  napcat_tag: string;
  napcat_class: string;
  schema_validated: boolean;
  requires_packet_backend: boolean;
  stream: boolean;
  notes?: string;
  related?: readonly string[];
  example_params?: Record<string, unknown>;
}

/** A JSON schema node from the OpenAPI document (only the parts the generator reads). */
export interface JsonSchema {
  $ref?: string;
  type?: string | readonly string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: readonly string[];
  items?: JsonSchema;
  enum?: readonly unknown[];
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  allOf?: readonly JsonSchema[];
}

/** The parts of the OpenAPI document the generator reads. */
export interface OpenApiDoc {
  paths: Record<string, { post?: OpenApiOperation }>;
  components: { schemas: Record<string, JsonSchema> };
}

interface OpenApiOperation {
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> } | undefined>;
}

function readJson(file: string): unknown {
  const path = resolve(ONEBOT_DATA_DIR, file);
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Cannot read ${path}: ${reason}. The generator reads the NapCat data vendored in protocol/napcat/ (see its README.md).`,
    );
  }
}

/** Reads `actions.json` and checks its basic shape. */
export function loadActions(): SourceAction[] {
  const data = readJson("actions.json");
  if (!Array.isArray(data)) throw new Error("actions.json must hold an array of actions");
  for (const entry of data as unknown[]) {
    if (
      typeof entry !== "object" ||
      entry === null ||
      typeof (entry as { action?: unknown }).action !== "string" ||
      !Array.isArray((entry as { params?: unknown }).params)
    ) {
      throw new Error(`actions.json: malformed entry ${JSON.stringify(entry).slice(0, 120)}`);
    }
  }
  return (data as RawAction[]).map((entry) => ({
    ...entry,
    summary_zh: entry.summary_zh ?? entry.summary,
    napcat_tag: entry.napcat_tag ?? "其他",
  }));
}

/** `actions.json` leaves `summary_zh` / `napcat_tag` null for NapCat's test actions. */
type RawAction = Omit<SourceAction, "summary_zh" | "napcat_tag"> & {
  summary_zh: string | null;
  napcat_tag: string | null;
};

/** OpenAPI file name inside {@link ONEBOT_DATA_DIR} (its version is in `source.json`). */
export const OPENAPI_FILE = "openapi.json";

/** Reads NapCat's OpenAPI document. */
export function loadOpenApi(): OpenApiDoc {
  const data = readJson(OPENAPI_FILE);
  if (typeof data !== "object" || data === null || !("paths" in data)) {
    throw new Error(`${OPENAPI_FILE} is not an OpenAPI document (no "paths")`);
  }
  return data as OpenApiDoc;
}

/**
 * The `data` schema of an action's 200 response, or `undefined` when the OpenAPI
 * document does not cover the action.
 */
export function resultSchemaOf(doc: OpenApiDoc, action: string): JsonSchema | undefined {
  const schema =
    doc.paths[`/${action}`]?.post?.responses?.["200"]?.content?.["application/json"]?.schema;
  if (!schema) return undefined;
  for (const part of schema.allOf ?? []) {
    const data = part.properties?.data;
    if (data) return data;
  }
  return schema.properties?.data;
}
