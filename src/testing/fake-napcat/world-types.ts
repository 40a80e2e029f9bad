/**
 * Shapes of the fake NapCat's in-memory world: the initial description a test
 * passes (`WorldInit`) and the live records (`Fake*`).
 *
 * @module
 */
import type { WireSegment } from "./cq.js";

/** A group role as OneBot names it. */
export type MemberRole = "owner" | "admin" | "member";

/** A QQ user in the initial world (friend or stranger). */
export interface UserInit {
  /** QQ number. */
  user_id: number;
  nickname: string;
  sex?: "male" | "female" | "unknown";
  age?: number;
  /** Friend remark (only for friends). */
  remark?: string;
}

/** A group member in the initial world. */
export interface MemberInit {
  user_id: number;
  nickname: string;
  /** Default `"member"`. */
  role?: MemberRole;
  /** Group card (群名片), default empty. */
  card?: string;
  /** Special title (专属头衔), default empty. */
  title?: string;
  /** Unix seconds, default: some days ago. */
  join_time?: number;
}

/** A group in the initial world. The bot is added as a plain member when not listed. */
export interface GroupInit {
  group_id: number;
  group_name: string;
  members: MemberInit[];
  max_member_count?: number;
}

/** The initial world of a fake NapCat (option `world`). Omitted parts use the default world. */
export interface WorldInit {
  friends?: UserInit[];
  groups?: GroupInit[];
  /** Known non-friends (get_stranger_info finds them). Group members are known too. */
  strangers?: UserInit[];
}

/** A live user record. */
export interface FakeUser {
  user_id: number;
  nickname: string;
  sex: "male" | "female" | "unknown";
  age: number;
  remark: string;
}

/** A live group member record (fields as get_group_member_info reports them). */
export interface FakeMember {
  group_id: number;
  user_id: number;
  nickname: string;
  card: string;
  role: MemberRole;
  title: string;
  join_time: number;
  last_sent_time: number;
  level: string;
  /** Unix seconds until which the member is muted; 0 = not muted. */
  shut_up_timestamp: number;
}

/** A file in a group's file system. */
export interface FakeGroupFile {
  file_id: string;
  file_name: string;
  /** Parent folder id, `"/"` for the root. */
  folder_id: string;
  size: number;
  upload_time: number;
  uploader: number;
  uploader_name: string;
}

/** A folder in a group's file system (one level, as QQ allows). */
export interface FakeGroupFolder {
  folder_id: string;
  folder_name: string;
  create_time: number;
  creator: number;
  creator_name: string;
}

/** A group announcement (_send_group_notice / _get_group_notice). */
export interface FakeGroupNotice {
  notice_id: string;
  sender_id: number;
  publish_time: number;
  text: string;
  image: string | undefined;
}

/** An essence message record. */
export interface FakeEssence {
  message_id: number;
  operator_id: number;
  operator_time: number;
}

/** A live group record. */
export interface FakeGroup {
  group_id: number;
  group_name: string;
  group_remark: string;
  max_member_count: number;
  /** Whole-group mute (全员禁言). */
  whole_ban: boolean;
  members: Map<number, FakeMember>;
  files: FakeGroupFile[];
  folders: FakeGroupFolder[];
  notices: FakeGroupNotice[];
  essence: FakeEssence[];
  /** Group settings changed by actions (set_group_add_option, set_group_search...), by param name. */
  settings: Record<string, unknown>;
}

/** One message the fake has seen (sent by the bot or said by a user). */
export interface StoredMessage {
  message_id: number;
  message_type: "group" | "private";
  /** Group id for group messages. */
  group_id: number | undefined;
  /** Who sent it. */
  user_id: number;
  /** The other side of a private chat (the friend), or the group id. */
  peer_id: number;
  time: number;
  segments: WireSegment[];
  /** The event payload NapCat reported (or would have) for this message. */
  payload: Record<string, unknown>;
  recalled: boolean;
  /** Emoji reactions: emoji id -> user ids. */
  likes: Map<string, Set<number>>;
  /** Nodes of a merged-forward message, when it is one. */
  forward: ForwardNode[] | undefined;
  /** Forward id (res_id) when this is a merged-forward message. */
  res_id: string | undefined;
}

/** One node of a merged-forward message. */
export interface ForwardNode {
  user_id: number;
  nickname: string;
  time: number;
  message_id: number;
  segments: WireSegment[];
}

/** A pending friend request (answer with set_friend_add_request). */
export interface FriendRequest {
  flag: string;
  user_id: number;
  comment: string;
  time: number;
}

/** A pending group join request or invitation (answer with set_group_add_request). */
export interface GroupRequest {
  flag: string;
  sub_type: "add" | "invite";
  group_id: number;
  user_id: number;
  comment: string;
  time: number;
}
