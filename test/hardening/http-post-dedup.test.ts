/**
 * Issue 12 (nice to have): HTTP POST has no replay protection in OneBot; with
 * `connection.events.dedupWindowMs` an event posted again within the window is dropped.
 */
import { afterEach, describe, expect, it } from "vitest";
import { BotClient } from "../../src/client/bot-client.js";
import { RecentEvents } from "../../src/client/dedup.js";
import { startFakeNapCatInProcess } from "../../src/testing/fake-napcat/fake-napcat.js";
import { groupMessage, until } from "./hostile-napcat.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function botWith(dedupWindowMs: number | undefined) {
  const fake = await startFakeNapCatInProcess({ heartbeatIntervalMs: 0 });
  cleanup.push(() => fake.stop());
  const bot = new BotClient(
    {
      configFile: false,
      logLevel: "silent",
      connection: {
        mode: "http",
        apiUrl: fake.httpUrl,
        events: { mode: "http-post", port: 0, ...(dedupWindowMs ? { dedupWindowMs } : {}) },
      },
    },
    { env: {} },
  );
  const seen: number[] = [];
  bot.onGroupMessage((m) => {
    seen.push(Number(m.message_id));
  });
  await bot.start();
  cleanup.push(() => bot.stop());
  const post = (id: number) =>
    fetch(`http://127.0.0.1:${bot.listenPort}/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(groupMessage("x", { message_id: id, self_id: 10001 })),
    }).then((r) => r.status);
  return { seen, post };
}

describe("HTTP POST de-duplication window", () => {
  it("drops an event posted again within the window", async () => {
    const { seen, post } = await botWith(60_000);
    for (const id of [1, 1, 2, 1, 2, 3]) await post(id);
    await until(() => seen.length >= 3);
    expect(seen).toEqual([1, 2, 3]);
  });

  it("is off by default (OneBot's behaviour)", async () => {
    const { seen, post } = await botWith(undefined);
    for (const id of [1, 1]) await post(id);
    await until(() => seen.length >= 2);
    expect(seen).toEqual([1, 1]);
  });

  it("forgets identities once the window has passed", () => {
    let now = 0;
    const recent = new RecentEvents(1000, () => now);
    const event = groupMessage("x", { message_id: 7 });
    expect(recent.isReplay(event)).toBe(false);
    expect(recent.isReplay(event)).toBe(true);
    now = 1500;
    expect(recent.isReplay(event)).toBe(false);
    expect(recent.size).toBe(1);
  });
});
