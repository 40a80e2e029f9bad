import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { ActionFailedError, ConfigError } from "../../src/errors.js";
import { createIo, ServerModeEngine } from "../../src/io/index.js";
import { startRemote } from "./remote-server.js";
import { fastReconnect, msgEvent, recordingSink, SELF_ID, startHttpApi, until } from "./servers.js";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function sign(secret: string, body: string): string {
  return `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`;
}

describe("HTTP mode through the I/O thread", () => {
  it("HTTP API call and callSync; failures; HTTP POST events with signatures and quick operations", async () => {
    const api = await startRemote("http", "tok");
    cleanup.push(() => api.close());
    const rec = recordingSink();
    const bridge = new ServerModeEngine(
      {
        connection: {
          mode: "http",
          apiUrl: api.url,
          token: "tok",
          events: { mode: "http-post", host: "127.0.0.1", port: 0, secret: "shh" },
        },
        reconnect: fastReconnect,
      },
      {
        ...rec.sink,
        onEvent(payload, selfId) {
          rec.sink.onEvent(payload, selfId);
          return payload.raw_message === "m2" ? Promise.resolve({ reply: "pong" }) : undefined;
        },
      },
    );
    cleanup.push(() => bridge.stop());
    await bridge.start();
    expect(bridge.connectedSelfIds()).toEqual([SELF_ID]);
    await expect(bridge.call("get_status", { a: 1 })).resolves.toEqual({ got: { a: 1 } });
    expect(bridge.callSync("get_status", { b: 2 })).toEqual({ got: { b: 2 } });
    expect(() => bridge.callSync("bad")).toThrow(ActionFailedError);

    const url = `http://127.0.0.1:${bridge.listenPort}/`;
    const post = (body: string, sig?: string) =>
      fetch(url, {
        method: "POST",
        body,
        headers: {
          "Content-Type": "application/json",
          "X-Self-ID": "10001",
          ...(sig ? { "X-Signature": sig } : {}),
        },
      });
    const b1 = JSON.stringify(msgEvent(1));
    expect((await post(b1)).status).toBe(401);
    expect((await post(b1, sign("wrong", b1))).status).toBe(403);
    expect(rec.events).toHaveLength(0);
    expect((await post(b1, sign("shh", b1))).status).toBe(204);
    const b2 = JSON.stringify(msgEvent(2));
    const r2 = await post(b2, sign("shh", b2));
    expect(r2.status).toBe(200);
    expect(await r2.json()).toEqual({ reply: "pong" });
    expect(rec.events.map((e) => e.raw)).toEqual([b1, b2]);
    expect(rec.events[0]?.selfId).toBe(SELF_ID);
  });

  it("a rejected HTTP token (403) fails start with ConfigError", async () => {
    const api = await startHttpApi({ token: "right" });
    cleanup.push(() => api.close());
    const bridge = createIo(
      { connection: { mode: "http", apiUrl: api.url, token: "wrong", events: { mode: "sse" } } },
      recordingSink().sink,
    );
    cleanup.push(() => bridge.stop());
    const error = await bridge.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain("wrong");
  });

  it("SSE events are received", async () => {
    const api = await startHttpApi({ token: "tok" });
    cleanup.push(() => api.close());
    const rec = recordingSink();
    const bridge = createIo(
      { connection: { mode: "http", apiUrl: api.url, token: "tok", events: { mode: "sse" } } },
      rec.sink,
    );
    cleanup.push(() => bridge.stop());
    await bridge.start();
    // start() resolves once the stream is open; the server has it once it counts it
    await until(() => api.sseClients === 1);
    api.push(msgEvent(1));
    api.push(msgEvent(2));
    await until(() => rec.events.length === 2);
    expect(rec.events.map((e) => (JSON.parse(e.raw) as { message_id: number }).message_id)).toEqual(
      [1, 2],
    );
  });
});
