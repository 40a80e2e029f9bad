import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";

const CREATOR = fileURLToPath(new URL("../../packages/create-ncatbot/", import.meta.url));
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("create-ncatbot runs the installed ncatbot's `init` with the same arguments and exit code", () => {
  dir = mkdtempSync(join(tmpdir(), "create-ncatbot-"));
  const creator = join(dir, "node_modules/create-ncatbot");
  const ncatbot = join(dir, "node_modules/ncatbot");
  mkdirSync(creator, { recursive: true });
  mkdirSync(join(ncatbot, "dist"), { recursive: true });
  copyFileSync(join(CREATOR, "index.js"), join(creator, "index.js"));
  copyFileSync(join(CREATOR, "package.json"), join(creator, "package.json"));
  // A stand-in ncatbot package whose bin records its arguments.
  writeFileSync(
    join(ncatbot, "package.json"),
    JSON.stringify({
      name: "ncatbot",
      type: "module",
      bin: { ncatbot: "./dist/cli.js" },
      exports: { "./package.json": "./package.json" },
    }),
  );
  writeFileSync(
    join(ncatbot, "dist/cli.js"),
    `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(join(dir, "args.json"))}, JSON.stringify(process.argv.slice(2)));\nprocess.exit(7);\n`,
  );
  const result = spawnSync(process.execPath, [join(creator, "index.js"), "my-bot", "--yes"], {
    encoding: "utf8",
    timeout: 15_000,
  });
  expect(result.status, result.stderr).toBe(7);
  expect(JSON.parse(readFileSync(join(dir, "args.json"), "utf8"))).toEqual([
    "init",
    "my-bot",
    "--yes",
  ]);
  const manifest = JSON.parse(readFileSync(join(CREATOR, "package.json"), "utf8"));
  const root = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  expect(manifest.dependencies.ncatbot).toBe(`^${root.version}`);
});
