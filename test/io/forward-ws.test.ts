import { afterEach, describe, expect, it } from "vitest";
import {
  ActionFailedError,
  ActionTimeoutError,
  ConfigError,
  NotConnectedError,
  TransportError,
} from "../../src/errors.js";
import { ClientModeEngine, createIo } from "../../src/io/index.js";
import { startRemote } from "./remote-server.js";
import {
  fastReconnect,
  type Handler,
  msgEvent,
  recordingSink,
  SELF_ID,
  startWsServer,
  until,
} from "./servers.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function setup(opts: { token?: string; handler?: Handler; clientToken?: string } = {}) {
  const server = await startWsServer({
    ...(opts.token ? { token: opts.token } : {}),
    ...(opts.handler ? { handler: opts.handler } : {}),
  });
  cleanup.push(() => server.close());
  const rec = recordingSink();
  const bridge = createIo(
    {
      connection: { mode: "forward-ws", uri: server.url, token: opts.clientToken ?? opts.token },
      reconnect: fastReconnect,
      startTimeoutMs: 5000,
      apiTimeoutMs: 2000,
    },
    rec.sink,
  );
  cleanup.push(() => bridge.stop());
  return { server, rec, bridge };
}

describe("forward WebSocket (the engine createIo picks: main thread, Sync over /api)", () => {
  it("connects with a Bearer token, learns the account and delivers events in order", async () => {
    const { server, rec, bridge } = await setup({ token: "s3cret" });
    expect(bridge).toBeInstanceOf(ClientModeEngine);
    await bridge.start();
    expect(server.authHeaders[0]).toBe("Bearer s3cret");
    expect(bridge.connectedSelfIds()).toEqual([SELF_ID]);
    for (let i = 0; i < 50; i++) server.broadcast(msgEvent(i));
    await until(() => rec.events.length >= 51);
    const ids = rec.events
      .slice(1)
      .map((e) => (JSON.parse(e.raw) as { message_id: number }).message_id);
    expect(ids).toEqual([...Array(50).keys()]);
    expect(rec.events[0]?.raw).toContain("lifecycle");
  });

  it("wrong token: start rejects once with ConfigError naming wsToken, no reconnect storm", async () => {
    const { server, rec, bridge } = await setup({ token: "right", clientToken: "wrong" });
    const error = await bridge.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe("wsToken");
    expect((error as Error).message).not.toContain("wrong");
    // start() rejects only after the engine has stopped: no retry can follow this one attempt
    expect(server.attempts).toBe(1);
    expect(rec.logs.join("\n")).not.toContain("wrong");
  });

  async function remoteBridge() {
    const server = await startRemote("ws");
    cleanup.push(() => server.close());
    const rec = recordingSink();
    const bridge = createIo(
      {
        connection: { mode: "forward-ws", uri: server.url },
        reconnect: fastReconnect,
        apiTimeoutMs: 2000,
      },
      rec.sink,
    );
    cleanup.push(() => bridge.stop());
    await bridge.start();
    return { server, rec, bridge };
  }

  it("call and callSync return data; failed status gives ActionFailedError; silence gives ActionTimeoutError", async () => {
    const { bridge } = await remoteBridge();
    await expect(bridge.call("get_status", { a: 1 })).resolves.toEqual({ got: { a: 1 } });
    expect(bridge.callSync("get_status", { b: 2 })).toEqual({ got: { b: 2 } });

    const asyncErr = await bridge.call("bad", { x: 1 }).catch((e: unknown) => e);
    expect(asyncErr).toBeInstanceOf(ActionFailedError);
    expect(asyncErr).toMatchObject({
      action: "bad",
      retcode: 1400,
      status: "failed",
      wording: "参数错误",
      params: { x: 1 },
    });
    let syncErr: unknown;
    try {
      bridge.callSync("bad", { y: 2 });
    } catch (e) {
      syncErr = e;
    }
    expect(syncErr).toBeInstanceOf(ActionFailedError);
    expect(syncErr).toMatchObject({ action: "bad", retcode: 1400, params: { y: 2 } });

    await expect(bridge.call("slow", {}, { timeoutMs: 100 })).rejects.toBeInstanceOf(
      ActionTimeoutError,
    );
    expect(() => bridge.callSync("slow", {}, { timeoutMs: 100 })).toThrow(ActionTimeoutError);
    // a later sync call is not confused by anything left over
    expect(bridge.callSync("get_status", { c: 3 })).toEqual({ got: { c: 3 } });
  });

  it("events arriving while callSync blocks are delivered afterwards, in order, none lost", async () => {
    const { rec, bridge } = await remoteBridge();
    await until(() => rec.events.length === 1);
    // the server broadcasts 20 events before answering "block"
    expect(bridge.callSync("block")).toEqual({ got: {} });
    expect(rec.events.length).toBe(1); // nothing dispatched while blocked
    await until(() => rec.events.length === 21);
    const ids = rec.events
      .slice(1)
      .map((e) => (JSON.parse(e.raw) as { message_id: number }).message_id);
    expect(ids).toEqual([...Array(20).keys()]);
  });

  it("dropped connection: pending call rejects with TransportError, reconnects, later events exactly once", async () => {
    const { server, rec, bridge } = await setup({
      handler: (a) => (a === "hang" ? "silent" : { data: 1 }),
    });
    await bridge.start();
    const pending = bridge.call("hang", {}, { timeoutMs: 5000 });
    const caught = pending.catch((e: unknown) => e);
    await until(() => server.actions.includes("hang"));
    const next = server.waitForClient();
    for (const ws of server.sockets) ws.terminate();
    expect(await caught).toBeInstanceOf(TransportError);
    await next;
    await until(() => rec.states.filter((k) => k === "connected").length === 2);
    rec.events.length = 0;
    server.broadcast(msgEvent(7));
    // events keep their order: once the one sent after 7 is in, a duplicate of 7 would be too
    server.broadcast(msgEvent(8));
    await until(() => rec.events.length >= 2);
    expect(rec.events.map((e) => (JSON.parse(e.raw) as { message_id: number }).message_id)).toEqual(
      [7, 8],
    );
    expect(server.attempts).toBe(2);
  });

  it("calls while not connected fail at once with NotConnectedError", async () => {
    const { bridge } = await setup();
    expect(() => bridge.callSync("get_status")).toThrow(NotConnectedError);
    await expect(bridge.call("get_status")).rejects.toBeInstanceOf(NotConnectedError);
  });

  it("refused port: start rejects after startTimeoutMs with an explanation", async () => {
    const server = await startWsServer();
    const url = server.url;
    await server.close();
    const rec = recordingSink();
    const bridge = createIo(
      {
        connection: { mode: "forward-ws", uri: url },
        reconnect: fastReconnect,
        startTimeoutMs: 800,
      },
      rec.sink,
    );
    cleanup.push(() => bridge.stop());
    const error = await bridge.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(/NapCat is not running or the port is wrong/);
  });
});

describe("refused port under load (issue 11.5)", () => {
  it("the refused-port explanation wins even when the event loop was blocked past startTimeoutMs", async () => {
    const server = await startWsServer();
    const url = server.url;
    await server.close();
    const bridge = createIo(
      {
        connection: { mode: "forward-ws", uri: url },
        reconnect: fastReconnect,
        startTimeoutMs: 50,
      },
      recordingSink().sink,
    );
    cleanup.push(() => bridge.stop());
    const started = bridge.start().catch((e: unknown) => e);
    // A busy 2-core machine: the loop is blocked longer than startTimeoutMs, so the timer
    // and the refusal are both due when it resumes (timers run before I/O callbacks).
    const deadline = Date.now() + 300;
    while (Date.now() < deadline) {
      // busy
    }
    const error = await started;
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(/NapCat is not running or the port is wrong/);
  });
});
