/**
 * Issue 12: the fake NapCat copies wire params and CQ parameters without letting
 * `__proto__` replace a prototype (its world stays intact), and events built with
 * overrides holding `__proto__` stay plain objects.
 */
import { describe, expect, it } from "vitest";
import { BotClient } from "../../src/client/bot-client.js";
import { deepMergeInto } from "../../src/testing/events/merge.js";
import { parseCqString } from "../../src/testing/fake-napcat/cq.js";
import { startFakeNapCatInProcess } from "../../src/testing/fake-napcat/fake-napcat.js";

describe("fake NapCat and prototype keys", () => {
  it("set_self_longnick with a __proto__ param leaves the profile a plain object", async () => {
    const fake = await startFakeNapCatInProcess({});
    const bot = new BotClient(
      { wsUri: fake.wsUrl, configFile: false, logLevel: "silent" },
      { env: {} },
    );
    try {
      await bot.start();
      const params = JSON.parse('{"longNick":"x","__proto__":{"polluted":true}}') as {
        longNick: string;
      };
      await bot.api.call("set_self_longnick", params);
      const profile = fake.world.profile as Record<string, unknown>;
      expect(Object.getPrototypeOf(profile)).toBe(Object.prototype);
      expect(profile.polluted).toBeUndefined();
      expect(profile.longNick).toBe("x");
    } finally {
      await bot.stop();
      await fake.stop();
    }
  });

  it("CQ parameters named __proto__ become plain fields", () => {
    const [seg] = parseCqString("[CQ:face,__proto__=1,id=2]");
    expect(Object.getPrototypeOf(seg?.data)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(seg?.data, "__proto__")?.value).toBe("1");
  });

  it("event overrides with __proto__ do not change the target's prototype", () => {
    const target: Record<string, unknown> = { a: 1 };
    deepMergeInto(target, JSON.parse('{"__proto__":{"polluted":true}}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(target.polluted).toBeUndefined();
  });
});
