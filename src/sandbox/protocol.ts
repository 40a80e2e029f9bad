/**
 * The sandbox page's wire protocol: JSON frames over the WebSocket at `/ws`.
 * The page sends {@link PageCommand}s; the server answers each with an `ack`
 * and pushes {@link PagePush} frames (messages, notices, the bot's API calls).
 *
 * @module
 */

/** A conversation: a group, or the private chat with one friend. */
export type ChatRef = { type: "group"; id: number } | { type: "private"; id: number };

/** A segment ready for display: wire `{ type, data }` plus display hints added by the server. */
export interface ViewSegment {
  type: string;
  data: Record<string, unknown>;
  /** Display name of an `at` target. */
  name?: string;
  /** Image source the page can show (`data:` URI or http URL). */
  src?: string;
  /** For `reply`: who said the quoted message and its text. */
  quote?: { name: string; text: string };
  /** For merged forwards: the nodes. */
  nodes?: { name: string; segments: ViewSegment[] }[];
}

/** A message shown in a conversation (said by a user, or sent by the bot). */
export interface ViewMessage {
  chat: ChatRef;
  /** NapCat's message_id, when known. */
  message_id: number | undefined;
  sender: { user_id: number; name: string; bot: boolean };
  segments: ViewSegment[];
  /** Unix seconds. */
  time: number;
  /** Set once the message was recalled. */
  recalled?: boolean;
}

/** One API call the bot made, as logged on the page (tokens and long data trimmed). */
export interface ViewApiCall {
  seq: number;
  action: string;
  params: unknown;
  /** Milliseconds since the epoch, when the fake received it. */
  at: number;
  /** How NapCat answered, when known: `ok`, or the failure message. */
  outcome?: { ok: true } | { ok: false; message: string };
}

/** Users and groups the page can pick from. */
export interface SandboxState {
  self: { user_id: number; nickname: string };
  friends: { user_id: number; nickname: string; remark: string }[];
  groups: {
    group_id: number;
    group_name: string;
    members: { user_id: number; nickname: string; card: string; role: string }[];
  }[];
  strangers: { user_id: number; nickname: string }[];
}

/** What the page asks for. `id` is echoed back in the `ack`. */
export type PageCommand = { id?: number | string } & (
  | { op: "state" }
  | { op: "say"; chat: ChatRef; user_id: number; text: string }
  | { op: "poke"; chat: ChatRef; user_id: number }
  | { op: "join"; group_id: number; user_id?: number; nickname?: string }
  | { op: "leave"; group_id: number; user_id: number }
  | { op: "recall"; chat: ChatRef; user_id: number; message_id?: number }
  | { op: "friend_request"; user_id?: number; nickname?: string; comment?: string }
  | { op: "group_request"; group_id: number; user_id?: number; nickname?: string; comment?: string }
);

/** The command names, for validation and error messages. */
export const PAGE_OPS = [
  "state",
  "say",
  "poke",
  "join",
  "leave",
  "recall",
  "friend_request",
  "group_request",
] as const;

/** A system line in a conversation (poke, join, leave, recall, request...). */
export interface ViewNotice {
  chat: ChatRef | undefined;
  text: string;
  /** The raw NapCat event, for the curious. */
  event: Record<string, unknown>;
}

/** One line of a conversation's history. */
export type HistoryItem =
  | { kind: "message"; message: ViewMessage }
  | { kind: "notice"; notice: ViewNotice };

/** What the server pushes to the page. */
export type PagePush =
  | { type: "hello"; state: SandboxState; history: HistoryItem[]; calls: ViewApiCall[] }
  | { type: "state"; state: SandboxState }
  | { type: "message"; message: ViewMessage }
  | { type: "notice"; notice: ViewNotice }
  | { type: "recall"; message_id: number }
  | { type: "api"; call: ViewApiCall }
  | { type: "ack"; id: number | string | undefined; ok: boolean; error?: string; result?: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function int(obj: Record<string, unknown>, key: string, required: true): number;
function int(obj: Record<string, unknown>, key: string, required: false): number | undefined;
function int(obj: Record<string, unknown>, key: string, required: boolean): number | undefined {
  const value = obj[key];
  if (value === undefined && !required) return undefined;
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n <= 0) {
    throw new TypeError(
      `"${key}" must be a positive integer (a QQ number, group id or message id)`,
    );
  }
  return n;
}

function str(obj: Record<string, unknown>, key: string): string | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new TypeError(`"${key}" must be a string`);
  return value;
}

function chat(obj: Record<string, unknown>): ChatRef {
  const value = obj.chat;
  if (!isRecord(value) || (value.type !== "group" && value.type !== "private")) {
    throw new TypeError('"chat" must be { type: "group" | "private", id }');
  }
  return { type: value.type, id: int(value, "id", true) };
}

function withOptional<T extends object>(
  base: T,
  extra: Record<string, number | string | undefined>,
): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** A frame from the page that is not a valid command; `id` is the frame's id when it had one. */
export class CommandError extends TypeError {
  override readonly name = "CommandError";
  /** The `id` of the rejected frame, for its `ack`. */
  readonly id: number | string | undefined;

  constructor(message: string, id: number | string | undefined) {
    super(message);
    this.id = id;
  }
}

/**
 * Parses one frame from the page. Throws {@link CommandError} with a message that
 * says what is wrong (the server sends it back in a failed `ack`).
 */
export function parseCommand(text: string): PageCommand {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CommandError("frame is not JSON: send one JSON object per frame", undefined);
  }
  if (!isRecord(value))
    throw new CommandError('frame must be a JSON object with an "op"', undefined);
  const rawId = value.id;
  const id = typeof rawId === "number" || typeof rawId === "string" ? rawId : undefined;
  try {
    return validate(value, id);
  } catch (error) {
    throw new CommandError((error as Error).message, id);
  }
}

function validate(value: Record<string, unknown>, id: number | string | undefined): PageCommand {
  const head = id === undefined ? {} : { id };
  switch (value.op) {
    case "state":
      return { ...head, op: "state" };
    case "say": {
      const text = str(value, "text");
      if (text === undefined || text.trim() === "")
        throw new TypeError('"text" must be a non-empty string');
      return { ...head, op: "say", chat: chat(value), user_id: int(value, "user_id", true), text };
    }
    case "poke":
      return { ...head, op: "poke", chat: chat(value), user_id: int(value, "user_id", true) };
    case "join":
      return withOptional(
        { ...head, op: "join" as const, group_id: int(value, "group_id", true) },
        { user_id: int(value, "user_id", false), nickname: str(value, "nickname") },
      );
    case "leave":
      return {
        ...head,
        op: "leave",
        group_id: int(value, "group_id", true),
        user_id: int(value, "user_id", true),
      };
    case "recall":
      return withOptional(
        { ...head, op: "recall" as const, chat: chat(value), user_id: int(value, "user_id", true) },
        { message_id: int(value, "message_id", false) },
      );
    case "friend_request":
      return withOptional(
        { ...head, op: "friend_request" as const },
        {
          user_id: int(value, "user_id", false),
          nickname: str(value, "nickname"),
          comment: str(value, "comment"),
        },
      );
    case "group_request":
      return withOptional(
        { ...head, op: "group_request" as const, group_id: int(value, "group_id", true) },
        {
          user_id: int(value, "user_id", false),
          nickname: str(value, "nickname"),
          comment: str(value, "comment"),
        },
      );
    default:
      throw new TypeError(
        `unknown op ${JSON.stringify(value.op)}; expected one of ${PAGE_OPS.join(", ")}`,
      );
  }
}
