/** Filters on commands and on plain message handlers, over the wire. */
import {
  and,
  custom,
  type GroupMessageEvent,
  groupAdmin,
  groupOnly,
  groupOwner,
  nonSelf,
  not,
  or,
  privateOnly,
} from "ncatbot";
import { createTestBot, events, type TestBot } from "ncatbot/testing";
import { afterEach, describe, expect, it } from "vitest";

const ALICE = 1572000002; // owner of group 736000003, admin of 736000007
const BOB = 1983000004; // member
const SELF = 2730000001;
const LOUNGE = 736000007;

let t: TestBot | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe("filters", () => {
  it("scope: a group-only command answers in groups and explains itself in private", async () => {
    t = await createTestBot({
      inProcess: true,
      bot: { commands: { rbacFile: false } },
      setup: (b) => {
        b.command("g", { scope: "group" }, (e) => e.reply(`group ${e.group_id}`));
        b.command("p", { scope: "private" }, (e) => e.reply("private"));
      },
    });
    expect((await t.sayAndWaitReply("/g")).text).toContain("group 736000003");
    expect((await t.sayAndWaitReply({ text: "/g", private: true })).text).toContain(
      "只能在群聊中使用",
    );
    expect((await t.sayAndWaitReply({ text: "/p", private: true })).text).toContain("private");
    expect((await t.sayAndWaitReply("/p")).text).toContain("只能在私聊中使用");
  });

  it("groupAdmin / groupOwner / custom on commands, composed with and/or/not", async () => {
    const ran: string[] = [];
    t = await createTestBot({
      inProcess: true,
      bot: { commands: { rbacFile: false } },
      setup: (b) => {
        b.command("adm", { filter: groupAdmin }, (e) => {
          ran.push(`adm ${e.user_id}`);
        });
        b.command("own", { filter: groupOwner }, (e) => {
          ran.push(`own ${e.user_id}`);
        });
        b.command(
          "odd",
          { filter: and(groupOnly, not(custom<{ user_id: number }>((e) => e.user_id === BOB))) },
          (e) => {
            ran.push(`odd ${e.user_id}`);
          },
        );
        b.command("any", { filter: or(privateOnly, groupOwner) }, (e) => {
          ran.push(`any ${e.user_id}`);
        });
        b.command("fence", (e) => e.reply("fence"));
      },
    });
    for (const user of [ALICE, BOB]) {
      for (const cmd of ["/adm", "/own", "/odd", "/any"]) await t.say({ text: cmd, user_id: user });
    }
    await t.say({ text: "/adm", user_id: ALICE, group_id: LOUNGE }); // admin there, not owner
    await t.say({ text: "/own", user_id: ALICE, group_id: LOUNGE });
    await t.say({ text: "/any", user_id: BOB, private: true });
    await t.sayAndWaitReply("/fence");
    expect(ran).toEqual([
      `adm ${ALICE}`,
      `own ${ALICE}`,
      `odd ${ALICE}`,
      `any ${ALICE}`,
      `adm ${ALICE}`,
      `any ${BOB}`,
    ]);
  });

  it("plain message handlers take a filter too; nonSelf drops the bot's own words and pokes", async () => {
    const seen: string[] = [];
    t = await createTestBot({
      inProcess: true,
      setup: (b) => {
        b.onGroupMessage(
          (e: GroupMessageEvent) => {
            seen.push(`admin-only ${e.user_id}`);
          },
          { filter: groupAdmin },
        );
        b.onGroupMessage(
          (e) => {
            seen.push(`nonSelf ${e.user_id}`);
          },
          { filter: nonSelf },
        );
        b.on("notice.notify.poke", (e) => {
          if (nonSelf(e)) seen.push(`poke by ${e.user_id}`);
        });
        b.onGroupMessage((e) => {
          if (e.raw_message === "fence") e.reply("fence");
        });
      },
    });
    await t.say({ text: "hi", user_id: ALICE });
    await t.say({ text: "hi", user_id: BOB });
    await t.emit(events.groupMessage({ user_id: SELF, text: "me" }));
    await t.emit(events.poke({ user_id: SELF, target_id: BOB }));
    await t.emit(events.poke({ user_id: BOB, target_id: SELF }));
    await t.sayAndWaitReply("fence");
    expect(seen).toEqual([
      `admin-only ${ALICE}`,
      `nonSelf ${ALICE}`,
      `nonSelf ${BOB}`,
      `poke by ${BOB}`,
      `nonSelf ${BOB}`,
    ]);
  });
});
