// Cold start: how long from spawning a bot process until it answers its first
// event. The clock starts just before spawn() and stops when the first
// "pong N" arrives at a fake NapCat (lib/fake-napcat.mjs). As soon as the bot
// connects it gets "ping 1", then a new ping every 20 ms until one is
// answered, so a bot that drops events during its own start-up is charged for
// it rather than flattered. Also reports when the socket connected and
// whether the bot then exits by itself on SIGTERM.
import { groupPing, nowMs, spawnBot, startFakeNapcat, stopChild } from "./fake-napcat.mjs";

/**
 * @param {string[]} cmd the bot's command line
 * @param {{ timeoutMs?: number, verbose?: boolean }} [options]
 * @returns {Promise<{ connect_ms: number|null, first_pong_ms: number|null, clean_exit: boolean, error?: string }>}
 */
export async function measureColdStart(cmd, { timeoutMs = 30000, verbose = false } = {}) {
  let connectedAt = null;
  let pongAt = null;
  let timer = null;
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  const server = await startFakeNapcat({
    onConnection: (ws) => {
      connectedAt ??= nowMs();
      let n = 0;
      const ping = () => {
        if (pongAt === null && ws.readyState === ws.OPEN) ws.send(JSON.stringify(groupPing(++n)));
      };
      ping();
      const interval = setInterval(ping, 20);
      ws.once("close", () => clearInterval(interval));
      finished.then(() => clearInterval(interval));
    },
    onReply: ({ text, isPrivate }) => {
      if (pongAt === null && !isPrivate && /^pong \d+$/.test(text)) {
        pongAt = nowMs();
        finish();
      }
    },
  });
  const t0 = nowMs();
  const child = spawnBot(cmd, server.url, { verbose });
  let exitedEarly = null;
  child.once("exit", (code, signal) => {
    const lines = child.stderrTail().split("\n").filter(Boolean);
    const why = lines.find((line) => /Error\b/.test(line)) ?? lines.at(-1);
    exitedEarly = `the bot exited before answering (code ${code}, signal ${signal})${why ? `: ${why}` : ""}`;
    finish();
  });
  timer = setTimeout(finish, timeoutMs);
  await finished;
  clearTimeout(timer);
  const error = pongAt === null ? (exitedEarly ?? `no pong within ${timeoutMs} ms`) : undefined;
  child.removeAllListeners("exit");
  const cleanExit = await stopChild(child);
  await server.close();
  const round = (t) => (t === null ? null : +(t - t0).toFixed(1));
  return {
    connect_ms: round(connectedAt),
    first_pong_ms: round(pongAt),
    clean_exit: cleanExit,
    ...(error ? { error } : {}),
  };
}
