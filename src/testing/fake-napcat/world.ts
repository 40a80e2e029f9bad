/**
 * The fake NapCat's in-memory world: the bot account, friends, groups with
 * members, every message seen (with NapCat-like short `message_id`s), essence
 * messages, group files, notices and pending requests. Tests may read and change
 * it directly (`fake.world`).
 *
 * @module
 */
import { failed } from "./errors.js";
import { IdSource } from "./ids.js";
import type {
  FakeGroup,
  FakeMember,
  FakeUser,
  FriendRequest,
  GroupInit,
  GroupRequest,
  StoredMessage,
  UserInit,
  WorldInit,
} from "./world-types.js";

/** Default bot QQ number (same as the examples in NapCat's event docs). */
export const DEFAULT_SELF_ID = 2730000001;
/** Default bot nickname. */
export const DEFAULT_NICKNAME = "NapBot";

/** NapCat keeps about this many recent message ids in memory. */
const MESSAGE_CAPACITY = 5000;

/**
 * The default world: 3 friends (Alice, Bob, Carol), a stranger (Eve) and 2 groups:
 * "Bot Dev Group" 736000003 (owner Alice, the bot admin, members Bob and Dave) and
 * "Test Lounge" 736000007 (the bot owner, admin Alice, members Bob and Carol).
 */
export function defaultWorld(selfId: number): Required<WorldInit> {
  return {
    friends: [
      { user_id: 1572000002, nickname: "Alice", sex: "female", age: 24, remark: "Alice" },
      { user_id: 1983000004, nickname: "Bob", sex: "male", age: 31, remark: "" },
      { user_id: 1650000005, nickname: "Carol", sex: "female", age: 27, remark: "" },
    ],
    groups: [
      {
        group_id: 736000003,
        group_name: "Bot Dev Group",
        members: [
          { user_id: 1572000002, nickname: "Alice", role: "owner", card: "Alice (dev)" },
          { user_id: selfId, nickname: DEFAULT_NICKNAME, role: "admin" },
          { user_id: 1983000004, nickname: "Bob", role: "member" },
          { user_id: 1690000006, nickname: "Dave", role: "member", card: "Dave" },
        ],
      },
      {
        group_id: 736000007,
        group_name: "Test Lounge",
        members: [
          { user_id: selfId, nickname: DEFAULT_NICKNAME, role: "owner" },
          { user_id: 1572000002, nickname: "Alice", role: "admin" },
          { user_id: 1983000004, nickname: "Bob", role: "member", title: "Tester" },
          { user_id: 1650000005, nickname: "Carol", role: "member" },
        ],
      },
    ],
    strangers: [{ user_id: 1700000008, nickname: "Eve", sex: "unknown", age: 0 }],
  };
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The live state of a fake NapCat. */
export class World {
  /** The bot's QQ number. */
  readonly selfId: number;
  /** The bot's nickname (set_qq_profile changes it). */
  nickname: string;
  /** Every known user: friends, strangers, group members. */
  readonly users = new Map<number, FakeUser>();
  /** QQ numbers of the bot's friends. */
  readonly friends = new Set<number>();
  /** Groups the bot is in. */
  readonly groups = new Map<number, FakeGroup>();
  /** Messages by short message id, oldest first (at most 5000, like NapCat). */
  readonly messages = new Map<number, StoredMessage>();
  /** Pending friend requests by flag. */
  readonly friendRequests = new Map<string, FriendRequest>();
  /** Pending group requests / invitations by flag. */
  readonly groupRequests = new Map<string, GroupRequest>();
  /** The bot's own profile settings changed by actions (avatar, long nick, online status...). */
  readonly profile: Record<string, unknown> = {};
  /** Id generator shared by messages, files and flags. */
  readonly ids = new IdSource();
  #realSeq = 48000;

  constructor(selfId: number, nickname: string, init: WorldInit | undefined) {
    this.selfId = selfId;
    this.nickname = nickname;
    const base = defaultWorld(selfId);
    const friends = init?.friends ?? (init ? [] : base.friends);
    const groups = init?.groups ?? (init ? [] : base.groups);
    const strangers = init?.strangers ?? (init ? [] : base.strangers);
    this.users.set(selfId, { user_id: selfId, nickname, sex: "unknown", age: 0, remark: "" });
    for (const u of strangers) this.#addUser(u);
    for (const u of friends) {
      this.#addUser(u);
      this.friends.add(u.user_id);
    }
    for (const g of groups) this.addGroup(g);
  }

  #addUser(u: UserInit): FakeUser {
    const user: FakeUser = {
      user_id: u.user_id,
      nickname: u.nickname,
      sex: u.sex ?? "unknown",
      age: u.age ?? 0,
      remark: u.remark ?? "",
    };
    this.users.set(u.user_id, user);
    return user;
  }

  /** Adds a group (the bot joins as a member if the list does not include it). */
  addGroup(init: GroupInit): FakeGroup {
    const group: FakeGroup = {
      group_id: init.group_id,
      group_name: init.group_name,
      group_remark: "",
      max_member_count: init.max_member_count ?? 500,
      whole_ban: false,
      members: new Map(),
      files: [],
      folders: [],
      notices: [],
      essence: [],
      settings: {},
    };
    const joined = nowSeconds() - 86400 * 30;
    const members = init.members.some((m) => m.user_id === this.selfId)
      ? init.members
      : [...init.members, { user_id: this.selfId, nickname: this.nickname }];
    for (const m of members) {
      if (!this.users.has(m.user_id)) this.#addUser({ user_id: m.user_id, nickname: m.nickname });
      group.members.set(m.user_id, {
        group_id: init.group_id,
        user_id: m.user_id,
        nickname: m.nickname,
        card: m.card ?? "",
        role: m.role ?? "member",
        title: m.title ?? "",
        join_time: m.join_time ?? joined,
        last_sent_time: 0,
        level: "1",
        shut_up_timestamp: 0,
      });
    }
    this.groups.set(group.group_id, group);
    return group;
  }

  /** Current Unix time in seconds, as NapCat stamps events. */
  now(): number {
    return nowSeconds();
  }

  /** NapCat's `real_seq`: a per-instance counter rendered as a string. */
  nextRealSeq(): string {
    this.#realSeq += 1;
    return String(this.#realSeq);
  }

  /** A user the world knows, or a placeholder profile (QQ answers for any number). */
  user(userId: number): FakeUser {
    return (
      this.users.get(userId) ?? {
        user_id: userId,
        nickname: `QQ用户${userId}`,
        sex: "unknown",
        age: 0,
        remark: "",
      }
    );
  }

  /** The group, or a 1200 failure naming the known groups. */
  requireGroup(groupId: number): FakeGroup {
    const group = this.groups.get(groupId);
    if (!group) {
      const known = [...this.groups.keys()].join(", ") || "none";
      throw failed(
        `group ${groupId} not found: the bot is not in it (fake world groups: ${known})`,
      );
    }
    return group;
  }

  /** The member, or a 1200 failure. */
  requireMember(groupId: number, userId: number): FakeMember {
    const member = this.requireGroup(groupId).members.get(userId);
    if (!member) throw failed(`user ${userId} is not a member of group ${groupId}`);
    return member;
  }

  /** The bot's own member record in a group. */
  selfMember(groupId: number): FakeMember {
    return this.requireMember(groupId, this.selfId);
  }

  /** Fails unless the bot is owner or admin of the group (QQ refuses otherwise). */
  requireAdmin(groupId: number, targetId?: number): void {
    const self = this.selfMember(groupId);
    if (self.role === "member")
      throw failed(`the bot is not an admin of group ${groupId}: QQ refuses this operation`);
    if (targetId !== undefined) {
      const target = this.requireMember(groupId, targetId);
      if (target.role === "owner" || (target.role === "admin" && self.role !== "owner")) {
        throw failed(
          `the bot (${self.role}) cannot do this to ${target.role} ${targetId} in group ${groupId}`,
        );
      }
    }
  }

  /** Stores a message, dropping the oldest beyond NapCat's 5000-entry memory. */
  storeMessage(message: StoredMessage): void {
    this.messages.set(message.message_id, message);
    if (this.messages.size > MESSAGE_CAPACITY) {
      const oldest = this.messages.keys().next();
      if (!oldest.done) this.messages.delete(oldest.value);
    }
  }

  /** A stored message by short id, or NapCat's failure. */
  requireMessage(messageId: number): StoredMessage {
    const msg = this.messages.get(messageId);
    if (!msg) throw failed(`消息${messageId}不存在 (message ${messageId} is unknown or too old)`);
    return msg;
  }

  /** Messages of one chat, oldest first. */
  history(type: "group" | "private", peerId: number): StoredMessage[] {
    const out: StoredMessage[] = [];
    for (const m of this.messages.values()) {
      if (m.message_type === type && m.peer_id === peerId && !m.recalled) out.push(m);
    }
    return out;
  }

  /** A new request flag, unique in this world. */
  nextFlag(): string {
    return `${this.now()}${String(this.ids.nextInt32() % 1_000_000).padStart(6, "0")}`;
  }
}
