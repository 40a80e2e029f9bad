/**
 * Account, friend and group lookups: get_login_info, get_stranger_info,
 * get_friend_list, get_friends_with_category, get_group_info, get_group_list,
 * get_group_detail_info, get_group_member_info, get_group_member_list,
 * get_group_honor_info, get_group_shut_list, get_group_at_all_remain, plus
 * set_qq_profile, set_friend_remark, delete_friend and send_like.
 *
 * @module
 */
import { failed } from "../errors.js";
import { numberOr, reqNumber, reqString } from "../params.js";
import type { World } from "../world.js";
import type { FakeGroup, FakeMember } from "../world-types.js";
import { type ActionHandler, type ActionTable, NT_OK } from "./context.js";

function groupInfo(g: FakeGroup): Record<string, unknown> {
  return {
    group_all_shut: g.whole_ban ? -1 : 0,
    group_remark: g.group_remark,
    group_id: g.group_id,
    group_name: g.group_name,
    member_count: g.members.size,
    max_member_count: g.max_member_count,
  };
}

function memberInfo(world: World, m: FakeMember): Record<string, unknown> {
  const user = world.user(m.user_id);
  return {
    group_id: m.group_id,
    user_id: m.user_id,
    nickname: m.nickname,
    card: m.card,
    sex: user.sex,
    age: user.age,
    area: "",
    level: m.level,
    qq_level: 0,
    join_time: m.join_time,
    last_sent_time: m.last_sent_time,
    title_expire_time: 0,
    unfriendly: false,
    card_changeable: true,
    is_robot: m.user_id === world.selfId,
    shut_up_timestamp: m.shut_up_timestamp,
    role: m.role,
    title: m.title,
  };
}

function friendInfo(world: World, userId: number): Record<string, unknown> {
  const u = world.user(userId);
  return {
    user_id: u.user_id,
    nickname: u.nickname,
    remark: u.remark,
    sex: u.sex,
    level: 0,
    age: u.age,
    birthday_year: 0,
    birthday_month: 0,
    birthday_day: 0,
    phone_num: "",
    email: "",
    category_id: 0,
  };
}

const strangerInfo: ActionHandler = (p, ctx) => {
  const u = ctx.world.user(reqNumber(p, "user_id"));
  return {
    user_id: u.user_id,
    uid: `u_fake${u.user_id}`,
    nickname: u.nickname,
    age: u.age,
    qid: "",
    qqLevel: 0,
    sex: u.sex,
    long_nick: "",
    reg_time: 0,
    is_vip: false,
    is_years_vip: false,
    vip_level: 0,
    remark: ctx.world.friends.has(u.user_id) ? u.remark : "",
    status: 10,
    login_days: 0,
  };
};

const friendsWithCategory: ActionHandler = (_p, ctx) => {
  const buddies = [...ctx.world.friends].map((id) => friendInfo(ctx.world, id));
  return [
    {
      categoryId: 0,
      categorySortId: 0,
      categoryName: "我的好友",
      categoryMbCount: buddies.length,
      onlineCount: buddies.length,
      buddyList: buddies,
    },
  ];
};

const memberInfoHandler: ActionHandler = (p, ctx) =>
  memberInfo(ctx.world, ctx.world.requireMember(reqNumber(p, "group_id"), reqNumber(p, "user_id")));

const honorInfo: ActionHandler = (p, ctx) => {
  const g = ctx.world.requireGroup(reqNumber(p, "group_id"));
  return {
    group_id: g.group_id,
    current_talkative: {},
    talkative_list: [],
    performer_list: [],
    legend_list: [],
    emotion_list: [],
    strong_newbie_list: [],
  };
};

const setProfile: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  world.nickname = reqString(p, "nickname");
  const self = world.users.get(world.selfId);
  if (self) self.nickname = world.nickname;
  for (const g of world.groups.values()) {
    const m = g.members.get(world.selfId);
    if (m) m.nickname = world.nickname;
  }
  return NT_OK;
};

const setFriendRemark: ActionHandler = (p, ctx) => {
  const id = reqNumber(p, "user_id");
  const user = ctx.world.users.get(id);
  if (!user || !ctx.world.friends.has(id)) throw failed(`user ${id} is not a friend`);
  user.remark = reqString(p, "remark");
  return null;
};

const deleteFriend: ActionHandler = (p, ctx) => {
  const id = reqNumber({ user_id: p.user_id ?? p.friend_id }, "user_id");
  if (!ctx.world.friends.delete(id)) return { valid: false, message: `user ${id} is not a friend` };
  return NT_OK;
};

const sendLike: ActionHandler = (p) => {
  reqNumber(p, "user_id");
  const times = numberOr(p, "times", 1);
  if (times < 1 || times > 20)
    throw failed('param "times" must be 1 to 20 (QQ allows at most 20 likes a day)');
  return null;
};

/** Lookup actions by wire name. */
export const infoActions: ActionTable = {
  get_login_info: (_p, ctx) => ({ user_id: ctx.world.selfId, nickname: ctx.world.nickname }),
  get_stranger_info: strangerInfo,
  get_friend_list: (_p, ctx) => [...ctx.world.friends].map((id) => friendInfo(ctx.world, id)),
  get_friends_with_category: friendsWithCategory,
  get_unidirectional_friend_list: () => [],
  get_group_info: (p, ctx) => groupInfo(ctx.world.requireGroup(reqNumber(p, "group_id"))),
  get_group_detail_info: (p, ctx) => groupInfo(ctx.world.requireGroup(reqNumber(p, "group_id"))),
  get_group_list: (_p, ctx) => [...ctx.world.groups.values()].map(groupInfo),
  get_group_member_info: memberInfoHandler,
  get_group_member_list: (p, ctx) =>
    [...ctx.world.requireGroup(reqNumber(p, "group_id")).members.values()].map((m) =>
      memberInfo(ctx.world, m),
    ),
  get_group_honor_info: honorInfo,
  get_group_shut_list: (p, ctx) => {
    const now = ctx.world.now();
    return [...ctx.world.requireGroup(reqNumber(p, "group_id")).members.values()]
      .filter((m) => m.shut_up_timestamp > now)
      .map((m) => ({
        uid: `u_fake${m.user_id}`,
        uin: String(m.user_id),
        nick: m.nickname,
        cardName: m.card,
        shutUpTime: m.shut_up_timestamp,
      }));
  },
  get_group_at_all_remain: (p, ctx) => {
    const role = ctx.world.selfMember(reqNumber(p, "group_id")).role;
    const can = role !== "member";
    return {
      can_at_all: can,
      remain_at_all_count_for_group: can ? 10 : 0,
      remain_at_all_count_for_uin: can ? 10 : 0,
    };
  },
  set_qq_profile: setProfile,
  set_friend_remark: setFriendRemark,
  delete_friend: deleteFriend,
  send_like: sendLike,
  nc_get_user_status: (p) => {
    reqNumber(p, "user_id");
    return { status: 10, ext_status: 0 };
  },
};
