/**
 * Turns the reference data's type notations into TypeScript type text:
 * `actions.json` parameter types (wire types) and OpenAPI result schemas.
 *
 * @module
 */
import type { JsonSchema, SourceParam } from "./source.js";

/** TypeScript type of an outgoing message (`message` params of the send_* actions). */
export const MESSAGE_TYPE = "string | readonly SendSegment[]";

/** TS template-literal type for a numeric string: `${number}`. */
const NUMERIC_STRING = `\`\${number}\``;

/** Escapes text for use inside a `/** ... *\/` comment. */
export function commentText(text: string): string {
  return text.replace(/\*\//g, "*\\/").replace(/\r?\n/g, " ");
}

/** A property key as TypeScript source: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

/** Splits `a|array<b|c>|d` on top-level `|` only. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "<" || char === "(") depth++;
    if (char === ">" || char === ")") depth--;
    if (char === "|" && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else current += char;
  }
  parts.push(current.trim());
  return parts;
}

function union(types: readonly string[]): string {
  return [...new Set(types)].join(" | ");
}

/** Maps one token of a wire type (`string`, `numeric string`, `0/1`, ...) to TS. */
function wireToken(token: string): string[] {
  switch (token) {
    case "string":
      return ["string"];
    case "number":
      return ["number"];
    case "numeric string":
      return [NUMERIC_STRING];
    case "boolean":
      return ["boolean"];
    case '"true"/"false"':
      return ['"true"', '"false"'];
    case "0/1":
      return ["0", "1"];
    default:
      throw new Error(
        `Unknown wire type token "${token}": extend wireToken() in scripts/protocol/ts-types.ts`,
      );
  }
}

/** Maps a declared `type` (`string`, `array<object>`, `number|string`, ...) to TS. */
function declaredType(
  type: string,
  fields: readonly SourceParam[] | undefined,
  indent: string,
): string {
  const parts = splitTopLevel(type).map((part): string => {
    const array = /^array<(.+)>$/.exec(part);
    if (array) {
      const inner = declaredType(array[1]!, fields, indent);
      return /^[\w.]+$/.test(inner) || inner.startsWith("{")
        ? `readonly ${inner}[]`
        : `readonly (${inner})[]`;
    }
    switch (part) {
      case "string":
      case "number":
      case "boolean":
      case "null":
        return part;
      case "any":
        return "unknown";
      case "message":
        return MESSAGE_TYPE;
      case "object":
        return fields && fields.length > 0 ? objectType(fields, indent) : "Record<string, unknown>";
      default:
        throw new Error(
          `Unknown declared type "${part}": extend declaredType() in scripts/protocol/ts-types.ts`,
        );
    }
  });
  return union(parts);
}

/** The TS type a client may send for one parameter (follows `wire_type` when present). */
export function paramType(param: SourceParam, indent = ""): string {
  if (param.enum && param.enum.length > 0) {
    return union(param.enum.map((value) => JSON.stringify(value)));
  }
  if (param.type === "message") return MESSAGE_TYPE;
  const wire = param.wire_type;
  if (wire === undefined) return declaredType(param.type, param.fields, indent);
  if (wire.startsWith("array<string> (a single scalar")) return "string | readonly string[]";
  if (wire.startsWith("string (CQ code)")) return MESSAGE_TYPE;
  const tokens = splitTopLevel(wire).flatMap(wireToken);
  const hasString = tokens.includes("string");
  const hasNumber = tokens.includes("number");
  return union(
    tokens.filter((token) => {
      if (hasString && (token === NUMERIC_STRING || token.startsWith('"'))) return false;
      if (hasNumber && (token === "0" || token === "1")) return false;
      return true;
    }),
  );
}

/** TSDoc line for one parameter: description, default, and what NapCat accepts. */
export function paramDoc(param: SourceParam): string {
  const bits: string[] = [];
  if (param.description)
    bits.push(/[.!?)]$/.test(param.description) ? param.description : `${param.description}.`);
  if (param.default !== undefined) bits.push(`Default: \`${JSON.stringify(param.default)}\`.`);
  if (param.wire_type) bits.push(`Wire: \`${param.wire_type}\`.`);
  return commentText(bits.join(" "));
}

/** `{ a: T; b?: U }` from a list of fields, one member per line. */
export function objectType(fields: readonly SourceParam[], indent: string): string {
  const inner = `${indent}  `;
  const lines = fields.map((field) => {
    const doc = paramDoc(field);
    const comment = doc ? `${inner}/** ${doc} */\n` : "";
    const optional = field.required ? "" : "?";
    return `${comment}${inner}${propertyKey(field.name)}${optional}: ${paramType(field, inner)};`;
  });
  return `{\n${lines.join("\n")}\n${indent}}`;
}

/** Renders OpenAPI result schemas, collecting the named component schemas they use. */
export class SchemaRenderer {
  /** Component schemas referenced so far (name -> schema), emitted as named interfaces. */
  readonly used = new Map<string, JsonSchema>();

  constructor(private readonly components: Record<string, JsonSchema>) {}

  /** TS type text for a schema. */
  render(schema: JsonSchema, indent = ""): string {
    if (schema.$ref) return this.ref(schema.$ref, indent);
    if (schema.anyOf || schema.oneOf) {
      return union(
        (schema.anyOf ?? schema.oneOf ?? []).map((part) => this.wrap(this.render(part, indent))),
      );
    }
    if (schema.allOf) {
      return schema.allOf.map((part) => this.wrap(this.render(part, indent))).join(" & ");
    }
    if (schema.enum && schema.enum.length > 0) {
      return union(schema.enum.map((value) => JSON.stringify(value)));
    }
    const types = typeof schema.type === "string" ? [schema.type] : (schema.type ?? []);
    if (types.length === 0) return "unknown";
    return union(types.map((type) => this.renderType(type, schema, indent)));
  }

  private wrap(text: string): string {
    return text.includes(" | ") || text.includes(" & ") ? `(${text})` : text;
  }

  private ref(ref: string, indent: string): string {
    const name = ref.replace("#/components/schemas/", "");
    const target = this.components[name];
    if (!target) throw new Error(`Unresolved $ref ${ref}`);
    if (target.type === "object" && target.properties) {
      if (!this.used.has(name)) {
        this.used.set(name, target);
        this.render({ ...target, description: "" }, ""); // collect nested refs
      }
      return name;
    }
    return this.render(target, indent);
  }

  private renderType(type: string, schema: JsonSchema, indent: string): string {
    switch (type) {
      case "string":
      case "number":
      case "boolean":
      case "null":
        return type;
      case "integer":
        return "number";
      case "array":
        return schema.items ? `${this.wrap(this.render(schema.items, indent))}[]` : "unknown[]";
      case "object":
        return this.objectSchema(schema, indent);
      default:
        return "unknown";
    }
  }

  /** An object schema as a type literal (or a loose record when it lists no properties). */
  objectSchema(schema: JsonSchema, indent: string): string {
    const properties = Object.entries(schema.properties ?? {});
    if (properties.length === 0) {
      const values = Object.values(schema.patternProperties ?? {});
      const extra =
        typeof schema.additionalProperties === "object" ? [schema.additionalProperties] : [];
      const value = [...values, ...extra][0];
      return `Record<string, ${value ? this.render(value, indent) : "unknown"}>`;
    }
    const required = new Set(schema.required ?? []);
    const inner = `${indent}  `;
    const lines = properties.map(([key, value]) => {
      const comment = value.description ? `${inner}/** ${commentText(value.description)} */\n` : "";
      const optional = required.has(key) ? "" : "?";
      return `${comment}${inner}${propertyKey(key)}${optional}: ${this.render(value, inner)};`;
    });
    return `{\n${lines.join("\n")}\n${indent}}`;
  }
}

/**
 * Fallback result type from `actions.json`'s `returns` text, for actions the OpenAPI
 * document does not cover. Handles `null`, primitives and flat `{a: T, b?: U}`; else `unknown`.
 */
export function returnsToType(returns: string): string | undefined {
  const text = returns.trim();
  if (/^(null|string|number|boolean)$/.test(text)) return text;
  const match = /^\{(.*)\}$/.exec(text);
  if (!match) return undefined;
  const members = match[1]!.split(",").map((member) => member.trim());
  const out: string[] = [];
  for (const member of members) {
    const field =
      /^(\w+)(\??):\s*((?:string|number|boolean|null)(?:\|(?:string|number|boolean|null))*)$/.exec(
        member,
      );
    if (!field) return undefined;
    out.push(`${field[1]}${field[2]}: ${field[3]!.split("|").join(" | ")}`);
  }
  return `{ ${out.join("; ")} }`;
}
