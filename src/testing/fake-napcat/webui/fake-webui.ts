/**
 * `startFakeWebUI()`: the part of NapCat's WebUI HTTP API that `ncatbot napcat
 * login` uses, for tests without QQ. Login takes `{ hash }`, the hex SHA-256 of
 * the WebUI token followed by ".napcat", and answers a credential sent back as
 * `Authorization: Bearer`; every answer is `{ code, message, data }` (code 0 is
 * success, -1 a refusal). A QR login completes when the test calls `scan()`;
 * a quick login completes at once for an account in the quick-login list.
 * Listens on 127.0.0.1 only.
 *
 * @module
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

/** One account NapCat can log in again without a QR code. */
export interface FakeQuickLoginAccount {
  uin: string;
  nickName: string;
}

/** Options of {@link startFakeWebUI}. */
export interface FakeWebUIOptions {
  /** The WebUI token (NapCat's `webui.json` `token`). Default "napcat". */
  token?: string;
  /** Accounts offered for quick login. Default none. */
  quickLogin?: FakeQuickLoginAccount[];
  /** Start already logged in as this account. */
  loggedInAs?: FakeQuickLoginAccount;
  /** Port, default chosen by the OS. */
  port?: number;
}

/** A running fake WebUI. */
export interface FakeWebUI {
  /** Base URL, e.g. `http://127.0.0.1:6099`. */
  readonly url: string;
  /** The QR code text the WebUI hands out (changes after `expireQrCode()`). */
  readonly qrCode: string;
  /** Who is logged in, if anyone. */
  readonly loggedIn: FakeQuickLoginAccount | undefined;
  /** Every request path received, in order (e.g. `/api/auth/login`). */
  readonly requests: readonly string[];
  /** Simulates the phone scanning the QR code: logs in as `account`. */
  scan(account: FakeQuickLoginAccount): void;
  /** Simulates the QR code expiring: a new one is handed out. */
  expireQrCode(): void;
  /** Stops the server. */
  stop(): Promise<void>;
}

/** The login hash NapCat's WebUI expects for `token`. */
export function webUIPasswordHash(token: string): string {
  return createHash("sha256").update(`${token}.napcat`).digest("hex");
}

function send(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  data?: unknown,
): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ code, message, ...(data === undefined ? {} : { data }) }));
}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Starts a fake NapCat WebUI (see the module comment). */
export async function startFakeWebUI(options: FakeWebUIOptions = {}): Promise<FakeWebUI> {
  const expectedHash = webUIPasswordHash(options.token ?? "napcat");
  const credentials = new Set<string>();
  const quick = options.quickLogin ?? [];
  const requests: string[] = [];
  let loggedIn = options.loggedInAs;
  let qrSerial = 1;
  const qrCode = () => `https://txz.qq.com/p?k=fake-ncatbot-${qrSerial}&f=1600001615`;

  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
      requests.push(path);
      const input = await body(req);
      if (path === "/api/auth/login") {
        if (input.hash !== expectedHash) return send(res, 200, -1, "token is invalid");
        const credential = randomBytes(24).toString("base64");
        credentials.add(credential);
        return send(res, 200, 0, "success", { Credential: credential });
      }
      const auth = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1];
      if (!auth || !credentials.has(auth)) return send(res, 401, -1, "Unauthorized");
      switch (path) {
        case "/api/auth/check":
          return send(res, 200, 0, "success", null);
        case "/api/QQLogin/CheckLoginStatus":
          return send(res, 200, 0, "success", {
            isLogin: loggedIn !== undefined,
            qrcodeurl: loggedIn ? "" : qrCode(),
          });
        case "/api/QQLogin/GetQQLoginQrcode":
          if (loggedIn) return send(res, 200, -1, "QQ Is Logined");
          return send(res, 200, 0, "success", { qrcode: qrCode() });
        case "/api/QQLogin/GetQuickLoginList":
          return send(
            res,
            200,
            0,
            "success",
            quick.map((a) => a.uin),
          );
        case "/api/QQLogin/GetQuickLoginListNew":
          return send(
            res,
            200,
            0,
            "success",
            quick.map((a) => ({
              uin: a.uin,
              nickName: a.nickName,
              faceUrl: "",
              isQuickLogin: true,
            })),
          );
        case "/api/QQLogin/SetQuickLogin": {
          if (loggedIn) return send(res, 200, -1, "QQ Is Logined");
          const account = quick.find((a) => a.uin === String(input.uin ?? ""));
          if (!account) return send(res, 200, -1, "no quick login record for this account");
          loggedIn = account;
          return send(res, 200, 0, "success", null);
        }
        case "/api/QQLogin/GetQQLoginInfo":
          return send(
            res,
            200,
            0,
            "success",
            loggedIn ? { uin: loggedIn.uin, nick: loggedIn.nickName, online: true } : {},
          );
        default:
          return send(res, 404, -1, "not found");
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    get qrCode() {
      return qrCode();
    },
    get loggedIn() {
      return loggedIn;
    },
    requests,
    scan(account) {
      loggedIn = account;
    },
    expireQrCode() {
      qrSerial++;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
