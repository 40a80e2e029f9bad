/**
 * NcatBot's logger: pino, levelled, with every token and secret masked at any
 * depth of a logged object and in every string (messages, URLs, errors).
 * Human-readable lines on a terminal, JSON lines elsewhere (or as configured).
 *
 * @module
 */
import { type DestinationStream, type Logger, pino } from "pino";
import { maskSecrets, maskSecretsInText } from "../settings/redact.js";

/** Log levels a user may choose. `silent` turns logging off. */
export type LogLevel = "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";

/** Output format: `pretty` for people, `json` for log collectors. */
export type LogFormat = "pretty" | "json";

/** The logger type NcatBot uses (a pino logger). Pass your own as `new BotClient(options, { logger })`. */
export type BotLogger = Logger;

/** Returns an already masked `err` field as it is (pino's own serializer would rename its type). */
function keepError(value: unknown): unknown {
  return value;
}

function maskMessage(message: unknown): unknown {
  return typeof message === "string" ? maskSecretsInText(message) : message;
}

const LEVEL_LABELS: Readonly<Record<number, string>> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO ",
  40: "WARN ",
  50: "ERROR",
  60: "FATAL",
};

const OMITTED_KEYS = new Set(["level", "time", "pid", "hostname", "msg", "name"]);

function formatTime(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function formatValue(value: unknown): string {
  if (typeof value === "string") return /\s/.test(value) ? JSON.stringify(value) : value;
  if (value && typeof value === "object" && "message" in value && "type" in value) {
    const err = value as { type: string; message: string; stack?: string };
    return `${err.type}: ${err.message}`;
  }
  return JSON.stringify(value);
}

/** True when the message already says `value` (a string, or an error's message): said once. */
function saidInMessage(msg: string, value: unknown): boolean {
  if (typeof value === "string") return value.length > 0 && msg.includes(value);
  const message = (value as { message?: unknown } | null)?.message;
  return typeof message === "string" && message.length > 0 && msg.includes(message);
}

/** The stack of a logged error, indented under its line (pretty mode shows where it failed). */
function stackOf(err: unknown): string {
  const stack = (err as { stack?: unknown } | undefined)?.stack;
  if (typeof stack !== "string") return "";
  const frames = stack.split("\n").filter((line) => /^\s+at /.test(line));
  return frames.length ? `${frames.map((line) => `    ${line.trim()}`).join("\n")}\n` : "";
}

/**
 * A destination that turns pino's JSON lines into one readable line each:
 * `12:00:00 INFO  [ncatbot] connected to NapCat selfId=123`.
 */
export function prettyDestination(out: NodeJS.WritableStream = process.stdout): DestinationStream {
  return {
    write(line: string) {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      const level = LEVEL_LABELS[Number(record.level)] ?? String(record.level);
      const msg = String(record.msg ?? "");
      const fields = Object.keys(record)
        .filter((key) => !OMITTED_KEYS.has(key) && !saidInMessage(msg, record[key]))
        .map((key) => `${key}=${formatValue(record[key])}`)
        .join(" ");
      const name = typeof record.name === "string" ? ` [${record.name}]` : "";
      out.write(
        `${formatTime(Number(record.time))} ${level}${name} ${String(record.msg ?? "")}${fields ? ` ${fields}` : ""}\n${stackOf(record.err)}`,
      );
    },
  };
}

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  /** Where lines go; defaults to stdout. */
  destination?: NodeJS.WritableStream;
}

/**
 * Creates NcatBot's default logger.
 *
 * @example
 * ```ts
 * const log = createLogger({ level: "debug" });
 * log.info({ selfId: 123 }, "connected");
 * ```
 */
export function createLogger(options: LoggerOptions = {}): BotLogger {
  const format = options.format ?? (process.stdout.isTTY ? "pretty" : "json");
  const base = {
    level: options.level ?? "info",
    base: { name: "ncatbot" },
    // Every logged object is copied with secrets masked at any depth (see maskSecrets);
    // the message text and child bindings are masked too.
    formatters: {
      log: (object: Record<string, unknown>) => maskSecrets(object) as Record<string, unknown>,
      bindings: (bindings: Record<string, unknown>) =>
        maskSecrets(bindings) as Record<string, unknown>,
    },
    serializers: { err: keepError, msg: maskMessage },
  };
  const out = options.destination ?? process.stdout;
  return pino(base, format === "pretty" ? prettyDestination(out) : (out as DestinationStream));
}
