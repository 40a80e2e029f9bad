/**
 * The sandbox chat page: one self-contained HTML document (no framework, no
 * external URL), exported as a string so the bundled package can serve it.
 *
 * @module
 */
import { PAGE_SCRIPT } from "./page-script.js";
import { PAGE_CSS } from "./page-style.js";

/**
 * The complete chat page served at `/` by the sandbox. Elements that tests use
 * carry stable `data-testid` attributes (`composer-input`, `send`, `identity`,
 * `messages`, `bot-message`, `user-message`, `notice`, `api-log`, `api-call`,
 * `btn-poke`, `btn-join`, `btn-leave`, `btn-recall`, `btn-friend-request`,
 * `btn-group-request`, `chat-group-<id>`, `chat-private-<id>`).
 */
export const SANDBOX_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>NcatBot 沙盒</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<div id="app" data-testid="app">
  <header>
    <h1>🐱 NcatBot 沙盒</h1>
    <span class="sub">在浏览器里和示例机器人聊天 · 无需 QQ 与 NapCat</span>
    <span class="status"><span id="conn-dot" class="dot"></span><span id="conn-text">连接中…</span>
      · 机器人 <b id="bot-name" data-testid="bot-name">-</b></span>
  </header>
  <aside class="chats" id="chat-list" data-testid="chat-list"></aside>
  <main>
    <div class="chat-head">
      <span class="title" id="chat-title" data-testid="chat-title">选择一个会话</span>
      <label class="who">我是 <select id="identity" data-testid="identity"></select></label>
    </div>
    <div class="messages" id="messages" data-testid="messages"></div>
    <div class="tools">
      <button id="btn-poke" data-testid="btn-poke" title="以当前身份戳一戳机器人">👉 戳一戳</button>
      <button id="btn-join" data-testid="btn-join" title="一位新成员加入本群">➕ 入群</button>
      <button id="btn-leave" data-testid="btn-leave" title="当前身份退出本群">🚪 退群</button>
      <button id="btn-recall" data-testid="btn-recall" title="撤回当前身份的最后一条消息">↩️ 撤回</button>
      <button id="btn-friend-request" data-testid="btn-friend-request" title="一位陌生人请求加机器人为好友">🤝 好友请求</button>
      <button id="btn-group-request" data-testid="btn-group-request" title="一位陌生人申请加入本群">📨 加群请求</button>
      <span class="hints">试试：
        <button data-hint="测试">测试</button><button data-hint="ping">ping</button>
        <button data-hint="/echo 你好">/echo 你好</button><button data-hint="/图片">/图片</button><button data-hint="/骰子">/骰子</button>
      </span>
    </div>
    <form class="composer" id="composer">
      <input id="composer-input" data-testid="composer-input" autocomplete="off" placeholder="输入消息，回车发送（例如：测试）">
      <button type="submit" id="send" data-testid="send">发送</button>
    </form>
  </main>
  <aside class="api">
    <h2>机器人的 API 调用<span class="count" id="api-count">0</span><button id="api-clear" type="button">清空</button></h2>
    <div class="api-log" id="api-log" data-testid="api-log"></div>
  </aside>
</div>
<div class="toast" id="toast"></div>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
