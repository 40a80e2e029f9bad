/**
 * The sandbox page's script (vanilla JS, runs in the browser). It talks to the
 * sandbox server over the WebSocket at `/ws` (see `protocol.ts`) and renders
 * everything with DOM calls and `textContent`, never `innerHTML`, so user text
 * cannot inject markup.
 *
 * @module
 */

/** The page's JavaScript, inlined into its `<script>`. */
export const PAGE_SCRIPT = String.raw`
"use strict";
(function () {
  var S = { state: null, chat: null, me: {}, items: {}, unread: {}, calls: [], ws: null, seq: 0, pending: {} };
  var COLORS = ["#f59e0b", "#10b981", "#6366f1", "#ec4899", "#0ea5e9", "#8b5cf6", "#ef4444", "#14b8a6"];
  var LABELS = { record: "语音", video: "视频", file: "文件", rps: "猜拳", dice: "骰子", music: "音乐", json: "卡片",
    xml: "XML 卡片", markdown: "Markdown", poke: "戳一戳", contact: "名片", location: "位置", share: "分享", mface: "表情包",
    node: "转发节点", shake: "窗口抖动", anonymous: "匿名", miniapp: "小程序", onlinefile: "在线文件", flashtransfer: "闪传" };
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function key(chat) { return chat.type + ":" + chat.id; }
  function avatar(id, name) {
    var a = el("div", "avatar", (name || "?").slice(0, 1));
    a.style.background = COLORS[Math.abs(Number(id) || 0) % COLORS.length];
    return a;
  }
  function toast(text) {
    var t = $("toast"); t.textContent = text; t.classList.add("show");
    clearTimeout(toast.timer); toast.timer = setTimeout(function () { t.classList.remove("show"); }, 2600);
  }
  function send(cmd) {
    if (!S.ws || S.ws.readyState !== 1) { toast("未连接到沙盒服务器"); return; }
    cmd.id = ++S.seq; S.pending[cmd.id] = cmd.op;
    S.ws.send(JSON.stringify(cmd));
  }

  // ---------------------------------------------------------------- state helpers
  function group(id) { return (S.state && S.state.groups.find(function (g) { return g.group_id === id; })) || null; }
  function friend(id) { return (S.state && S.state.friends.find(function (f) { return f.user_id === id; })) || null; }
  function chatName(chat) {
    if (chat.type === "group") { var g = group(chat.id); return g ? g.group_name : "群 " + chat.id; }
    var f = friend(chat.id); return f ? (f.remark || f.nickname) : "QQ " + chat.id;
  }
  function identities(chat) {
    if (!S.state || !chat) return [];
    if (chat.type === "private") {
      var f = friend(chat.id);
      return f ? [{ user_id: f.user_id, label: f.nickname + " (" + f.user_id + ")" }] : [];
    }
    var g = group(chat.id); if (!g) return [];
    var roles = { owner: "群主", admin: "管理员", member: "成员" };
    return g.members.filter(function (m) { return m.user_id !== S.state.self.user_id; }).map(function (m) {
      return { user_id: m.user_id, label: (m.card || m.nickname) + " · " + (roles[m.role] || m.role) + " (" + m.user_id + ")" };
    });
  }
  function currentMe() {
    var ids = identities(S.chat); var chosen = S.chat && S.me[key(S.chat)];
    if (ids.some(function (i) { return i.user_id === chosen; })) return chosen;
    return ids.length ? ids[0].user_id : null;
  }

  // ---------------------------------------------------------------- rendering
  function renderChats() {
    var list = $("chat-list"); list.textContent = "";
    if (!S.state) return;
    var add = function (chat, name, meta) {
      var item = el("div", "chat-item" + (S.chat && key(S.chat) === key(chat) ? " active" : ""));
      item.setAttribute("data-testid", "chat-" + chat.type + "-" + chat.id);
      item.appendChild(avatar(chat.id, name));
      var text = el("div", "name"); text.appendChild(el("div", null, name)); text.appendChild(el("div", "meta", meta));
      item.appendChild(text);
      var n = S.unread[key(chat)]; if (n) item.appendChild(el("span", "badge", n));
      item.onclick = function () { selectChat(chat); };
      list.appendChild(item);
    };
    list.appendChild(el("h2", null, "群聊"));
    S.state.groups.forEach(function (g) { add({ type: "group", id: g.group_id }, g.group_name, g.members.length + " 人 · " + g.group_id); });
    list.appendChild(el("h2", null, "好友私聊"));
    S.state.friends.forEach(function (f) { add({ type: "private", id: f.user_id }, f.remark || f.nickname, String(f.user_id)); });
  }

  function renderHead() {
    $("chat-title").textContent = S.chat ? chatName(S.chat) : "选择一个会话";
    var sel = $("identity"); sel.textContent = "";
    var ids = identities(S.chat); var me = currentMe();
    ids.forEach(function (i) { var o = el("option", null, i.label); o.value = String(i.user_id); if (i.user_id === me) o.selected = true; sel.appendChild(o); });
    sel.disabled = ids.length <= 1;
    var isGroup = S.chat && S.chat.type === "group";
    ["btn-join", "btn-leave", "btn-group-request"].forEach(function (id) { $(id).disabled = !isGroup; });
  }

  function renderSegments(parent, segments) {
    segments.forEach(function (s) {
      var d = s.data || {};
      switch (s.type) {
        case "text": parent.appendChild(document.createTextNode(String(d.text || ""))); break;
        case "at": parent.appendChild(el("span", "at", "@" + (s.name || d.qq) + " ")); break;
        case "face": parent.appendChild(el("span", "chip", "[表情:" + d.id + "]")); break;
        case "image":
          if (s.src) { var img = el("img"); img.src = s.src; img.alt = "图片"; img.setAttribute("data-testid", "image"); parent.appendChild(img); }
          else parent.appendChild(el("span", "chip", "[图片]"));
          break;
        case "reply": {
          var q = el("div", "quote"); q.setAttribute("data-testid", "quote");
          q.textContent = s.quote ? s.quote.name + "：" + s.quote.text : "回复消息 #" + d.id;
          parent.insertBefore(q, parent.firstChild); break;
        }
        case "forward": case "node": {
          var det = el("details", "forward"); var nodes = s.nodes || [];
          det.appendChild(el("summary", null, "[合并转发] " + nodes.length + " 条消息"));
          nodes.forEach(function (n) { var row = el("div", "node"); row.appendChild(el("b", null, n.name + "：")); renderSegments(row, n.segments); det.appendChild(row); });
          parent.appendChild(det); break;
        }
        default: {
          var label = LABELS[s.type] || s.type;
          var extra = d.result !== undefined ? " " + d.result : "";
          var chip = el("span", "chip", "[" + label + extra + "]"); chip.setAttribute("data-segment", s.type); parent.appendChild(chip);
        }
      }
    });
  }

  function messageNode(m) {
    var me = currentMe();
    var cls = "msg" + (m.sender.bot ? " bot" : "") + (m.sender.user_id === me ? " mine" : "") + (m.recalled ? " recalled" : "");
    var row = el("div", cls); row.setAttribute("data-testid", m.sender.bot ? "bot-message" : "user-message");
    if (m.message_id !== undefined) row.setAttribute("data-message-id", String(m.message_id));
    row.appendChild(avatar(m.sender.user_id, m.sender.name));
    var body = el("div", "body");
    var who = el("div", "sender", m.sender.name + (m.sender.bot ? " 🤖" : ""));
    if (m.recalled) who.appendChild(el("span", "recall-tag", "已撤回"));
    body.appendChild(who);
    var bubble = el("div", "bubble"); bubble.setAttribute("data-testid", "bubble");
    renderSegments(bubble, m.segments); body.appendChild(bubble); row.appendChild(body);
    return row;
  }

  function renderMessages() {
    var box = $("messages"); box.textContent = "";
    if (!S.chat) { box.appendChild(el("div", "empty", "从左侧选择一个群聊或好友开始聊天")); return; }
    var items = S.items[key(S.chat)] || [];
    if (!items.length) box.appendChild(el("div", "empty", "还没有消息。试试发送「测试」或「ping」吧！"));
    items.forEach(function (it) {
      if (it.kind === "message") box.appendChild(messageNode(it.message));
      else { var n = el("div", "notice", it.notice.text); n.setAttribute("data-testid", "notice"); box.appendChild(n); }
    });
    box.scrollTop = box.scrollHeight;
  }

  function renderCall(c) {
    var det = el("details", "api-call"); det.setAttribute("data-testid", "api-call"); det.setAttribute("data-action", c.action);
    var sum = el("summary");
    sum.appendChild(el("span", c.outcome ? (c.outcome.ok ? "okmark" : "fail") : null, c.outcome ? (c.outcome.ok ? "✓" : "✗") : "•"));
    sum.appendChild(el("span", "action", c.action));
    sum.appendChild(el("span", "time", new Date(c.at).toLocaleTimeString()));
    det.appendChild(sum);
    var text = JSON.stringify(c.params, null, 2);
    if (c.outcome && !c.outcome.ok) text += "\n\n失败: " + c.outcome.message;
    det.appendChild(el("pre", null, text));
    return det;
  }
  function addCall(c) {
    S.calls.push(c); var log = $("api-log");
    log.insertBefore(renderCall(c), log.firstChild);
    while (log.childNodes.length > 300) log.removeChild(log.lastChild);
    $("api-count").textContent = String(S.calls.length);
  }

  function render() { renderChats(); renderHead(); renderMessages(); }

  function selectChat(chat) {
    S.chat = chat; S.unread[key(chat)] = 0; render(); $("composer-input").focus();
  }

  // ---------------------------------------------------------------- incoming
  function push(chat, item) {
    var k = chat ? key(chat) : (S.chat ? key(S.chat) : null);
    if (!k) return;
    (S.items[k] = S.items[k] || []).push(item);
    if (S.chat && key(S.chat) === k) renderMessages();
    else { S.unread[k] = (S.unread[k] || 0) + 1; renderChats(); }
  }
  function onPush(p) {
    switch (p.type) {
      case "hello":
        S.state = p.state; S.items = {}; S.calls = []; $("api-log").textContent = "";
        $("bot-name").textContent = p.state.self.nickname + " (" + p.state.self.user_id + ")";
        p.history.forEach(function (it) {
          var chat = it.kind === "message" ? it.message.chat : it.notice.chat;
          if (chat) (S.items[key(chat)] = S.items[key(chat)] || []).push(it);
        });
        p.calls.forEach(addCall);
        if (!S.chat && p.state.groups.length) S.chat = { type: "group", id: p.state.groups[0].group_id };
        render(); break;
      case "state": S.state = p.state; render(); break;
      case "message": push(p.message.chat, { kind: "message", message: p.message }); break;
      case "notice": push(p.notice.chat, { kind: "notice", notice: p.notice }); break;
      case "recall":
        Object.keys(S.items).forEach(function (k) { S.items[k].forEach(function (it) { if (it.kind === "message" && it.message.message_id === p.message_id) it.message.recalled = true; }); });
        renderMessages(); break;
      case "api": addCall(p.call); break;
      case "ack":
        delete S.pending[p.id];
        if (!p.ok) toast("操作失败：" + p.error);
        break;
    }
  }

  function connect() {
    var ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
    S.ws = ws;
    ws.onopen = function () { $("conn-dot").classList.add("on"); $("conn-text").textContent = "已连接"; document.body.setAttribute("data-ready", "1"); };
    ws.onmessage = function (e) { try { onPush(JSON.parse(e.data)); } catch (err) { console.error(err); } };
    ws.onclose = function () {
      $("conn-dot").classList.remove("on"); $("conn-text").textContent = "连接断开，重连中…"; document.body.removeAttribute("data-ready");
      setTimeout(connect, 1000);
    };
  }

  // ---------------------------------------------------------------- actions
  function say(text) {
    var me = currentMe();
    if (!S.chat || !me || !text.trim()) return;
    send({ op: "say", chat: S.chat, user_id: me, text: text });
  }
  function wire() {
    $("composer").onsubmit = function (e) { e.preventDefault(); var i = $("composer-input"); say(i.value); i.value = ""; };
    $("identity").onchange = function () { if (S.chat) { S.me[key(S.chat)] = Number($("identity").value); renderMessages(); } };
    Array.prototype.forEach.call(document.querySelectorAll("[data-hint]"), function (b) { b.onclick = function () { say(b.getAttribute("data-hint")); }; });
    $("btn-poke").onclick = function () { var me = currentMe(); if (S.chat && me) send({ op: "poke", chat: S.chat, user_id: me }); };
    $("btn-join").onclick = function () { if (S.chat) send({ op: "join", group_id: S.chat.id }); };
    $("btn-leave").onclick = function () { var me = currentMe(); if (S.chat && me) send({ op: "leave", group_id: S.chat.id, user_id: me }); };
    $("btn-recall").onclick = function () { var me = currentMe(); if (S.chat && me) send({ op: "recall", chat: S.chat, user_id: me }); };
    $("btn-friend-request").onclick = function () { send({ op: "friend_request", comment: "你好，想加你为好友" }); };
    $("btn-group-request").onclick = function () { if (S.chat) send({ op: "group_request", group_id: S.chat.id, comment: "我想加入本群" }); };
    $("api-clear").onclick = function () { S.calls = []; $("api-log").textContent = ""; $("api-count").textContent = "0"; };
  }

  wire();
  connect();
})();
`;
