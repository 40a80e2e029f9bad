// A tiny NapCat-style forward WebSocket server for bench/coldstart.mjs and
// bench/soak.mjs (the throughput table uses ../shared/bench/loadgen.mjs).
//
// It checks the access token, greets each connection with a lifecycle
// "connect" event as NapCat does, answers the few actions a bot calls at
// start-up, and hands every send_group_msg / send_msg / quick reply to
// `onReply` with the plain text of the message. Events come from
// `groupPing`, `noiseEvent` (a NapCat-like mix with message_format "array").
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { WebSocketServer } from "ws";

export const SELF_ID = 3889001234;
export const TOKEN = "bench-token";

/** Milliseconds from an arbitrary origin, monotonic. */
export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * Listens on 127.0.0.1 (port chosen by the OS).
 * @param {{ onConnection?: (ws) => void, onReply: (reply: { text: string, isPrivate: boolean }, ws) => void }} hooks
 * @returns {Promise<{ url: string, wss: WebSocketServer, close: () => Promise<void> }>}
 */
export async function startFakeNapcat(hooks) {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
  await new Promise((resolve, reject) => {
    wss.once("listening", resolve);
    wss.once("error", reject);
  });
  wss.on("connection", (ws, req) => {
    const header = req.headers.authorization ?? "";
    const query = new URL(req.url ?? "/", "http://x").searchParams.get("access_token");
    if (header !== `Bearer ${TOKEN}` && header !== `Token ${TOKEN}` && query !== TOKEN) {
      ws.close(1008, "unauthorized");
      return;
    }
    ws.on("message", (data) => {
      let msg;
      try {
        msg = JSON.parse(String(data));
      } catch {
        return;
      }
      answer(ws, msg, hooks.onReply);
    });
    ws.send(
      JSON.stringify({
        time: nowS(),
        self_id: SELF_ID,
        post_type: "meta_event",
        meta_event_type: "lifecycle",
        sub_type: "connect",
      }),
    );
    hooks.onConnection?.(ws);
  });
  const url = `ws://127.0.0.1:${wss.address().port}`;
  const close = () =>
    new Promise((resolve) => {
      for (const client of wss.clients) client.terminate();
      wss.close(() => resolve());
    });
  return { url, wss, close };
}

let messageId = 900000000;
function answer(ws, msg, onReply) {
  const { action, params = {}, echo } = msg;
  const ok = (data) =>
    ws.send(JSON.stringify({ status: "ok", retcode: 0, data, message: "", wording: "", echo }));
  switch (action) {
    case "send_group_msg":
    case "send_msg":
    case "send_private_msg":
    case ".handle_quick_operation": {
      const text = plainText(params.message ?? params.operation?.reply);
      const isPrivate =
        action === "send_private_msg" ||
        params.message_type === "private" ||
        Boolean(params.user_id && !params.group_id);
      onReply({ text: text.trim(), isPrivate }, ws);
      return ok(action === ".handle_quick_operation" ? null : { message_id: ++messageId });
    }
    case "get_login_info":
      return ok({ user_id: SELF_ID, nickname: "BenchBot" });
    case "get_version_info":
      return ok({ app_name: "NapCat.Onebot", protocol_version: "v11", app_version: "4.18.13" });
    case "get_status":
      return ok({ online: true, good: true, stat: {} });
    case "get_friend_list":
    case "get_group_list":
      return ok([]);
    case "can_send_image":
    case "can_send_record":
      return ok({ yes: true });
    default:
      return ws.send(
        JSON.stringify({
          status: "failed",
          retcode: 1404,
          data: null,
          message: `不支持的Api ${action}`,
          wording: `不支持的Api ${action}`,
          echo,
        }),
      );
  }
}

function plainText(message) {
  if (message == null) return "";
  if (typeof message === "string") return message;
  const list = Array.isArray(message) ? message : [message];
  return list
    .filter((s) => s?.type === "text")
    .map((s) => s.data?.text ?? "")
    .join("");
}

const nowS = () => Math.floor(Date.now() / 1000);
let seq = 0;

/** A group message event (OneBot 11 `message.group`) with optional leading segments. */
export function groupMessage(text, extra = []) {
  seq += 1;
  const cq = extra
    .map(
      (s) =>
        `[CQ:${s.type},${Object.entries(s.data)
          .map(([k, v]) => `${k}=${v}`)
          .join(",")}]`,
    )
    .join("");
  return {
    self_id: SELF_ID,
    user_id: 1000000 + (seq % 5000),
    time: nowS(),
    message_id: 100000000 + seq,
    message_seq: 100000000 + seq,
    real_id: 100000000 + seq,
    real_seq: String(seq),
    message_type: "group",
    sender: {
      user_id: 1000000 + (seq % 5000),
      nickname: `用户${seq % 5000}`,
      card: "",
      role: "member",
    },
    raw_message: cq + text,
    font: 14,
    sub_type: "normal",
    message: [...extra, { type: "text", data: { text } }],
    message_format: "array",
    post_type: "message",
    group_id: 700000 + (seq % 50),
    group_name: "测试群",
  };
}

/** The event that must be answered: a group message "ping N". */
export const groupPing = (n) => groupMessage(`ping ${n}`);

const noise = [
  () => groupMessage("pingpong is not a command", [{ type: "at", data: { qq: String(SELF_ID) } }]),
  () =>
    groupMessage(" 看图", [
      {
        type: "image",
        data: {
          file: "abc.jpg",
          url: "https://example.invalid/abc.jpg",
          summary: "[图片]",
          file_size: "1234",
        },
      },
    ]),
  () => groupMessage("[表情]", [{ type: "face", data: { id: "14" } }]),
  () => {
    seq += 1;
    const user = 2000000 + (seq % 100);
    return {
      self_id: SELF_ID,
      user_id: user,
      time: nowS(),
      message_id: 200000000 + seq,
      message_seq: 200000000 + seq,
      real_id: 200000000 + seq,
      real_seq: String(seq),
      message_type: "private",
      sub_type: "friend",
      sender: { user_id: user, nickname: "私聊用户", card: "" },
      raw_message: "ping 0",
      font: 14,
      message: [{ type: "text", data: { text: "ping 0" } }],
      message_format: "array",
      post_type: "message",
      target_id: user,
    };
  },
  () => ({
    time: nowS(),
    self_id: SELF_ID,
    post_type: "notice",
    notice_type: "group_increase",
    sub_type: "approve",
    group_id: 700001,
    operator_id: 0,
    user_id: 3000000 + ++seq,
  }),
  () => ({
    time: nowS(),
    self_id: SELF_ID,
    post_type: "notice",
    notice_type: "notify",
    sub_type: "poke",
    target_id: SELF_ID,
    user_id: 1000001,
    group_id: 700002,
    raw_info: [],
  }),
  () => ({
    time: nowS(),
    self_id: SELF_ID,
    post_type: "request",
    request_type: "friend",
    user_id: 4000000 + ++seq,
    comment: "加个好友",
    flag: `flag-${seq}`,
  }),
  () => ({
    time: nowS(),
    self_id: SELF_ID,
    post_type: "meta_event",
    meta_event_type: "heartbeat",
    status: { online: true, good: true },
    interval: 30000,
  }),
];

/** One event of the ignored mix, chosen by `r` in [0, 1). */
export const noiseEvent = (r) => noise[Math.floor(r * noise.length)]();

/**
 * Spawns a bot with ONEBOT_WS_URL / ONEBOT_TOKEN / ONEBOT_SELF_ID set. Unless
 * `verbose`, its stdout is dropped and the tail of its stderr is kept in
 * `child.stderrTail()` to explain a crash.
 */
export function spawnBot(cmd, url, { verbose = false } = {}) {
  const child = spawn(cmd[0], cmd.slice(1), {
    stdio: ["ignore", verbose ? "inherit" : "ignore", verbose ? "inherit" : "pipe"],
    env: {
      ...process.env,
      ONEBOT_WS_URL: url,
      ONEBOT_TOKEN: TOKEN,
      ONEBOT_SELF_ID: String(SELF_ID),
    },
  });
  let tail = "";
  child.stderr?.on("data", (chunk) => {
    tail = (tail + chunk).slice(-2000);
  });
  child.stderrTail = () => tail.replaceAll(TOKEN, "<token>").trim();
  return child;
}

/**
 * Asks a child to stop with SIGTERM; SIGKILL after `graceMs`.
 * Resolves to true when it exited on its own (clean exit), false when killed.
 */
export function stopChild(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(false);
    }, graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
    child.kill("SIGTERM");
  });
}

/** Current RSS (VmRSS) in MB and user+sys CPU seconds of a process, from /proc; null when gone. */
export function procSample(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    const cpuS = (Number(stat[11]) + Number(stat[12])) / 100;
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    return { rssMb, cpuS };
  } catch {
    return null;
  }
}
