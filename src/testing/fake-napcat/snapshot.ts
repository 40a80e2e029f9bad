/**
 * A plain-data copy of the fake NapCat's world, for `fake.getWorld()`: it can
 * cross threads (the worker-backed fake) and never aliases live records.
 *
 * @module
 */
import type { World } from "./world.js";
import type {
  FakeGroup,
  FakeMember,
  FakeUser,
  FriendRequest,
  GroupRequest,
  StoredMessage,
} from "./world-types.js";

/** A group in a {@link WorldSnapshot}: like the live `FakeGroup`, with `members` as an array. */
export interface GroupSnapshot extends Omit<FakeGroup, "members"> {
  /** Members in insertion order, each with its `role` (owner / admin / member). */
  members: FakeMember[];
}

/** A message in a {@link WorldSnapshot}: like `StoredMessage`, with `likes` as plain data. */
export interface MessageSnapshot extends Omit<StoredMessage, "likes"> {
  /** Emoji reactions: emoji id -> QQ numbers of who reacted. */
  likes: Record<string, number[]>;
}

/** A plain-data copy of the fake's world at one moment (see `FakeNapCat.getWorld`). */
export interface WorldSnapshot {
  /** The bot's QQ number (NapCat `self_id`). */
  selfId: number;
  /** The bot's nickname (changed by `set_qq_profile`). */
  nickname: string;
  /** The bot's friends. */
  friends: FakeUser[];
  /** Every other known user (strangers and group members who are not friends), not the bot. */
  strangers: FakeUser[];
  /** Groups the bot is in, with members and roles, files, notices, essence and settings. */
  groups: GroupSnapshot[];
  /** Messages the fake remembers (at most 5000, like NapCat), oldest first; recalled ones flagged. */
  messages: MessageSnapshot[];
  /** Pending friend requests (answer with `set_friend_add_request`). */
  friendRequests: FriendRequest[];
  /** Pending group join requests / invitations (answer with `set_group_add_request`). */
  groupRequests: GroupRequest[];
  /** The bot's profile settings changed by actions (long nick, online status...). */
  profile: Record<string, unknown>;
}

function groupSnapshot(group: FakeGroup): GroupSnapshot {
  const { members, ...rest } = group;
  return { ...rest, members: [...members.values()] };
}

function messageSnapshot(message: StoredMessage): MessageSnapshot {
  const likes: Record<string, number[]> = {};
  for (const [emoji, users] of message.likes) likes[emoji] = [...users];
  return { ...message, likes };
}

/** Copies `world` into plain data (deep: later changes to the world do not show). */
export function snapshotWorld(world: World): WorldSnapshot {
  const friends: FakeUser[] = [];
  const strangers: FakeUser[] = [];
  for (const user of world.users.values()) {
    if (world.friends.has(user.user_id)) friends.push(user);
    else if (user.user_id !== world.selfId) strangers.push(user);
  }
  return structuredClone({
    selfId: world.selfId,
    nickname: world.nickname,
    friends,
    strangers,
    groups: [...world.groups.values()].map(groupSnapshot),
    messages: [...world.messages.values()].map(messageSnapshot),
    friendRequests: [...world.friendRequests.values()],
    groupRequests: [...world.groupRequests.values()],
    profile: world.profile,
  });
}
