import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeNapCat, signBody, startFakeNapCat } from "../../../src/testing/index.js";

let fake: FakeNapCat | undefined;

/** Polls `probe` until it yields a value (at most 3 s). */
async function until<T>(probe: () => Promise<T | undefined>): Promise<T | undefined> {
  const end = Date.now() + 3000;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
}
const servers: Server[] = [];

afterEach(async () => {
  await fake?.stop();
  fake = undefined;
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

async function post(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

function listen(server: Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const a = server.address();
      resolve(typeof a === "object" && a ? a.port : 0);
    });
  });
}

describe("fake NapCat HTTP API", () => {
  it("answers POST /<action> with JSON, form and query params; bad token is HTTP 403", async () => {
    fake = await startFakeNapCat({ token: "tok", heartbeatIntervalMs: 0 });
    const auth = { Authorization: "Bearer tok" };
    const json = await post(
      `${fake.httpUrl}/get_group_info`,
      JSON.stringify({ group_id: 736000003 }),
      auth,
    );
    expect(json.status).toBe(200);
    expect(json.json).toMatchObject({
      status: "ok",
      retcode: 0,
      data: { group_id: 736000003, group_name: "Bot Dev Group", member_count: 4 },
    });

    const form = await fetch(`${fake.httpUrl}/send_group_msg?access_token=tok`, {
      method: "POST",
      body: "group_id=736000003&message=%5BCQ%3Aface%2Cid%3D14%5Dhi",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const formBody = (await form.json()) as { status: string; data: { message_id: number } };
    expect(formBody.status).toBe("ok");
    const stored = (await fake.getWorld()).messages.find(
      (m) => m.message_id === formBody.data.message_id,
    );
    expect(stored?.payload.raw_message).toBe("[CQ:face,id=14]hi");

    const query = await post(
      `${fake.httpUrl}/get_group_member_info?group_id=736000003&user_id=1572000002`,
      "",
      auth,
    );
    expect(query.json).toMatchObject({
      status: "ok",
      data: { role: "owner", card: "Alice (dev)" },
    });
    expect(fake.calls.map((c) => c.transport)).toEqual(["http", "http", "http"]);

    const denied = await post(`${fake.httpUrl}/get_login_info`, "{}", {
      Authorization: "Bearer nope",
    });
    expect(denied.status).toBe(403);
    expect(JSON.stringify(denied.json)).not.toContain('tok"');
    const none = await post(`${fake.httpUrl}/get_login_info`, "{}");
    expect(none.status).toBe(403);
    expect(fake.calls).toHaveLength(3);
  });

  it("streams events over SSE on GET /_events", async () => {
    fake = await startFakeNapCat({ heartbeatIntervalMs: 20 });
    const controller = new AbortController();
    const res = await fetch(`${fake.httpUrl}/_events`, { signal: controller.signal });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body?.getReader();
    if (!reader) throw new Error("no body");
    const said = await fake.say({ text: "over sse" });
    let text = "";
    while (!text.includes("over sse")) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    const dataLines = text.split("\n").filter((l) => l.startsWith("data: "));
    const events = dataLines.map((l) => JSON.parse(l.slice(6)) as Record<string, unknown>);
    expect(events.find((e) => e.message_id === said.message_id)).toMatchObject({
      post_type: "message",
      raw_message: "over sse",
    });
    expect(events.some((e) => e.post_type === "meta_event")).toBe(false);
    controller.abort();
    await reader.cancel().catch(() => undefined);
  });

  it("POSTs events signed with HMAC-SHA1 and applies a quick-operation reply", async () => {
    const received: { body: string; signature: string | undefined; selfId: string | undefined }[] =
      [];
    const bot = createServer(async (req, res) => {
      const body = await readAll(req);
      const signature = req.headers["x-signature"];
      received.push({
        body,
        signature: typeof signature === "string" ? signature : undefined,
        selfId: req.headers["x-self-id"] as string | undefined,
      });
      const event = JSON.parse(body) as Record<string, unknown>;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        event.raw_message === "ping" ? JSON.stringify({ reply: "pong", at_sender: false }) : "",
      );
    });
    const port = await listen(bot);
    fake = await startFakeNapCat({
      heartbeatIntervalMs: 20,
      httpPost: { url: `http://127.0.0.1:${port}/`, secret: "hush" },
    });
    const said = await fake.say({ text: "ping" });
    const quick = await fake.waitForCall(".handle_quick_operation");
    expect(quick.transport).toBe("http-post");
    const first = received[0];
    expect(first).toBeDefined();
    if (!first) return;
    expect(first.signature).toBe(
      `sha1=${createHmac("sha1", "hush").update(first.body).digest("hex")}`,
    );
    expect(first.signature).toBe(signBody("hush", first.body));
    expect(first.selfId).toBe(String(fake.selfId));
    expect(JSON.parse(first.body)).toMatchObject({
      message_id: said.message_id,
      post_type: "message",
    });
    const selfId = fake.selfId;
    const reply = await until(async () =>
      (await fake?.getWorld())?.messages.find(
        (m) => m.group_id === 736000003 && m.user_id === selfId,
      ),
    );
    expect(reply?.segments).toEqual([
      { type: "reply", data: { id: String(said.message_id) } },
      { type: "text", data: { text: "pong" } },
    ]);
    expect(received.every((r) => !r.body.includes('"meta_event"'))).toBe(true);
  });

  it("applies quick-operation approve to a friend request", async () => {
    const bot = createServer(async (req, res) => {
      const event = JSON.parse(await readAll(req)) as Record<string, unknown>;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        event.post_type === "request" ? JSON.stringify({ approve: true, remark: "new pal" }) : "{}",
      );
    });
    const port = await listen(bot);
    fake = await startFakeNapCat({
      heartbeatIntervalMs: 0,
      httpPost: { url: `http://127.0.0.1:${port}/` },
    });
    const events: Record<string, unknown>[] = [];
    fake.onEvent((e) => events.push(e));
    const req = await fake.requestFriend({ user_id: 1800000009, nickname: "Frank", comment: "hi" });
    await fake.waitForCall(".handle_quick_operation");
    const friend = await until(async () =>
      (await fake?.getWorld())?.friends.find((u) => u.user_id === 1800000009),
    );
    expect(req).toMatchObject({
      post_type: "request",
      request_type: "friend",
      user_id: 1800000009,
    });
    expect(friend?.remark).toBe("new pal");
    expect(events.some((e) => e.notice_type === "friend_add")).toBe(true);
  });
});
