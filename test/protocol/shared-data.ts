/** Reads the vendored NapCat data (protocol/napcat/*.json) for the protocol tests. */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Folder holding the vendored NapCat protocol data. */
export const ONEBOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../protocol/napcat");

/** Parses one of the shared JSON files. */
export function readShared(file: string): unknown {
  return JSON.parse(readFileSync(resolve(ONEBOT_DIR, file), "utf8"));
}

/** One action param as actions.json lists it. */
export interface SharedParam {
  name: string;
  type: string;
  required: boolean;
  default?: unknown;
  enum?: unknown[];
  wire_type?: string;
  fields?: SharedParam[];
}

/** One action as actions.json lists it. */
export interface SharedAction {
  action: string;
  origin: string;
  params: SharedParam[];
  aliases: string[];
  suffix_aliases: string[];
}

/** One event as events.json lists it. */
export interface SharedEvent {
  name: string;
  post_type: string;
  message_type?: string;
  notice_type?: string;
  request_type?: string;
  meta_event_type?: string;
  sub_types: string[];
  declared_but_never_emitted_sub_types?: string[];
  fields: { name: string }[];
  example: Record<string, unknown>;
}

/** actions.json */
export const sharedActions = (): SharedAction[] => readShared("actions.json") as SharedAction[];
/** events.json */
export const sharedEvents = (): SharedEvent[] => readShared("events.json") as SharedEvent[];
/** segments.json segment type names */
export const sharedSegmentTypes = (): string[] =>
  (readShared("segments.json") as { segments: { type: string }[] }).segments.map((s) => s.type);
