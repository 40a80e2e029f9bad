/**
 * The command router: one dispatcher handler for every message. A raw payload is
 * tested cheaply first (first character, then one table lookup of the first word);
 * only a match builds the event object. Then: scope, filter, permission, arguments,
 * cooldown, and the handler inside its own error boundary.
 *
 * @module
 */
import type { Logger } from "pino";
import type { GroupMessageEvent, PrivateMessageEvent } from "../event/index.js";
import type { RawPayload } from "../event/payloads.js";
import type { Disposer } from "../handle/scope.js";
import type { MessageSegment } from "../message/index.js";
import { unescapeCQ } from "../message/index.js";
import { type CooldownSpec, Cooldowns, cooldownSpec } from "./cooldown.js";
import { fill, type ResolvedCommandSettings } from "./messages.js";
import { type ArgToken, ArgumentError, parseArgs, tokensOf } from "./parse-args.js";
import type { Permissions } from "./rbac.js";
import {
  type CommandEntry,
  type CommandNode,
  CommandTable,
  foldCase,
  type GroupEntry,
} from "./registry.js";
import { parseSpec } from "./spec.js";
import { suggest } from "./suggest.js";
import type { CommandOptions, CommandScope } from "./types.js";

/** A message event as the router sees it. */
export type MessageEvent = GroupMessageEvent | PrivateMessageEvent;

/** Details of a failed command, for the error hook. */
export interface CommandFailure {
  readonly command: string;
  readonly owner: string | undefined;
  readonly event: MessageEvent;
}

/** What the router needs from the bot. */
export interface RouterDeps {
  /** The bot's logger (the levels the router writes). */
  readonly log: Pick<Logger, "info" | "warn" | "error">;
  readonly settings: ResolvedCommandSettings;
  /** The bot's prefixes (`commandPrefixes`), default `["/", "!"]`. */
  readonly prefixes: readonly string[];
  /** The permission system (created on first use). */
  permissions(): Permissions;
  /** Gets every handler failure (the bot's error hook); without it failures are logged here. */
  onError?: (error: unknown, failure: CommandFailure) => void;
}

/** Options a command inherits from its group. */
export interface Inherited {
  readonly path: readonly string[];
  readonly wordAliases: ReadonlyArray<readonly string[]>;
  readonly prefixes: readonly string[] | undefined;
  readonly owner: string | undefined;
  readonly permission: string | undefined;
  readonly scope: CommandScope | undefined;
  readonly hidden: boolean;
}

const ROOT: Inherited = {
  path: [],
  wordAliases: [],
  prefixes: undefined,
  owner: undefined,
  permission: undefined,
  scope: undefined,
  hidden: false,
};

/** Where a command's words end in the message. */
export interface Resolved {
  readonly node: CommandNode;
  readonly entry: CommandEntry | undefined;
  /** The tokens after the name words. */
  readonly rest: readonly ArgToken[];
  /** The name words as typed (prefix included). */
  readonly typed: string;
}

const noop = () => {};

function normalisePrefixes(prefixes: readonly string[]): readonly string[] {
  return prefixes.length === 0 ? [""] : prefixes;
}

/** Index of the first segment of the command line: past a quote and an @ of the bot. */
function commandStart(segments: readonly MessageSegment[], selfId: string): number {
  let i = 0;
  for (; i < segments.length; i++) {
    const s = segments[i] as MessageSegment;
    if (s.type === "reply") continue;
    if (s.type === "at" && String(s.data.qq) === selfId) continue;
    if (s.type === "text" && String(s.data.text).trim() === "") continue;
    break;
  }
  return i;
}

const CQ_SKIP = /^(?:\s*\[CQ:reply,[^\]]*\])?(?:\s*\[CQ:at,qq=(\d+)[^\]]*\])?/;

/** The first text of a raw message (segments or CQ string), past a quote and an @ of the bot. */
function headText(payload: RawPayload): string | undefined {
  const message = payload.message;
  const self = String(payload.self_id);
  if (Array.isArray(message)) {
    for (const s of message as Array<{ type?: unknown; data?: { text?: unknown; qq?: unknown } }>) {
      if (s.type === "reply") continue;
      if (s.type === "at" && String(s.data?.qq) === self) continue;
      if (s.type !== "text") return undefined;
      const text = s.data?.text;
      if (typeof text !== "string") return undefined;
      if (text.trim() === "") continue;
      return text;
    }
    return undefined;
  }
  if (typeof message !== "string") return undefined;
  let text = message;
  if (text.startsWith("[") || text.startsWith(" ")) {
    const skip = CQ_SKIP.exec(text);
    if (skip && (skip[1] === undefined || skip[1] === self)) text = text.slice(skip[0].length);
  }
  const cq = text.indexOf("[CQ:");
  if (cq >= 0) text = text.slice(0, cq);
  return text.includes("&") ? unescapeCQ(text) : text;
}

/** The first word of `text` (after leading whitespace). */
function firstWord(text: string): string {
  let start = 0;
  while (start < text.length && /\s/u.test(text[start] as string)) start++;
  let end = start;
  while (end < text.length && !/\s/u.test(text[end] as string)) end++;
  return text.slice(start, end);
}

/** The command router and registry of one bot. */
export class CommandRouter {
  readonly table = new CommandTable();
  readonly deps: RouterDeps;
  readonly #cooldowns = new Cooldowns();
  readonly #botPrefixes: readonly string[];

  constructor(deps: RouterDeps) {
    this.deps = deps;
    this.#botPrefixes = normalisePrefixes(deps.prefixes);
  }

  /** The prefix shown in help and usage lines when a command has several. */
  get mainPrefix(): string {
    return this.#botPrefixes[0] ?? "";
  }

  /** Registers a command (see `CommandHost.command`). */
  register(
    specText: string,
    options: CommandOptions,
    handler: (event: never, args: never) => unknown,
    inherited: Inherited = ROOT,
  ): Disposer {
    const parsed = parseSpec(specText);
    const path = [...inherited.path, ...parsed.path];
    const wordAliases: (readonly string[])[] = [...inherited.wordAliases];
    for (let i = 0; i < parsed.path.length - 1; i++) wordAliases.push([]);
    wordAliases.push(options.aliases ?? []);
    const spec = { ...parsed, path };
    const prefixes = normalisePrefixes(options.prefixes ?? inherited.prefixes ?? this.#botPrefixes);
    const owner = options.owner ?? inherited.owner;
    const name = path.join(" ");
    const entry: CommandEntry = {
      spec,
      name,
      wordAliases,
      description: options.description,
      prefixes,
      owner,
      permission: options.permission ?? inherited.permission,
      permissionPath:
        options.permissionPath ?? (owner ? `${owner}.${path.join(".")}` : path.join(".")),
      scope: options.scope ?? inherited.scope,
      filter: options.filter as CommandEntry["filter"],
      cooldown: cooldownSpec(options.cooldown),
      hidden: options.hidden ?? inherited.hidden,
      handler,
      usage: `${prefixes[0]}${name}${spec.signature ? ` ${spec.signature}` : ""}`,
    };
    const remove = this.table.add(entry);
    return () => {
      remove();
      this.#cooldowns.forget(name);
    };
  }

  /** Describes a group (see `CommandHost.commandGroup`). */
  describeGroup(group: GroupEntry): Disposer {
    return this.table.addGroup(group);
  }

  /** The prefixes a group or command without its own would use. */
  prefixesOf(prefixes: readonly string[] | undefined): readonly string[] {
    return normalisePrefixes(prefixes ?? this.#botPrefixes);
  }

  /**
   * The cheap test on a raw payload, run before the event object is built: does
   * its first word name a command (or, with did-you-mean, start with a prefix)?
   */
  readonly accepts = (payload: RawPayload): boolean => {
    const text = headText(payload);
    if (text === undefined) return false;
    let i = 0;
    while (i < text.length && (text[i] === " " || text[i] === "\n" || text[i] === "\t")) i++;
    if (i >= text.length || !this.table.mayStartWith(text[i] as string)) return false;
    const head = firstWord(text);
    if (this.table.lookup(head) !== undefined) return true;
    return this.deps.settings.didYouMean && this.#suggestion(head) !== undefined;
  };

  /** Finds the command a message names, walking sub-command words. */
  resolve(event: MessageEvent): Resolved | undefined {
    const segments = event.message.segments;
    const tokens = tokensOf(segments, commandStart(segments, String(event.self_id)));
    const head = tokens[0];
    if (head === undefined || head.kind !== "text" || head.quoted) return undefined;
    let node = this.table.lookup(head.value);
    if (node === undefined) return undefined;
    const walked: Array<{ node: CommandNode; used: number; typed: string }> = [
      { node, used: 1, typed: head.value },
    ];
    for (let used = 1; used < tokens.length; used++) {
      const token = tokens[used] as ArgToken;
      if (token.kind !== "text" || token.quoted) break;
      const child: CommandNode | undefined = node.children.get(foldCase(token.value));
      if (child === undefined) break;
      node = child;
      walked.push({
        node,
        used: used + 1,
        typed: `${walked[walked.length - 1]?.typed} ${token.value}`,
      });
    }
    // The deepest word wins; past it, a word that is only a path to deeper commands
    // (no command, no group of its own) gives way to the nearest command above it.
    let pick = walked[walked.length - 1] as (typeof walked)[number];
    if (pick.node.command === undefined && pick.node.groups.length === 0) {
      for (let k = walked.length - 2; k >= 0; k--) {
        const step = walked[k] as (typeof walked)[number];
        if (step.node.command !== undefined) {
          pick = step;
          break;
        }
      }
    }
    return {
      node: pick.node,
      entry: pick.node.command,
      rest: tokens.slice(pick.used),
      typed: pick.typed,
    };
  }

  /** Whether `user` may run `entry` (permission and ban), whatever the chat. */
  mayRun(entry: CommandEntry, userId: number | string): boolean {
    return this.deps.permissions().allows(userId, entry.permissionPath, entry.permission);
  }

  /** Whether `entry` can be used in the chat of `event`. */
  suitsChat(entry: { readonly scope: CommandScope | undefined }, event: MessageEvent): boolean {
    return entry.scope === undefined || entry.scope === event.message_type;
  }

  /** Runs the command a message names. The dispatcher's handler for every accepted message. */
  readonly handle = (event: MessageEvent): Promise<void> | undefined => {
    if (String(event.user_id) === String(event.self_id)) return undefined; // never the bot's own words
    const resolved = this.resolve(event);
    if (resolved === undefined) return this.#unknown(event);
    const { entry } = resolved;
    if (entry === undefined) return this.#groupWord(event, resolved);
    const { settings } = this.deps;
    if (!this.suitsChat(entry, event)) {
      if (settings.scopeReply === false) return undefined;
      return this.#say(
        event,
        fill(settings.scopeReply, { scope: entry.scope === "group" ? "群聊" : "私聊" }),
      );
    }
    if (entry.filter !== undefined && !(entry.filter as (e: MessageEvent) => boolean)(event))
      return undefined;
    if (!this.mayRun(entry, event.user_id)) {
      this.deps.log.info(
        { command: entry.name, plugin: entry.owner, user: event.user_id },
        "command denied by permissions",
      );
      return settings.deniedReply === false ? undefined : this.#say(event, settings.deniedReply);
    }
    let args: Record<string, unknown>;
    try {
      args = parseArgs(entry.spec, event.message.segments, resolved.rest);
    } catch (error) {
      if (!(error instanceof ArgumentError)) throw error;
      return this.#say(event, `用法：${entry.usage}（${error.reason}）`);
    }
    if (entry.cooldown !== undefined) {
      const left = this.#cooldownLeft(entry.name, entry.cooldown, event);
      if (left > 0) {
        if (settings.cooldownReply === false) return undefined;
        return this.#say(
          event,
          fill(settings.cooldownReply, { seconds: String(Math.ceil(left / 1000)) }),
        );
      }
    }
    return this.#invoke(entry, event, args);
  };

  #cooldownLeft(name: string, spec: CooldownSpec, event: MessageEvent): number {
    const group = event.message_type === "group" ? String(event.group_id) : undefined;
    return this.#cooldowns.take(name, spec, String(event.user_id), group);
  }

  /** The handler inside its error boundary: a failure is logged and (configurably) apologised for. */
  #invoke(
    entry: CommandEntry,
    event: MessageEvent,
    args: Record<string, unknown>,
  ): Promise<void> | undefined {
    let result: unknown;
    try {
      result = (entry.handler as (e: MessageEvent, a: Record<string, unknown>) => unknown)(
        event,
        args,
      );
    } catch (error) {
      return this.#failed(entry, event, error);
    }
    if (
      result === null ||
      typeof result !== "object" ||
      typeof (result as { then?: unknown }).then !== "function"
    ) {
      return undefined;
    }
    return Promise.resolve(result as PromiseLike<unknown>).then(noop, (error: unknown) =>
      this.#failed(entry, event, error),
    );
  }

  #failed(entry: CommandEntry, event: MessageEvent, error: unknown): Promise<void> | undefined {
    const onError = this.deps.onError;
    if (onError === undefined) {
      this.deps.log.error(
        { err: error, command: entry.name, plugin: entry.owner, user: event.user_id },
        `command "${entry.usage}"${entry.owner ? ` of plugin ${entry.owner}` : ""} failed; other handlers were not affected`,
      );
    } else {
      try {
        onError(error, { command: entry.name, owner: entry.owner, event });
      } catch {
        // The error hook's own failure must not reach the chat either.
      }
    }
    const reply = this.deps.settings.errorReply;
    return reply === false ? undefined : this.#say(event, reply);
  }

  /** A group word sent alone (`/admin`): list its sub-commands. */
  #groupWord(event: MessageEvent, resolved: Resolved): Promise<void> | undefined {
    const lines: string[] = [];
    const description = resolved.node.groups.find((g) => g.description)?.description;
    lines.push(description ? `${resolved.typed}：${description}` : `${resolved.typed} 的子命令：`);
    const visit = (node: CommandNode) => {
      const seen = new Set<CommandNode>();
      for (const child of node.children.values()) {
        if (seen.has(child)) continue;
        seen.add(child);
        const entry = child.command;
        if (
          entry &&
          !entry.hidden &&
          this.suitsChat(entry, event) &&
          this.mayRun(entry, event.user_id)
        ) {
          lines.push(entry.description ? `${entry.usage} — ${entry.description}` : entry.usage);
        }
        visit(child);
      }
    };
    visit(resolved.node);
    if (lines.length === 1) return undefined;
    return this.#say(event, [...new Set(lines)].join("\n"));
  }

  #unknown(event: MessageEvent): Promise<void> | undefined {
    if (!this.deps.settings.didYouMean) return undefined;
    const segments = event.message.segments;
    const first = tokensOf(segments, commandStart(segments, String(event.self_id)))[0];
    if (first === undefined || first.kind !== "text") return undefined;
    const hint = this.#suggestion(first.value);
    return hint === undefined
      ? undefined
      : this.#say(event, `未知命令 ${first.value}，你是不是想用 ${hint}？`);
  }

  /** The closest known first word with the same prefix, for a word that starts with a bot prefix. */
  #suggestion(head: string): string | undefined {
    const folded = foldCase(head);
    const prefix = this.#botPrefixes.find(
      (p) => p !== "" && folded.startsWith(p) && folded.length > p.length,
    );
    if (prefix === undefined) return undefined;
    const candidates: string[] = [];
    for (const key of this.table.topKeys()) if (key.startsWith(prefix)) candidates.push(key);
    return suggest(folded, candidates);
  }

  /** Replies without letting a failure to send escape (it is logged). */
  #say(event: MessageEvent, text: string): Promise<void> {
    return event.reply(text).then(noop, (error: unknown) => {
      this.deps.log.warn({ err: error, user: event.user_id }, "could not send a command reply");
    });
  }
}
