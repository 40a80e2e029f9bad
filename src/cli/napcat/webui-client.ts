/**
 * A client for NapCat's WebUI HTTP API, as far as `ncatbot napcat login` needs it:
 * log in with the hashed WebUI token, then call `QQLogin/*` with the credential.
 * Errors are {@link CliError}s that say whether the WebUI is unreachable or the
 * token is wrong; neither the token nor the credential ever appears in them.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { CliError } from "../errors.js";

/** NapCat's WebUI address when nothing else is said. */
export const DEFAULT_WEBUI = "http://127.0.0.1:6099";

interface Answer {
  code?: unknown;
  message?: unknown;
  data?: unknown;
}

/** A logged-in WebUI session. */
export class WebUIClient {
  private constructor(
    readonly base: string,
    private readonly credential: string,
    private readonly timeoutMs: number,
  ) {}

  /** Logs in to the WebUI at `base` with `token` (sent only as NapCat's salted SHA-256 hash). */
  static async login(base: string, token: string, timeoutMs = 5000): Promise<WebUIClient> {
    const hash = createHash("sha256").update(`${token}.napcat`).digest("hex");
    const answer = await post(base, "/api/auth/login", { hash }, undefined, timeoutMs);
    if (answer.code !== 0) {
      throw new CliError(`NapCat WebUI 拒绝了 WebUI 令牌（${String(answer.message ?? "")}）`, {
        hint: "WebUI 令牌在 NapCat 的 config/webui.json 里的 token，NapCat 启动日志里也会打印；用 --webui-token 或环境变量 NAPCAT_WEBUI_TOKEN 给出。",
      });
    }
    const credential = (answer.data as { Credential?: unknown } | undefined)?.Credential;
    if (typeof credential !== "string")
      throw new CliError("NapCat WebUI 登录成功，但没有返回凭据（这个 NapCat 版本不受支持？）");
    return new WebUIClient(base, credential, timeoutMs);
  }

  /** Calls a WebUI API path (e.g. `/api/QQLogin/CheckLoginStatus`); resolves to the whole answer. */
  call(path: string, payload: object = {}): Promise<Answer> {
    return post(this.base, path, payload, this.credential, this.timeoutMs);
  }

  /** Calls `path` and returns `data`, or throws a {@link CliError} with NapCat's message. */
  async data<T>(path: string, payload: object = {}): Promise<T> {
    const answer = await this.call(path, payload);
    if (answer.code !== 0)
      throw new CliError(`NapCat WebUI ${path} 失败：${String(answer.message ?? "")}`);
    return answer.data as T;
  }
}

async function post(
  base: string,
  path: string,
  payload: object,
  credential: string | undefined,
  timeoutMs: number,
): Promise<Answer> {
  let res: Response;
  try {
    res = await fetch(new URL(path, base), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(credential ? { authorization: `Bearer ${credential}` } : {}),
      },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    const why =
      cause === "ECONNREFUSED"
        ? "连接被拒绝"
        : cause === "TimeoutError"
          ? `${timeoutMs / 1000} 秒内没有回应`
          : cause;
    throw new CliError(`连不上 NapCat WebUI ${base}：${why}`, {
      hint: "确认 NapCat 正在运行、WebUI 已开启（默认端口 6099），或用 --webui 指定地址，例如 --webui http://127.0.0.1:6099。",
    });
  }
  if (res.status === 401 && credential) {
    throw new CliError("NapCat WebUI 不再接受登录凭据（401），请重新运行这个命令。");
  }
  try {
    return (await res.json()) as Answer;
  } catch {
    throw new CliError(`${base} 回答了 HTTP ${res.status}，它不像 NapCat WebUI`, {
      hint: "检查 --webui 的地址和端口（WebUI 默认 6099）。",
    });
  }
}
