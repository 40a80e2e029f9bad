/**
 * The command table: every (prefix + first word) maps to a tree of sub-command
 * words, precomputed at registration. An incoming message costs one look at its
 * first character, then one `Map` lookup of its first word; nothing scans the
 * registered commands.
 *
 * @module
 */

import { NcatBotError } from "../errors.js";
import type { Filter } from "../handle/filters.js";
import type { Disposer } from "../handle/scope.js";
import type { CooldownSpec } from "./cooldown.js";
import type { CommandSpec } from "./spec.js";
import type { CommandScope } from "./types.js";

/** One registered command, with its options resolved. */
export interface CommandEntry {
  readonly spec: CommandSpec;
  /** The name words joined by spaces (`admin reload`). */
  readonly name: string;
  /** The other names of each name word (a group's aliases, then the command's own). */
  readonly wordAliases: ReadonlyArray<readonly string[]>;
  readonly description: string | undefined;
  readonly prefixes: readonly string[];
  readonly owner: string | undefined;
  readonly permission: string | undefined;
  readonly permissionPath: string;
  readonly scope: CommandScope | undefined;
  readonly filter: Filter<never> | undefined;
  readonly cooldown: CooldownSpec | undefined;
  readonly hidden: boolean;
  readonly handler: (event: never, args: never) => unknown;
  /** `/ban <user:at> [seconds:int=600]`. */
  readonly usage: string;
}

/** A command group's own description (for `/help` and the group word sent alone). */
export interface GroupEntry {
  readonly path: readonly string[];
  readonly wordAliases: ReadonlyArray<readonly string[]>;
  readonly description: string | undefined;
  readonly prefixes: readonly string[];
  readonly owner: string | undefined;
  readonly permission: string | undefined;
  readonly scope: CommandScope | undefined;
  readonly hidden: boolean;
}

/** A node of the table: the command ending at this word, groups described here, deeper words. */
export interface CommandNode {
  command: CommandEntry | undefined;
  readonly groups: GroupEntry[];
  readonly children: Map<string, CommandNode>;
}

function newNode(): CommandNode {
  return { command: undefined, groups: [], children: new Map() };
}

/** Lower-cases ASCII only (command words are case-insensitive; other scripts unchanged). */
export function foldCase(word: string): string {
  return word.toLowerCase();
}

function checkPrefix(prefix: string): void {
  if (/\s/u.test(prefix)) {
    throw new NcatBotError(
      `Command prefix "${prefix}" contains whitespace; prefixes are glued to the name.`,
    );
  }
}

/** The table of commands of one bot. */
export class CommandTable {
  readonly #top = new Map<string, CommandNode>();
  /** How many top keys start with each character (the cheap first test on every message). */
  readonly #firstChars = new Map<string, number>();
  readonly #entries = new Set<CommandEntry>();
  readonly #groups = new Set<GroupEntry>();

  /** Every registered command, in registration order. */
  get commands(): ReadonlySet<CommandEntry> {
    return this.#entries;
  }

  /** Every described group. */
  get groups(): ReadonlySet<GroupEntry> {
    return this.#groups;
  }

  /** Whether some command's (prefix + first word) starts with this character (either case). */
  mayStartWith(ch: string): boolean {
    return this.#firstChars.has(ch);
  }

  #countFirst(key: string, by: 1 | -1): void {
    const lower = key[0] as string;
    const upper = lower.toUpperCase();
    for (const ch of upper === lower ? [lower] : [lower, upper]) {
      const n = (this.#firstChars.get(ch) ?? 0) + by;
      if (n <= 0) this.#firstChars.delete(ch);
      else this.#firstChars.set(ch, n);
    }
  }

  /** The node of a first word as typed (prefix included), if any. */
  lookup(head: string): CommandNode | undefined {
    return this.#top.get(foldCase(head));
  }

  /** Every top key (prefix + name or alias), for did-you-mean. */
  topKeys(): IterableIterator<string> {
    return this.#top.keys();
  }

  /** Adds a command. @throws NcatBotError when the same name is registered already. */
  add(entry: CommandEntry): Disposer {
    const nodes = this.#nodesFor(entry.spec.path, entry.wordAliases, entry.prefixes);
    for (const node of nodes) {
      if (node.command !== undefined && node.command !== entry) {
        const other = node.command;
        this.#prune(entry.spec.path, entry.wordAliases, entry.prefixes);
        throw new NcatBotError(
          `Command "${entry.name}" is already registered${other.owner ? ` by ${other.owner}` : ""}; ` +
            "remove it first or choose another name.",
        );
      }
    }
    for (const node of nodes) node.command = entry;
    this.#entries.add(entry);
    return this.#remover(
      entry.spec.path,
      entry.wordAliases,
      entry.prefixes,
      (node) => {
        if (node.command === entry) node.command = undefined;
      },
      () => this.#entries.delete(entry),
    );
  }

  /** Describes a group (its words become known even before a sub-command is added). */
  addGroup(group: GroupEntry): Disposer {
    const nodes = this.#nodesFor(group.path, group.wordAliases, group.prefixes);
    for (const node of nodes) node.groups.push(group);
    this.#groups.add(group);
    return this.#remover(
      group.path,
      group.wordAliases,
      group.prefixes,
      (node) => {
        const at = node.groups.indexOf(group);
        if (at >= 0) node.groups.splice(at, 1);
      },
      () => this.#groups.delete(group),
    );
  }

  /**
   * The disposer of one registration (a command or a group) under `path`: the
   * first call forgets it, takes it off each of its nodes and prunes the nodes
   * left empty; later calls do nothing.
   */
  #remover(
    path: readonly string[],
    aliases: ReadonlyArray<readonly string[]>,
    prefixes: readonly string[],
    takeOff: (node: CommandNode) => void,
    forget: () => void,
  ): Disposer {
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      forget();
      for (const node of this.#nodesFor(path, aliases, prefixes, false)) takeOff(node);
      this.#prune(path, aliases, prefixes);
    };
  }

  /** The nodes ending `path` under every prefix and every alias combination (created unless `create` is false). */
  #nodesFor(
    path: readonly string[],
    aliases: ReadonlyArray<readonly string[]>,
    prefixes: readonly string[],
    create = true,
  ): CommandNode[] {
    let level: CommandNode[] = [];
    const firstWords = [path[0] as string, ...(aliases[0] ?? [])];
    for (const prefix of prefixes) {
      checkPrefix(prefix);
      for (const word of firstWords) {
        const key = foldCase(prefix + word);
        let node = this.#top.get(key);
        if (node === undefined) {
          if (!create) continue;
          node = newNode();
          this.#top.set(key, node);
          this.#countFirst(key, 1);
        }
        if (!level.includes(node)) level.push(node);
      }
    }
    for (let i = 1; i < path.length; i++) {
      const words = [path[i] as string, ...(aliases[i] ?? [])];
      const next: CommandNode[] = [];
      for (const parent of level) {
        for (const word of words) {
          const key = foldCase(word);
          let node = parent.children.get(key);
          if (node === undefined) {
            if (!create) continue;
            node = newNode();
            parent.children.set(key, node);
          }
          if (!next.includes(node)) next.push(node);
        }
      }
      level = next;
    }
    return level;
  }

  /** Removes the nodes along `path` that hold nothing any more. */
  #prune(
    path: readonly string[],
    aliases: ReadonlyArray<readonly string[]>,
    prefixes: readonly string[],
  ): void {
    const empty = (node: CommandNode) =>
      node.command === undefined && node.groups.length === 0 && node.children.size === 0;
    const pruneBelow = (node: CommandNode, depth: number) => {
      if (depth >= path.length) return;
      for (const word of [path[depth] as string, ...(aliases[depth] ?? [])]) {
        const key = foldCase(word);
        const child = node.children.get(key);
        if (!child) continue;
        pruneBelow(child, depth + 1);
        if (empty(child)) node.children.delete(key);
      }
    };
    for (const prefix of prefixes) {
      for (const word of [path[0] as string, ...(aliases[0] ?? [])]) {
        const key = foldCase(prefix + word);
        const node = this.#top.get(key);
        if (!node) continue;
        pruneBelow(node, 1);
        if (empty(node)) {
          this.#top.delete(key);
          this.#countFirst(key, -1);
        }
      }
    }
  }
}
