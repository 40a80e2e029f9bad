/**
 * NapCat's OneBot 11 network config (`config/onebot11.json`) that matches a
 * resolved `ncatbot.config.yaml`: same port, same token, array message format.
 *
 * @module
 */
import { type ResolvedConfig, reveal } from "../../client/config.js";

/** Where NapCat's side of the connection points, as the WebUI and the JSON name it. */
export interface NapCatNetwork {
  /** `onebot11.json` content. */
  json: Record<string, unknown>;
  /** Ports the container must publish on 127.0.0.1. */
  ports: number[];
  /** Whether NapCat connects back to the host (reverse WS, HTTP POST). */
  dialsHost: boolean;
  /** The WebUI steps, one line each, without the token's value. */
  steps: string[];
}

function portOf(address: string, fallback: number): number {
  const url = new URL(address);
  return url.port ? Number(url.port) : fallback;
}

/** Builds NapCat's network config for `config`; `hostAlias` is how NapCat reaches the bot's machine. */
export function napcatNetwork(config: ResolvedConfig, hostAlias: string): NapCatNetwork {
  const c = config.connection;
  const common = {
    name: "ncatbot",
    enable: true,
    messagePostFormat: "array",
    reportSelfMessage: false,
    debug: false,
  };
  const network = {
    httpServers: [] as unknown[],
    httpSseServers: [] as unknown[],
    httpClients: [] as unknown[],
    websocketServers: [] as unknown[],
    websocketClients: [] as unknown[],
    plugins: [] as unknown[],
  };
  const tokenLine = "Token：填 ncatbot.config.yaml 里 wsToken 的值（一字不差；这里不显示它）";
  const formatLine = "消息格式（messagePostFormat）：Array；上报自身消息：关闭";
  let ports: number[] = [];
  let dialsHost = false;
  let steps: string[];
  if (c.mode === "reverse-ws") {
    const url = `ws://${hostAlias}:${c.port}${c.path ?? "/"}`;
    network.websocketClients.push({
      ...common,
      url,
      reconnectInterval: 5000,
      token: reveal(c.token) ?? reveal(config.wsToken) ?? "",
      heartInterval: 30000,
    });
    dialsHost = true;
    steps = [
      `新建「WebSocket 客户端」，名称 ncatbot，启用`,
      `URL：${url}（NapCat 和机器人在同一台机器上就用 ws://127.0.0.1:${c.port}${c.path ?? "/"}）`,
      formatLine,
      tokenLine.replace("wsToken", c.token ? "connection.token" : "wsToken"),
    ];
  } else if (c.mode === "http") {
    const port = portOf(c.apiUrl, 3000);
    const token = reveal(c.token) ?? reveal(config.wsToken) ?? "";
    const server = {
      ...common,
      host: "0.0.0.0",
      port,
      enableCors: true,
      enableWebsocket: false,
      token,
    };
    ports = [port];
    steps = [];
    if (c.events.mode === "sse") {
      network.httpSseServers.push({ ...server, reportSelfMessage: false });
      steps.push(`新建「HTTP SSE 服务器」，名称 ncatbot，启用，主机 0.0.0.0，端口 ${port}`);
    } else {
      network.httpServers.push(server);
      const url = `http://${hostAlias}:${c.events.port}${c.events.path ?? "/"}`;
      network.httpClients.push({ ...common, url, token: reveal(c.events.secret) ?? "" });
      dialsHost = true;
      steps.push(
        `新建「HTTP 服务器」，名称 ncatbot，启用，主机 0.0.0.0，端口 ${port}`,
        `再新建「HTTP 客户端」，URL：${url}（同一台机器上就用 http://127.0.0.1:${c.events.port}${c.events.path ?? "/"}）`,
      );
    }
    steps.push(formatLine, tokenLine.replace("wsToken", c.token ? "connection.token" : "wsToken"));
  } else {
    const port = portOf(config.wsUri, 3001);
    network.websocketServers.push({
      ...common,
      host: "0.0.0.0",
      port,
      token: reveal(config.wsToken) ?? "",
      enableForcePushEvent: true,
      heartInterval: 30000,
    });
    ports = [port];
    steps = [
      `新建「WebSocket 服务器」，名称 ncatbot，启用，主机 0.0.0.0（只在本机用可以填 127.0.0.1），端口 ${port}`,
      formatLine,
      tokenLine,
    ];
  }
  return {
    json: { network, musicSignUrl: "", enableLocalFile2Url: false, parseMultMsg: false },
    ports,
    dialsHost,
    steps,
  };
}
