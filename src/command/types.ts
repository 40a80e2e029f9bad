/**
 * The public types of commands: options, handler, the event a handler gets, and
 * the `command()` / `commandGroup()` surface shared by the bot, groups and plugins.
 *
 * @module
 */

import type { GroupMessageEvent, PrivateMessageEvent } from "../event/index.js";
import type { Filter } from "../handle/filters.js";
import type { Disposer } from "../handle/scope.js";
import type { Promptable } from "./conversation.js";
import type { CooldownOption } from "./cooldown.js";
import type { ArgsOf } from "./spec-types.js";

/** Where a command may be used. */
export type CommandScope = "group" | "private";

/** The message event a command with scope `S` receives. */
export type ScopedEvent<S extends CommandScope | undefined> = [S] extends ["group"]
  ? GroupMessageEvent
  : [S] extends ["private"]
    ? PrivateMessageEvent
    : GroupMessageEvent | PrivateMessageEvent;

/** What a command handler receives first: the message event, plus `prompt`. */
export type CommandEvent<S extends CommandScope | undefined = undefined> = ScopedEvent<S> &
  Promptable;

/** A command handler: sync or async, gets the event and the typed arguments. */
export type CommandHandler<Spec extends string, S extends CommandScope | undefined = undefined> = (
  event: CommandEvent<S>,
  args: ArgsOf<Spec>,
) => unknown;

/** Options of one command (all optional). */
export interface CommandOptions<S extends CommandScope | undefined = CommandScope | undefined> {
  /** One line shown by `/help`. */
  description?: string;
  /** Other names (`["禁言"]`), each usable with the same prefixes. */
  aliases?: readonly string[];
  /** Prefixes for this command, replacing the bot's `commandPrefixes`; `[]` (or `[""]`) makes a keyword command. */
  prefixes?: readonly string[];
  /**
   * Who may run it: a role (`"admin"`, `"root"`, a custom role) or a permission path
   * (`"greeter.admin"`) the user must be granted. Default: everyone not banned.
   */
  permission?: string;
  /** The path bans and grants of this command are checked on. Default `<owner>.<name words>` (or `<name words>`). */
  permissionPath?: string;
  /** Group chats only, or private chats only. Narrows the handler's event type. */
  scope?: S;
  /** Extra condition (see `ncatbot` filters); when it fails the command is silently skipped. */
  filter?: NoInfer<Filter<CommandEvent<S>>>;
  /** Cooldown per user (`"10s"`) or `{ user, group }`. */
  cooldown?: CooldownOption;
  /** The plugin that owns it (help grouping, logs, default permission path). */
  owner?: string;
  /** Leave it out of `/help`. */
  hidden?: boolean;
}

/**
 * Options of a command group; its commands inherit them. `prefixes`, `permission`,
 * `owner` and `hidden` mean what they mean for one command ({@link CommandOptions}).
 */
export interface CommandGroupOptions
  extends Pick<CommandOptions, "prefixes" | "permission" | "owner" | "hidden"> {
  /** Shown by `/help` and when the group's name is sent alone. */
  description?: string;
  /** Other names of the group word. */
  aliases?: readonly string[];
  /** Group chats only, or private chats only, for every command of the group. */
  scope?: CommandScope;
}

/** Something commands can be registered on: the bot, a command group, a plugin. */
export interface CommandHost {
  /**
   * Registers a command. The declaration's name words come first, then parameters:
   * `<name:type>` required, `[name:type]` optional, `[name:type=default]`,
   * `[-v|--verbose]` a flag, `[--count:int=3]` an option. Types: string, int,
   * number, bool, rest (text), message, at (user), or a segment type (image...).
   * Returns a function that removes the command.
   *
   * @example
   * ```ts
   * bot.command("echo <text:rest>", (e, { text }) => e.reply(text));
   * ```
   */
  command<const Spec extends string>(spec: Spec, handler: CommandHandler<Spec>): Disposer;
  command<const Spec extends string, const S extends CommandScope | undefined = undefined>(
    spec: Spec,
    options: CommandOptions<S>,
    handler: CommandHandler<Spec, S>,
  ): Disposer;
  /** A group of sub-commands under one name word (`/admin reload ...`). */
  commandGroup(name: string, options?: CommandGroupOptions): CommandGroupHandle;
}

/** A command group: register sub-commands and nested groups on it. */
export interface CommandGroupHandle extends CommandHost {
  /** The group's name words (`["admin"]`). */
  readonly path: readonly string[];
  /** Removes the group's description and every command registered through it. */
  dispose(): void;
}
