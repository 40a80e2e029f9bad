/**
 * The client-mode engine (forward WS, HTTP + SSE) and its lazy Sync API connection.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  ActionFailedError,
  ActionTimeoutError,
  NotConnectedError,
  TransportError,
} from "../../src/errors.js";
import {
  apiOnlyUri,
  ClientModeEngine,
  createIo,
  type IoEngine,
  type IoOptions,
  ServerModeEngine,
  syncWorkersStarted,
} from "../../src/io/index.js";
import { startFakeNapCat } from "../../src/testing/index.js";
import { type RemoteServer, startRemote } from "./remote-server.js";
import { fastReconnect, msgEvent, recordingSink, startWsServer, until } from "./servers.js";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function engine(options: IoOptions, rec = recordingSink()): { io: IoEngine; rec: typeof rec } {
  const io = createIo(options, rec.sink);
  cleanup.push(() => io.stop());
  return { io, rec };
}

async function remote(token?: string, api: "ok" | "404" | "hang" = "ok"): Promise<RemoteServer> {
  const server = await startRemote("ws", token, api);
  cleanup.push(() => server.close());
  return server;
}

const ids = (rec: ReturnType<typeof recordingSink>) =>
  rec.events.map((e) => e.payload.message_id as number);

describe("apiOnlyUri", () => {
  it("resolves `api` against the URI with a trailing slash and keeps the query", () => {
    expect(apiOnlyUri("ws://h:3001")).toBe("ws://h:3001/api");
    expect(apiOnlyUri("ws://h:3001/")).toBe("ws://h:3001/api");
    expect(apiOnlyUri("ws://h/napcat/")).toBe("ws://h/napcat/api");
    expect(apiOnlyUri("ws://h/napcat")).toBe("ws://h/napcat/api");
    expect(apiOnlyUri("wss://h/x?access_token=t")).toBe("wss://h/x/api?access_token=t");
  });
});

describe("createIo picks the engine by mode", () => {
  it("main thread for forward WS and HTTP + SSE, the I/O worker for reverse WS and HTTP POST", () => {
    const sink = recordingSink().sink;
    const api = "http://127.0.0.1:1";
    expect(
      createIo({ connection: { mode: "forward-ws", uri: "ws://127.0.0.1:1" } }, sink),
    ).toBeInstanceOf(ClientModeEngine);
    expect(
      createIo({ connection: { mode: "http", apiUrl: api, events: { mode: "sse" } } }, sink),
    ).toBeInstanceOf(ClientModeEngine);
    expect(
      createIo(
        { connection: { mode: "reverse-ws", host: "127.0.0.1", port: 0, token: "t" } },
        sink,
      ),
    ).toBeInstanceOf(ServerModeEngine);
    expect(
      createIo(
        {
          connection: {
            mode: "http",
            apiUrl: api,
            events: { mode: "http-post", host: "127.0.0.1", port: 0 },
          },
        },
        sink,
      ),
    ).toBeInstanceOf(ServerModeEngine);
  });
});

describe("forward WebSocket on the main thread", () => {
  it("an async-only bot starts no worker thread; the first Sync call starts exactly one", async () => {
    const server = await remote("tok");
    const { io, rec } = engine({
      connection: { mode: "forward-ws", uri: server.url, token: "tok" },
      reconnect: fastReconnect,
      apiTimeoutMs: 3000,
    });
    const before = syncWorkersStarted();
    await io.start();
    await expect(io.call("get_status", { a: 1 })).resolves.toEqual({ got: { a: 1 } });
    const failed = await io.call("bad", { x: 1 }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ action: "bad", retcode: 1400, params: { x: 1 } });
    await expect(io.call("slow", {}, { timeoutMs: 100 })).rejects.toBeInstanceOf(
      ActionTimeoutError,
    );
    server.send({ cmd: "broadcast", frame: msgEvent(5) });
    await until(() => rec.events.length === 2); // lifecycle + msg
    expect(syncWorkersStarted()).toBe(before);
    expect((io as ClientModeEngine).syncWorkerStarted).toBe(false);
    expect((await server.stats()).apiAttempts).toBe(0);

    expect(io.callSync("get_status", { b: 2 })).toEqual({ got: { b: 2 } });
    expect(io.callSync("get_status", { c: 3 })).toEqual({ got: { c: 3 } });
    expect(syncWorkersStarted()).toBe(before + 1);
    expect((await server.stats()).apiAttempts).toBe(1);
  });

  it("Sync calls go over NapCat's /api and fail like async ones (fake NapCat records ws-api)", async () => {
    const fake = await startFakeNapCat({ token: "tok", heartbeatIntervalMs: 0 });
    cleanup.push(() => fake.stop());
    const { io } = engine({
      connection: { mode: "forward-ws", uri: fake.wsUrl, token: "tok" },
      reconnect: fastReconnect,
    });
    await io.start();
    fake.clearCalls();
    await io.call("get_status");
    const info = io.callSync("get_login_info") as { user_id: number };
    expect(info.user_id).toBe(fake.selfId);
    const byAction = fake.calls.map((c) => `${c.action}@${c.transport}`);
    expect(byAction).toEqual(["get_status@ws", "get_login_info@ws-api"]);
    let error: unknown;
    try {
      io.callSync("delete_msg", { message_id: 424242 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ActionFailedError);
    expect(error).toMatchObject({ action: "delete_msg", params: { message_id: 424242 } });
  });

  it("events arriving during a Sync call are delivered afterwards, in order, none lost", async () => {
    const server = await remote();
    const { io, rec } = engine({
      connection: { mode: "forward-ws", uri: server.url },
      reconnect: fastReconnect,
    });
    await io.start();
    await until(() => rec.events.length === 1); // lifecycle
    rec.events.length = 0;
    // "block" on /api: the server sends 20 events on the event connection, then answers.
    expect(io.callSync("block")).toEqual({ got: {} });
    expect(rec.events.length).toBe(0);
    await until(() => rec.events.length === 20);
    expect(ids(rec)).toEqual([...Array(20).keys()]);
    // several MB while blocked: every event, in order
    rec.events.length = 0;
    const params = { count: 1500, bytes: 1500, bigEvery: 250, bigBytes: 150_000 };
    expect(io.callSync("flood", params, { timeoutMs: 20_000 })).toEqual({ got: params });
    await until(() => rec.events.length >= 1500, 20_000);
    expect(ids(rec)).toEqual([...Array(1500).keys()]);
  }, 40_000);

  it("the Sync API connection reconnects when its connection drops", async () => {
    const server = await remote();
    const { io } = engine({
      connection: { mode: "forward-ws", uri: server.url },
      reconnect: fastReconnect,
    });
    await io.start();
    expect(io.callSync("get_status", { n: 1 })).toEqual({ got: { n: 1 } });
    server.send({ cmd: "kill-api" });
    // the Sync API connection saw the drop once it has connected again
    await until(async () => (await server.stats()).apiAttempts === 2);
    expect(io.callSync("get_status", { n: 2 }, { timeoutMs: 3000 })).toEqual({ got: { n: 2 } });
    expect((await server.stats()).apiAttempts).toBe(2);
  });

  it("events a non-NapCat server pushes on /api anyway are dispatched, not lost", async () => {
    const server = await remote();
    const { io, rec } = engine({
      connection: { mode: "forward-ws", uri: server.url },
      reconnect: fastReconnect,
    });
    await io.start();
    await until(() => rec.events.length === 1); // lifecycle
    expect(io.callSync("get_status")).toEqual({ got: {} });
    server.send({ cmd: "broadcast-api", frame: msgEvent(41) });
    server.send({ cmd: "broadcast-api", frame: msgEvent(42) });
    await until(() => rec.events.length === 3);
    expect(ids(rec).slice(1)).toEqual([41, 42]);
    expect(rec.logs.join("\n")).toMatch(/API calls only/);
  });

  it("a Sync API connection that gave up (reconnect off) is replaced by a new one on the next Sync call", async () => {
    const server = await remote();
    const { io, rec } = engine({
      connection: { mode: "forward-ws", uri: server.url },
      reconnect: { maxAttempts: 0 },
    });
    await io.start();
    const before = syncWorkersStarted();
    expect(io.callSync("get_status", { n: 1 })).toEqual({ got: { n: 1 } });
    server.send({ cmd: "kill-api" });
    await until(() => rec.logs.some((l) => /Sync API connection: .*gave up/.test(l)));
    expect(io.callSync("get_status", { n: 2 }, { timeoutMs: 3000 })).toEqual({ got: { n: 2 } });
    expect(syncWorkersStarted()).toBe(before + 2);
  });

  it("/api refused: the Sync call fails with a TransportError naming the /api URL, not the token", async () => {
    const server = await remote("s3cret", "404");
    const { io } = engine({
      connection: { mode: "forward-ws", uri: server.url, token: "s3cret" },
      reconnect: fastReconnect,
    });
    await io.start();
    let error: unknown;
    try {
      io.callSync("get_status", {}, { timeoutMs: 3000 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toContain(`${server.url}/api`);
    expect((error as Error).message).not.toContain("s3cret");
    // async calls on the main connection are unaffected
    await expect(io.call("get_status", { ok: 1 })).resolves.toEqual({ got: { ok: 1 } });
  });

  it("/api never connects: the Sync call fails after startTimeoutMs, naming the /api URL", async () => {
    const server = await remote("s3cret", "hang");
    const { io } = engine({
      connection: { mode: "forward-ws", uri: server.url, token: "s3cret" },
      reconnect: fastReconnect,
      // generous: the Sync API connection's worker starts from TypeScript sources here, slow on a busy machine
      startTimeoutMs: 3000,
    });
    await io.start();
    const t0 = Date.now();
    let error: unknown;
    try {
      io.callSync("get_status", {}, { timeoutMs: 800 });
    } catch (e) {
      error = e;
    }
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(/could not be sent/);
    expect((error as Error).message).toContain(`${server.url}/api`);
    expect((error as Error).message).not.toContain("s3cret");
  });

  it("calls while disconnected fail at once; a drop fails waiting calls with TransportError", async () => {
    const server = await startWsServer({ handler: (a) => (a === "hang" ? "silent" : { data: 1 }) });
    cleanup.push(() => server.close());
    const { io, rec } = engine({
      connection: { mode: "forward-ws", uri: server.url },
      reconnect: fastReconnect,
    });
    expect(() => io.callSync("get_status")).toThrow(NotConnectedError);
    await expect(io.call("get_status")).rejects.toBeInstanceOf(NotConnectedError);
    await io.start();
    const caught = io.call("hang", {}, { timeoutMs: 5000 }).catch((e: unknown) => e);
    await until(() => server.actions.includes("hang"));
    for (const ws of server.sockets) ws.terminate();
    expect(await caught).toBeInstanceOf(TransportError);
    await until(() => rec.states.filter((k) => k === "connected").length === 2);
    await expect(io.call("get_status")).resolves.toBe(1);
  });
});

describe("HTTP + SSE on the main thread", () => {
  it("async calls from the main thread, Sync calls from the Sync API connection", async () => {
    const api = await startRemote("http", "tok");
    cleanup.push(() => api.close());
    const { io, rec } = engine({
      connection: { mode: "http", apiUrl: api.url, token: "tok", events: { mode: "sse" } },
      reconnect: fastReconnect,
    });
    const before = syncWorkersStarted();
    await io.start();
    await expect(io.call("get_status", { a: 1 })).resolves.toEqual({ got: { a: 1 } });
    const failed = await io.call("bad", { x: 1 }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ActionFailedError);
    expect(failed).toMatchObject({ action: "bad", retcode: 1400, params: { x: 1 } });
    expect(syncWorkersStarted()).toBe(before);
    expect(io.callSync("get_status", { b: 2 })).toEqual({ got: { b: 2 } });
    expect(() => io.callSync("bad", { y: 1 })).toThrow(ActionFailedError);
    expect(syncWorkersStarted()).toBe(before + 1);
    api.send({ cmd: "push", frame: msgEvent(3) });
    await until(() => rec.events.length === 1);
    expect(ids(rec)).toEqual([3]);
  });
});
