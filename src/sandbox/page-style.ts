/**
 * The sandbox page's stylesheet (plain CSS, no external fonts or URLs).
 *
 * @module
 */

/** CSS of the chat page, inlined into its `<style>`. */
export const PAGE_CSS = `
:root {
  --bg: #f3f4f7; --panel: #ffffff; --line: #e3e6ec; --text: #1f2430; --muted: #7a8194;
  --accent: #3b82f6; --accent-soft: #e8f0fe; --bot: #fff7e8; --bot-line: #f5d9a6; --me: #dcecff;
  --danger: #d9485f; --ok: #2f9e61; --chip: #eef0f4;
}
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { font: 14px/1.5 -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  color: var(--text); background: var(--bg); }
#app { display: grid; grid-template-columns: 232px minmax(0, 1fr) 360px; grid-template-rows: 52px minmax(0, 1fr); height: 100vh; }
header { grid-column: 1 / -1; display: flex; align-items: center; gap: 12px; padding: 0 18px;
  background: #1f2937; color: #fff; }
header h1 { font-size: 16px; margin: 0; font-weight: 600; }
header .sub { color: #cbd5e1; font-size: 12px; }
header .status { margin-left: auto; display: flex; align-items: center; gap: 6px; font-size: 12px; color: #cbd5e1; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: #9ca3af; display: inline-block; }
.dot.on { background: #34d399; }
aside.chats { background: var(--panel); border-right: 1px solid var(--line); overflow-y: auto; padding: 10px 0; }
aside.chats h2 { font-size: 12px; color: var(--muted); font-weight: 600; margin: 10px 16px 4px; letter-spacing: .04em; }
.chat-item { display: flex; align-items: center; gap: 10px; padding: 8px 16px; cursor: pointer; border-left: 3px solid transparent; }
.chat-item:hover { background: #f7f8fa; }
.chat-item.active { background: var(--accent-soft); border-left-color: var(--accent); }
.avatar { width: 32px; height: 32px; border-radius: 50%; display: flex; align-items: center; justify-content: center;
  color: #fff; font-size: 13px; font-weight: 600; flex: none; }
.chat-item .name { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.chat-item .meta { font-size: 11px; color: var(--muted); }
.badge { background: var(--danger); color: #fff; border-radius: 9px; font-size: 11px; padding: 0 6px; min-width: 18px; text-align: center; }
main { display: flex; flex-direction: column; min-width: 0; min-height: 0; }
.chat-head { display: flex; align-items: center; gap: 12px; padding: 10px 18px; background: var(--panel); border-bottom: 1px solid var(--line); }
.chat-head .title { font-weight: 600; font-size: 15px; }
.chat-head .who { margin-left: auto; display: flex; align-items: center; gap: 6px; color: var(--muted); font-size: 13px; }
select, input, button { font: inherit; }
select { padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; background: #fff; max-width: 240px; }
.messages { flex: 1; overflow-y: auto; padding: 16px 18px; display: flex; flex-direction: column; gap: 10px; }
.empty { color: var(--muted); text-align: center; margin-top: 60px; }
.msg { display: flex; gap: 10px; max-width: 78%; }
.msg.mine { align-self: flex-end; flex-direction: row-reverse; }
.msg .body { min-width: 0; }
.msg .sender { font-size: 12px; color: var(--muted); margin-bottom: 2px; }
.msg.mine .sender { text-align: right; }
.bubble { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 7px 11px; white-space: pre-wrap; word-break: break-word; }
.msg.bot .bubble { background: var(--bot); border-color: var(--bot-line); }
.msg.mine .bubble { background: var(--me); border-color: #c3dcfb; }
.msg.recalled .bubble { opacity: .55; text-decoration: line-through; }
.msg .recall-tag { font-size: 11px; color: var(--danger); margin-left: 6px; }
.bubble img { max-width: 180px; max-height: 180px; display: block; border-radius: 6px; margin: 4px 0; image-rendering: pixelated; min-width: 64px; }
.at { color: var(--accent); font-weight: 500; }
.chip { display: inline-block; background: var(--chip); border-radius: 5px; padding: 0 6px; margin: 0 2px; font-size: 12px; color: #4b5263; }
.quote { border-left: 3px solid #c5cad5; background: rgba(0,0,0,.04); padding: 3px 8px; margin-bottom: 5px; font-size: 12px; color: #596074; border-radius: 3px; white-space: normal; }
details.forward { background: rgba(0,0,0,.03); border-radius: 6px; padding: 4px 8px; }
details.forward .node { padding: 3px 0; border-top: 1px dashed var(--line); }
.notice { align-self: center; font-size: 12px; color: var(--muted); background: #e9ebf0; border-radius: 10px; padding: 2px 10px; max-width: 80%; text-align: center; }
.tools { display: flex; flex-wrap: wrap; gap: 6px; padding: 8px 18px 0; background: var(--panel); border-top: 1px solid var(--line); }
.tools button, .hints button { border: 1px solid var(--line); background: #fff; border-radius: 14px; padding: 2px 12px; cursor: pointer; font-size: 13px; }
.tools button:hover, .hints button:hover { border-color: var(--accent); color: var(--accent); }
.tools button:disabled { opacity: .4; cursor: not-allowed; }
.hints { display: flex; gap: 6px; align-items: center; margin-left: auto; color: var(--muted); font-size: 12px; }
.composer { display: flex; gap: 8px; padding: 8px 18px 14px; background: var(--panel); }
.composer input { flex: 1; padding: 9px 12px; border: 1px solid var(--line); border-radius: 8px; outline: none; }
.composer input:focus { border-color: var(--accent); }
.composer button { background: var(--accent); color: #fff; border: 0; border-radius: 8px; padding: 0 22px; cursor: pointer; font-weight: 600; }
aside.api { background: var(--panel); border-left: 1px solid var(--line); display: flex; flex-direction: column; min-height: 0; }
aside.api h2 { font-size: 13px; margin: 0; padding: 12px 14px; border-bottom: 1px solid var(--line); display: flex; align-items: center; }
aside.api h2 .count { margin-left: 8px; color: var(--muted); font-weight: normal; }
aside.api h2 button { margin-left: auto; border: 0; background: none; color: var(--accent); cursor: pointer; font-size: 12px; }
.api-log { flex: 1; overflow-y: auto; padding: 6px 0; font-size: 12px; }
.api-call { padding: 6px 14px; border-bottom: 1px solid #f0f1f4; }
.api-call summary { cursor: pointer; display: flex; gap: 8px; align-items: baseline; list-style: none; }
.api-call summary::-webkit-details-marker { display: none; }
.api-call .action { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-weight: 600; }
.api-call .time { color: var(--muted); margin-left: auto; font-size: 11px; }
.api-call .fail { color: var(--danger); }
.api-call .okmark { color: var(--ok); }
.api-call pre { margin: 6px 0 0; background: #f6f7f9; border-radius: 6px; padding: 6px 8px; white-space: pre-wrap; word-break: break-all;
  font: 11px/1.45 ui-monospace, Menlo, Consolas, monospace; max-height: 220px; overflow: auto; }
.toast { position: fixed; bottom: 18px; left: 50%; transform: translateX(-50%); background: #1f2937; color: #fff; padding: 8px 16px;
  border-radius: 8px; font-size: 13px; opacity: 0; transition: opacity .2s; pointer-events: none; }
.toast.show { opacity: .95; }
`;
