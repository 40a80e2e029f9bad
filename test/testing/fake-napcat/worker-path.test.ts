import { describe, expect, it } from "vitest";
import { resolveWorkerEntry, resolveWorkerSpec } from "../../../src/io/worker-path.js";
import { fakeNapCatWorkerSpec } from "../../../src/testing/fake-napcat/threaded.js";

describe("worker entry resolution", () => {
  it("from the build, picks the tsup entry next to the bundle with the same extension", () => {
    expect(fakeNapCatWorkerSpec("file:///app/node_modules/ncatbot/dist/testing.cjs")).toEqual({
      eval: false,
      script: new URL("file:///app/node_modules/ncatbot/dist/fake-napcat-worker.cjs"),
    });
    expect(fakeNapCatWorkerSpec("file:///app/dist/cli.js")).toEqual({
      eval: false,
      script: new URL("file:///app/dist/fake-napcat-worker.js"),
    });
    expect(resolveWorkerSpec("file:///app/dist/index.mjs")).toEqual({
      eval: false,
      script: new URL("file:///app/dist/io-worker.mjs"),
    });
  });

  it("from sources, bootstraps tsx and imports the worker's TypeScript file", () => {
    const here = new URL("../../../src/io/worker-path.ts", import.meta.url).href;
    const fake = fakeNapCatWorkerSpec();
    expect(fake.eval).toBe(true);
    expect(fake.script).toContain("register()");
    expect(fake.script).toContain(
      JSON.stringify(new URL("../../../src/testing/fake-napcat/worker.ts", import.meta.url).href),
    );
    expect(resolveWorkerSpec(here).script).toContain(
      JSON.stringify(new URL("../../../src/io/worker.ts", import.meta.url).href),
    );
    expect(resolveWorkerEntry("x", "./y.ts", here).script).toContain("/src/io/y.ts");
  });
});
