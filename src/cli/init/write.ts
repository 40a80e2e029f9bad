/**
 * Writing a new project all or nothing. Every file is first written into a
 * staging folder beside the target; then, in one synchronous pass, a new target
 * folder is renamed into place whole, or into an existing folder (kept as it is,
 * it may be the shell's working directory) each file is
 * moved in while a journal records what was created (and, with `force`, what was
 * replaced), so any failure puts everything back. Ctrl+C cannot land in the
 * middle: the pass is synchronous and the caller holds SIGINT while it runs.
 *
 * @module
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { CliError } from "../errors.js";
import type { ProjectFile } from "./templates.js";

/** Options of {@link writeProject}. */
export interface WriteOptions {
  /** Replace existing files (they are restored if writing fails). */
  force: boolean;
  /** Test hook: called after each file is moved into place (throw to simulate a failure). */
  afterEach?: (path: string) => void;
}

/** Files of `files` that already exist in `target`. */
export function existingFiles(target: string, files: readonly ProjectFile[]): string[] {
  return files.filter((f) => existsSync(join(target, f.path))).map((f) => f.path);
}

/**
 * Writes `files` under `target`, all or nothing (see the module comment).
 * Throws {@link CliError} listing the files that exist when `force` is off.
 */
export function writeProject(
  target: string,
  files: readonly ProjectFile[],
  options: WriteOptions,
): void {
  const clashes = existingFiles(target, files);
  if (clashes.length > 0 && !options.force) {
    throw new CliError(`这些文件已经存在，没有改动任何文件：${clashes.join(", ")}`, {
      hint: "换一个目录，或者加上 --force 覆盖它们（其他文件不受影响）。",
    });
  }
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(target)}.ncatbot-init-`));
  try {
    for (const file of files) {
      const path = join(staging, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.text);
    }
    // A new folder is renamed into place whole. An existing one (even empty) is kept: it may
    // be the user's working directory, and replacing it would leave their shell in a deleted one.
    if (!existsSync(target)) {
      renameSync(staging, target);
      return;
    }
    moveInto(staging, target, files, options);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Moves each staged file into the existing `target`, undoing every step on failure. */
function moveInto(
  staging: string,
  target: string,
  files: readonly ProjectFile[],
  options: WriteOptions,
): void {
  const undo: Array<() => void> = [];
  const backups = join(staging, ".replaced");
  try {
    for (const file of files) {
      const to = join(target, file.path);
      ensureDir(dirname(to), target, undo);
      if (existsSync(to)) {
        const backup = join(backups, file.path);
        mkdirSync(dirname(backup), { recursive: true });
        renameSync(to, backup);
        undo.push(() => renameSync(backup, to));
      }
      renameSync(join(staging, file.path), to);
      undo.push(() => rmSync(to, { force: true }));
      options.afterEach?.(file.path);
    }
  } catch (error) {
    for (const step of undo.reverse()) {
      try {
        step();
      } catch {
        // keep undoing the rest
      }
    }
    throw error;
  }
}

/** Creates `dir` and its missing parents below `root`, recording how to remove them. */
function ensureDir(dir: string, root: string, undo: Array<() => void>): void {
  const missing: string[] = [];
  for (let d = dir; d !== root && !existsSync(d); d = dirname(d)) missing.unshift(d);
  for (const d of missing) {
    mkdirSync(d);
    undo.push(() => rmdirSync(d));
  }
}
