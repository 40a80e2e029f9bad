import { describe, expect, it } from "vitest";
import { ACTION_SPECS } from "../../../src/protocol/action-specs.generated.js";
import { FAKE_ACTIONS } from "../../../src/testing/fake-napcat/actions/index.js";

describe("fake NapCat action table", () => {
  it("implements only real NapCat action names (no typos, no invented actions)", () => {
    const known = new Set(Object.keys(ACTION_SPECS));
    expect(Object.keys(FAKE_ACTIONS).filter((name) => !known.has(name))).toEqual([]);
  });

  it("implements every OneBot 11 action", () => {
    const onebot = Object.values(ACTION_SPECS)
      .filter((s) => s.origin === "onebot11")
      .map((s) => s.action);
    expect(onebot.filter((name) => !(name in FAKE_ACTIONS))).toEqual([]);
  });
});
