/**
 * Turns what the fake NapCat sees (event payloads, the world, the bot's calls)
 * into what the sandbox page shows: messages with display hints, notice lines,
 * the user/group lists, and API calls with long data trimmed and secrets masked.
 *
 * @module
 */
import type { WireSegment } from "../testing/fake-napcat/cq.js";
import type { FakeEventPayload } from "../testing/fake-napcat/events.js";
import type { InProcessFakeNapCat } from "../testing/fake-napcat/types.js";
import type {
  ChatRef,
  SandboxState,
  ViewApiCall,
  ViewMessage,
  ViewNotice,
  ViewSegment,
} from "./protocol.js";

type World = InProcessFakeNapCat["world"];

const SECRET_KEY = /token|secret|authorization|password|cookie/i;
const LONG_STRING = 160;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/**
 * A copy of `value` fit for the page's API log: secret-looking keys masked,
 * strings longer than 160 characters (base64 images...) shortened.
 */
export function sanitizeForLog(value: unknown, depth = 0): unknown {
  if (typeof value === "string") {
    return value.length > LONG_STRING ? `${value.slice(0, 48)}…（共 ${value.length} 字符）` : value;
  }
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => sanitizeForLog(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = SECRET_KEY.test(k) ? "***" : sanitizeForLog(v, depth + 1);
  return out;
}

/** A page-displayable source for an image `file` / `url`, or undefined (the page shows a chip). */
export function imageSource(data: Record<string, unknown>): string | undefined {
  for (const candidate of [data.file, data.url]) {
    if (typeof candidate !== "string") continue;
    if (candidate.startsWith("base64://"))
      return `data:image/png;base64,${candidate.slice("base64://".length)}`;
    if (candidate.startsWith("data:image/")) return candidate;
  }
  return undefined;
}

/** The chat a message payload belongs to. */
export function chatOfMessage(payload: Record<string, unknown>): ChatRef | undefined {
  if (payload.message_type === "group") {
    const id = num(payload.group_id);
    return id === undefined ? undefined : { type: "group", id };
  }
  const self = num(payload.self_id);
  const sender = num(payload.user_id);
  const peer = sender === self ? num(payload.target_id) : sender;
  return peer === undefined ? undefined : { type: "private", id: peer };
}

/** The stable key of a chat (`group:123`, `private:456`). */
export function chatKey(chat: ChatRef): string {
  return `${chat.type}:${chat.id}`;
}

/** Builds page views from the fake's world. */
export class ViewBuilder {
  readonly #world: World;

  constructor(world: World) {
    this.#world = world;
  }

  /** A user's display name: group card, else nickname; the bot is its nickname. */
  nameOf(userId: number | undefined, groupId?: number): string {
    if (userId === undefined) return "某人";
    const world = this.#world;
    if (userId === world.selfId) return world.nickname;
    const member =
      groupId === undefined ? undefined : world.groups.get(groupId)?.members.get(userId);
    if (member) return member.card || member.nickname;
    const user = world.users.get(userId);
    return user ? user.remark || user.nickname : `QQ用户${userId}`;
  }

  /** The users and groups the page lists. */
  state(): SandboxState {
    const world = this.#world;
    const friends = [...world.friends].map((id) => {
      const user = world.user(id);
      return { user_id: id, nickname: user.nickname, remark: user.remark };
    });
    const groups = [...world.groups.values()].map((g) => ({
      group_id: g.group_id,
      group_name: g.group_name,
      members: [...g.members.values()].map((m) => ({
        user_id: m.user_id,
        nickname: m.nickname,
        card: m.card,
        role: m.role,
      })),
    }));
    const strangers = [...world.users.values()]
      .filter((u) => u.user_id !== world.selfId && !world.friends.has(u.user_id))
      .map((u) => ({ user_id: u.user_id, nickname: u.nickname }));
    return {
      self: { user_id: world.selfId, nickname: world.nickname },
      friends,
      groups,
      strangers,
    };
  }

  /** Display segments; `images` supplies sources for image segments the payload no longer carries. */
  segments(
    wire: readonly WireSegment[],
    groupId: number | undefined,
    images: string[] = [],
  ): ViewSegment[] {
    return wire.map((seg) => {
      const view: ViewSegment = { type: seg.type, data: { ...seg.data } };
      if (seg.type === "at") {
        const qq = seg.data.qq;
        view.name = qq === "all" ? "全体成员" : this.nameOf(num(qq), groupId);
      } else if (seg.type === "image") {
        const src = imageSource(seg.data) ?? images.shift();
        if (src) view.src = src;
      } else if (seg.type === "reply") {
        const quoted = this.#world.messages.get(num(seg.data.id) ?? -1);
        if (quoted)
          view.quote = {
            name: this.nameOf(quoted.user_id, quoted.group_id),
            text: plainText(quoted.segments),
          };
      } else if (seg.type === "forward") {
        const nodes = this.#forwardNodes(seg.data.id);
        if (nodes) view.nodes = nodes;
      }
      return view;
    });
  }

  #forwardNodes(resId: unknown): ViewSegment["nodes"] {
    if (typeof resId !== "string") return undefined;
    for (const message of this.#world.messages.values()) {
      if (message.res_id === resId && message.forward) {
        return message.forward.map((node) => ({
          name: node.nickname,
          segments: this.segments(node.segments, undefined),
        }));
      }
    }
    return undefined;
  }

  /** A `message` / `message_sent` payload as a page message, or undefined for anything else. */
  message(payload: FakeEventPayload, images?: string[]): ViewMessage | undefined {
    if (payload.post_type !== "message" && payload.post_type !== "message_sent") return undefined;
    const chat = chatOfMessage(payload);
    const userId = num(payload.user_id);
    if (chat === undefined || userId === undefined || !Array.isArray(payload.message))
      return undefined;
    const groupId = chat.type === "group" ? chat.id : undefined;
    return {
      chat,
      message_id: num(payload.message_id),
      sender: {
        user_id: userId,
        name: this.nameOf(userId, groupId),
        bot: userId === this.#world.selfId,
      },
      segments: this.segments(payload.message as WireSegment[], groupId, images),
      time: num(payload.time) ?? Math.floor(Date.now() / 1000),
    };
  }

  /** A notice or request payload as a line of text in its chat, or undefined for other events. */
  notice(payload: FakeEventPayload): ViewNotice | undefined {
    if (payload.post_type !== "notice" && payload.post_type !== "request") return undefined;
    const groupId = num(payload.group_id);
    const userId = num(payload.user_id);
    const chat: ChatRef | undefined =
      groupId !== undefined ? { type: "group", id: groupId } : this.#privateChatOf(payload, userId);
    return { chat, text: this.#noticeText(payload, groupId, userId), event: { ...payload } };
  }

  #privateChatOf(payload: FakeEventPayload, userId: number | undefined): ChatRef | undefined {
    if (payload.post_type === "request") return undefined;
    const peer = userId === this.#world.selfId ? num(payload.target_id) : userId;
    return peer === undefined || !this.#world.friends.has(peer)
      ? undefined
      : { type: "private", id: peer };
  }

  #noticeText(
    p: FakeEventPayload,
    groupId: number | undefined,
    userId: number | undefined,
  ): string {
    const name = (id: unknown) => this.nameOf(num(id), groupId);
    const who = name(userId);
    if (p.post_type === "request") {
      const comment = typeof p.comment === "string" && p.comment ? `：「${p.comment}」` : "";
      if (p.request_type === "friend") return `${who} 请求添加机器人为好友${comment}`;
      return p.sub_type === "invite"
        ? `${who} 邀请机器人加入群 ${groupId}`
        : `${who} 申请加入本群${comment}`;
    }
    switch (p.notice_type) {
      case "notify":
        if (p.sub_type === "poke") return `${who} 戳了戳 ${name(p.target_id)}`;
        return `[通知 notify.${String(p.sub_type)}]`;
      case "group_increase":
        return `${who} 加入了本群`;
      case "group_decrease":
        if (p.sub_type === "leave") return `${who} 退出了本群`;
        if (p.sub_type === "kick_me") return "机器人被移出了本群";
        return `${who} 被 ${name(p.operator_id)} 移出了本群`;
      case "group_recall":
        return `${name(p.operator_id)} 撤回了 ${p.operator_id === p.user_id ? "一条" : `${who} 的一条`}消息`;
      case "friend_recall":
        return `${who} 撤回了一条消息`;
      case "friend_add":
        return `${who} 已成为机器人的好友`;
      case "group_ban":
        return p.sub_type === "lift_ban"
          ? `${who} 被解除禁言`
          : `${who} 被禁言 ${String(p.duration)} 秒`;
      case "group_admin":
        return p.sub_type === "set" ? `${who} 成为管理员` : `${who} 不再是管理员`;
      case "group_card":
        return `${who} 的群名片改为「${String(p.card_new)}」`;
      case "essence":
        return "一条消息被设为精华";
      default:
        return `[通知 ${String(p.notice_type)}]`;
    }
  }

  /** A recorded call as a log entry. */
  call(seq: number, action: string, params: unknown): ViewApiCall {
    return { seq, action, params: sanitizeForLog(params), at: Date.now() };
  }
}

const LABELS: Readonly<Record<string, string>> = {
  image: "图片",
  face: "表情",
  record: "语音",
  video: "视频",
  file: "文件",
  forward: "合并转发",
  dice: "骰子",
  rps: "猜拳",
  json: "卡片",
};

/** The text of a message for quotes: text as is, @ and other segments as short labels. */
export function plainText(segments: readonly WireSegment[]): string {
  let out = "";
  for (const seg of segments) {
    if (seg.type === "text") out += typeof seg.data.text === "string" ? seg.data.text : "";
    else if (seg.type === "at") out += `@${String(seg.data.qq)} `;
    else if (seg.type !== "reply") out += `[${LABELS[seg.type] ?? seg.type}]`;
  }
  return out.length > 60 ? `${out.slice(0, 60)}…` : out;
}

/** Image sources of an outgoing `message` param (array, single segment or CQ string), in order. */
export function outgoingImageSources(
  message: unknown,
  parseCq: (cq: string) => WireSegment[],
): string[] {
  const segments: unknown[] =
    typeof message === "string"
      ? parseCq(message)
      : Array.isArray(message)
        ? message
        : isRecord(message)
          ? [message]
          : [];
  const out: string[] = [];
  for (const seg of segments) {
    if (!isRecord(seg) || seg.type !== "image" || !isRecord(seg.data)) continue;
    const src = imageSource(seg.data);
    out.push(src ?? "");
  }
  return out;
}
