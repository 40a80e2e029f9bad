/**
 * Settings that only change state: the bot's profile (set_qq_avatar,
 * set_self_longnick, set_online_status, set_diy_online_status, set_input_status)
 * and group options (set_group_portrait, set_group_add_option, set_group_search,
 * set_group_robot_add_option, set_group_member_permissions,
 * set_group_member_invite_policy, set_group_new_member_history_visibility).
 * The new values land in `world.profile` / `group.settings` so tests can check them;
 * plus get_recent_contact and the (always empty here) ignored/doubt request lists.
 *
 * @module
 */
import { setOwnField } from "../own-field.js";
import { type Params, reqNumber } from "../params.js";
import type { StoredMessage } from "../world-types.js";
import { type ActionHandler, type ActionTable, NT_OK } from "./context.js";

function copyParams(p: Params, target: Record<string, unknown>, skip: string): void {
  for (const [key, value] of Object.entries(p))
    if (key !== skip && value !== undefined) setOwnField(target, key, value);
}

function profileSetter(answer: unknown): ActionHandler {
  return (p, ctx) => {
    copyParams(p, ctx.world.profile, "");
    return answer;
  };
}

function groupSetter(answer: unknown): ActionHandler {
  return (p, ctx) => {
    const groupId = reqNumber(p, "group_id");
    ctx.world.requireAdmin(groupId);
    copyParams(p, ctx.world.requireGroup(groupId).settings, "group_id");
    return answer;
  };
}

const recentContact: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  const count = reqNumber({ count: p.count ?? 10 }, "count");
  const latest = new Map<string, StoredMessage>();
  for (const m of world.messages.values()) latest.set(`${m.message_type}:${m.peer_id}`, m);
  return [...latest.values()]
    .reverse()
    .slice(0, count)
    .map((m) => ({
      lastestMsg: m.payload,
      peerUin: String(m.peer_id),
      remark: m.message_type === "private" ? world.user(m.peer_id).remark : "",
      msgTime: String(m.time),
      chatType: m.message_type === "group" ? 2 : 1,
      msgId: String(m.message_id),
      sendNickName: world.user(m.user_id).nickname,
      sendMemberName: "",
      peerName:
        m.message_type === "group"
          ? (world.groups.get(m.peer_id)?.group_name ?? "")
          : world.user(m.peer_id).nickname,
    }));
};

/** Settings actions by wire name. */
export const settingsActions: ActionTable = {
  set_qq_avatar: profileSetter(null),
  set_self_longnick: profileSetter(NT_OK),
  set_online_status: profileSetter(null),
  set_diy_online_status: profileSetter(""),
  set_input_status: profileSetter(NT_OK),
  set_group_portrait: groupSetter({ result: 0, errMsg: "success" }),
  set_group_add_option: groupSetter(null),
  set_group_search: groupSetter(null),
  set_group_robot_add_option: groupSetter(null),
  set_group_member_permissions: groupSetter(null),
  set_group_member_invite_policy: groupSetter(null),
  set_group_new_member_history_visibility: groupSetter(null),
  get_recent_contact: recentContact,
  get_group_ignore_add_request: () => [],
  get_group_ignored_notifies: () => ({
    invited_requests: [],
    InvitedRequest: [],
    join_requests: [],
  }),
  get_doubt_friends_add_request: () => [],
};
