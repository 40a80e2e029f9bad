/**
 * Command groups (`bot.commandGroup("admin")`): sub-commands under one name word,
 * inheriting the group's prefixes, owner, permission and scope.
 *
 * @module
 */

import { NcatBotError } from "../errors.js";
import type { Disposer } from "../handle/scope.js";
import type { CommandRouter, Inherited } from "./router.js";
import type {
  CommandGroupHandle,
  CommandGroupOptions,
  CommandHandler,
  CommandOptions,
  CommandScope,
} from "./types.js";

/** Reads `command(spec, handler)` / `command(spec, options, handler)` arguments. */
export function commandArgs(
  optionsOrHandler: unknown,
  maybeHandler: unknown,
): { options: CommandOptions; handler: (event: never, args: never) => unknown } {
  const handler = typeof optionsOrHandler === "function" ? optionsOrHandler : maybeHandler;
  const options = typeof optionsOrHandler === "function" ? {} : (optionsOrHandler ?? {});
  if (typeof handler !== "function") {
    throw new NcatBotError("command(spec, [options], handler): the handler must be a function.");
  }
  return {
    options: options as CommandOptions,
    handler: handler as (event: never, args: never) => unknown,
  };
}

/** A group of commands. Its `dispose()` removes every command registered through it. */
export class CommandGroup implements CommandGroupHandle {
  readonly path: readonly string[];
  readonly #router: CommandRouter;
  readonly #inherited: Inherited;
  readonly #disposers = new Set<Disposer>();
  readonly #track: (d: Disposer) => Disposer;

  /** @internal Created by `commandGroup()`. */
  constructor(
    router: CommandRouter,
    parent: Inherited,
    name: string,
    options: CommandGroupOptions,
    track: (d: Disposer) => Disposer = (d) => d,
  ) {
    if (!/^[^\s<>[\]]+$/u.test(name)) throw new NcatBotError(`Bad command group name "${name}".`);
    this.#router = router;
    this.#track = track;
    this.path = [...parent.path, name];
    this.#inherited = {
      path: this.path,
      wordAliases: [...parent.wordAliases, options.aliases ?? []],
      prefixes: options.prefixes ?? parent.prefixes,
      owner: options.owner ?? parent.owner,
      permission: options.permission ?? parent.permission,
      scope: options.scope ?? parent.scope,
      hidden: options.hidden ?? parent.hidden,
    };
    this.#keep(
      router.describeGroup({
        path: this.path,
        wordAliases: this.#inherited.wordAliases,
        description: options.description,
        prefixes: router.prefixesOf(this.#inherited.prefixes),
        owner: this.#inherited.owner,
        permission: this.#inherited.permission,
        scope: this.#inherited.scope,
        hidden: this.#inherited.hidden,
      }),
    );
  }

  command<const Spec extends string>(spec: Spec, handler: CommandHandler<Spec>): Disposer;
  command<const Spec extends string, const S extends CommandScope | undefined = undefined>(
    spec: Spec,
    options: CommandOptions<S>,
    handler: CommandHandler<Spec, S>,
  ): Disposer;
  command(spec: string, optionsOrHandler: unknown, maybeHandler?: unknown): Disposer {
    const { options, handler } = commandArgs(optionsOrHandler, maybeHandler);
    return this.#keep(this.#router.register(spec, options, handler, this.#inherited));
  }

  commandGroup(name: string, options: CommandGroupOptions = {}): CommandGroupHandle {
    const child = new CommandGroup(this.#router, this.#inherited, name, options, (d) =>
      this.#keep(d),
    );
    return child;
  }

  dispose(): void {
    for (const d of [...this.#disposers]) d();
    this.#disposers.clear();
  }

  #keep(disposer: Disposer): Disposer {
    let active = true;
    const tracked: Disposer = () => {
      if (!active) return;
      active = false;
      this.#disposers.delete(tracked);
      disposer();
    };
    this.#disposers.add(tracked);
    this.#track(tracked);
    return tracked;
  }
}

/** The inheritance root for top-level groups, with an owner for plugins. */
export function rootInherited(owner?: string): Inherited {
  return {
    path: [],
    wordAliases: [],
    prefixes: undefined,
    owner,
    permission: undefined,
    scope: undefined,
    hidden: false,
  };
}
