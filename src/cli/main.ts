#!/usr/bin/env node
/**
 * The `ncatbot` command. `ncatbot sandbox [--port N]` starts the sandbox and
 * stays up until Ctrl+C (SIGINT) or SIGTERM, then stops cleanly.
 *
 * @module
 */
import { startSandbox } from "../sandbox/index.js";
import { parseCli, USAGE } from "./args.js";
import { packageVersion } from "./version.js";

/** Runs the command line `argv` (without `node` and the script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const command = parseCli(argv);
  switch (command.kind) {
    case "help":
      console.log(USAGE);
      return 0;
    case "version":
      console.log(packageVersion());
      return 0;
    case "error":
      console.error(`${command.message}\n\n${USAGE}`);
      return 2;
    case "sandbox":
      return runSandbox(command.port, command.portFallback);
  }
}

/** A second Ctrl+C this long after the first forces the exit. */
const FORCE_AFTER_MS = 1_500;

function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
      resolve(signal);
    };
    process.on("SIGINT", on);
    process.on("SIGTERM", on);
  });
}

async function runSandbox(port: number, portFallback: boolean): Promise<number> {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({ port, portFallback, log: "info" });
  } catch (error) {
    console.error(
      `沙盒启动失败 / the sandbox could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  const url = sandbox.url.replace(/\/$/, "");
  console.log(`NcatBot 沙盒已启动: ${url}`);
  console.log(
    "在浏览器中打开上面的地址，发送「测试」试试。按 Ctrl+C 退出。 / Open the URL and send 测试. Ctrl+C to quit.",
  );
  const signal = await nextSignal();
  console.log(`\n收到 ${signal}，正在关闭沙盒… / stopping`);
  // Ctrl+C signals the whole process group, so wrappers (npx, tsx) may relay the same
  // signal again: ignore repeats for a moment; a later one forces the exit.
  const stoppingSince = Date.now();
  const onRepeat = () => {
    if (Date.now() - stoppingSince > FORCE_AFTER_MS) process.exit(130);
  };
  process.on("SIGINT", onRepeat);
  process.on("SIGTERM", onRepeat);
  try {
    await sandbox.stop();
  } finally {
    process.off("SIGINT", onRepeat);
    process.off("SIGTERM", onRepeat);
  }
  return 0;
}

const invokedDirectly = (() => {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  return /(?:^|[\\/])(?:main\.ts|cli\.c?js|cli\.mjs|ncatbot)$/.test(entry);
})();

if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
