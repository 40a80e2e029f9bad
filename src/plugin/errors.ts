/**
 * The error a plugin that cannot load gets: which plugin, which file, what is wrong
 * and what to do.
 *
 * @module
 */
import { NcatBotError } from "../errors.js";

/** A plugin could not be found, imported, ordered or started. */
export class PluginLoadError extends NcatBotError {
  override name = "PluginLoadError";
  /** The plugin's name, when known. */
  readonly plugin: string | undefined;
  /** The file or folder concerned, when there is one. */
  readonly file: string | undefined;
  /** What is wrong. */
  readonly problem: string;
  /** What to do about it. */
  readonly fix: string;

  constructor(
    plugin: string | undefined,
    file: string | undefined,
    problem: string,
    fix: string,
    cause?: unknown,
  ) {
    const who = plugin ? `plugin "${plugin}"` : "a plugin";
    super(
      `${who}${file ? ` (${file})` : ""} cannot load: ${problem}. ${fix}`,
      cause === undefined ? undefined : { cause },
    );
    this.plugin = plugin;
    this.file = file;
    this.problem = problem;
    this.fix = fix;
  }
}
