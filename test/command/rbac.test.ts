/** Permissions: roles, inheritance, wildcards, ban beats grant, persistence, the /perm commands. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JsonFileRbacStore, matchPermission, Permissions } from "ncatbot";
import { createTestBot, type TestBot } from "ncatbot/testing";
import { afterEach, describe, expect, it } from "vitest";

const ALICE = 1572000002;
const BOB = 1983000004;
const DAVE = 1690000006;

let t: TestBot | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await t?.stop();
  t = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ncatbot-rbac-"));
  dirs.push(dir);
  return dir;
}

describe("permission engine", () => {
  it("wildcards: * is one level, ** any depth", () => {
    expect(matchPermission("greeter.*", "greeter.hello")).toBe(true);
    expect(matchPermission("greeter.*", "greeter.admin.reload")).toBe(false);
    expect(matchPermission("greeter.**", "greeter.admin.reload")).toBe(true);
    expect(matchPermission("**", "anything.at.all")).toBe(true);
    expect(matchPermission("*.hello", "greeter.hello")).toBe(true);
    expect(matchPermission("greeter.hello", "greeter.hellox")).toBe(false);
  });

  it("roles inherit; a ban beats a grant, for users and roles; root beats everything", () => {
    const p = new Permissions({ root: [ALICE] });
    p.defineRole("moderator", { inherits: ["admin"] });
    p.addRole(BOB, "moderator");
    expect(p.hasRole(BOB, "admin")).toBe(true);
    expect(p.hasRole(BOB, "user")).toBe(true);
    expect(p.hasRole(DAVE, "admin")).toBe(false);
    expect(p.hasRole(ALICE, "admin")).toBe(true);

    p.grantRole("admin", "greeter.*");
    expect(p.check(BOB, "greeter.hello")).toBe(true);
    expect(p.check(DAVE, "greeter.hello")).toBe(false);
    p.grant(DAVE, "greeter.**");
    expect(p.check(DAVE, "greeter.a.b")).toBe(true);
    p.ban(DAVE, "greeter.a.*");
    expect(p.check(DAVE, "greeter.a.b")).toBe(false);
    expect(p.check(DAVE, "greeter.c")).toBe(true);
    p.banRole("moderator", "greeter.hello");
    expect(p.check(BOB, "greeter.hello")).toBe(false);
    expect(p.check(BOB, "greeter.bye")).toBe(true);
    p.ban(ALICE, "**");
    expect(p.check(ALICE, "greeter.hello")).toBe(true);
    // A command that needs a role: the role, or a grant of its path, and no ban.
    expect(p.allows(BOB, "ban", "admin")).toBe(true);
    expect(p.allows(DAVE, "ban", "admin")).toBe(false);
    p.grant(DAVE, "ban");
    expect(p.allows(DAVE, "ban", "admin")).toBe(true);
    p.ban(DAVE, "*");
    expect(p.allows(DAVE, "ban", "admin")).toBe(false);
  });

  it("persists atomically to a JSON file and reads it back", () => {
    const dir = tempDir();
    const file = join(dir, "data", "rbac.json");
    const p = new Permissions({ store: new JsonFileRbacStore(file) });
    p.addRole(BOB, "admin");
    p.ban(BOB, "greeter.*");
    p.defineRole("vip");
    p.grantRole("vip", "shop.**");
    expect(readdirSync(join(dir, "data"))).toEqual(["rbac.json"]); // no temp file left behind
    const stored = JSON.parse(readFileSync(file, "utf8"));
    expect(stored.users[String(BOB)]).toEqual({
      roles: ["admin"],
      grants: [],
      bans: ["greeter.*"],
    });
    const again = new Permissions({ store: new JsonFileRbacStore(file) });
    expect(again.hasRole(BOB, "admin")).toBe(true);
    expect(again.check(BOB, "greeter.hello")).toBe(false);
    expect(again.snapshot().roles.vip?.grants).toEqual(["shop.**"]);
  });
});

describe("permissions on commands, over the wire", () => {
  it("root grants admin with /perm add; the admin command then runs; a ban beats it; saved to data/rbac.json", async () => {
    const dir = tempDir();
    const file = join(dir, "rbac.json");
    const runs: number[] = [];
    t = await createTestBot({
      inProcess: true,
      bot: { root: [ALICE], commands: { rbacFile: file } },
      setup: (b) => {
        b.command("kickall", { permission: "admin" }, (e) => {
          runs.push(e.user_id);
          return e.reply("done");
        });
        b.command("hello", { owner: "greeter" }, (e) => e.reply("hi"));
      },
    });
    expect((await t.sayAndWaitReply({ text: "/kickall", user_id: BOB })).text).toContain(
      "权限不足",
    );
    expect(
      (await t.sayAndWaitReply({ text: "/perm add 1983000004 admin", user_id: DAVE })).text,
    ).toContain("权限不足");
    expect(
      (await t.sayAndWaitReply({ message: `/perm add [CQ:at,qq=${BOB}] admin`, user_id: ALICE }))
        .text,
    ).toContain("已给 1983000004 角色 admin");
    expect((await t.sayAndWaitReply({ text: "/kickall", user_id: BOB })).text).toContain("done");
    await t.sayAndWaitReply({ text: `/perm ban ${BOB} kickall`, user_id: ALICE });
    expect((await t.sayAndWaitReply({ text: "/kickall", user_id: BOB })).text).toContain(
      "权限不足",
    );
    // The default permission path of a plugin's command is <owner>.<name>: a wildcard ban covers it.
    expect((await t.sayAndWaitReply({ text: "/hello", user_id: DAVE })).text).toContain("hi");
    await t.sayAndWaitReply({ text: `/perm ban ${DAVE} greeter.*`, user_id: ALICE });
    expect((await t.sayAndWaitReply({ text: "/hello", user_id: DAVE })).text).toContain("权限不足");
    expect(runs).toEqual([BOB]);
    const stored = JSON.parse(readFileSync(file, "utf8"));
    expect(stored.users[String(BOB)]).toEqual({ roles: ["admin"], grants: [], bans: ["kickall"] });
    expect(stored.users[String(DAVE)].bans).toEqual(["greeter.*"]);
    // A new bot reading the same file keeps the grants and bans.
    const again = new Permissions({ store: new JsonFileRbacStore(file) });
    expect(again.hasRole(BOB, "admin")).toBe(true);
  });

  it("the denied reply is configurable and can be silent", async () => {
    t = await createTestBot({
      inProcess: true,
      bot: { commands: { rbacFile: false, deniedReply: false } },
      setup: (b) => {
        b.command("secret", { permission: "root" }, (e) => e.reply("no"));
        b.command("fence", (e) => e.reply("fence"));
      },
    });
    await t.say("/secret");
    await t.sayAndWaitReply("/fence");
    expect(t.replies().map((r) => r.text.trim())).toEqual(["fence"]);
  });

  it("custom roles with inheritance and role grants through /perm role", async () => {
    t = await createTestBot({
      inProcess: true,
      bot: { root: ALICE, commands: { rbacFile: false } },
      setup: (b) => {
        b.command("shop buy <item:string>", { permission: "shop.buy" }, (e, { item }) =>
          e.reply(`bought ${item}`),
        );
      },
    });
    const root = (text: string) => t!.sayAndWaitReply({ text, user_id: ALICE });
    expect((await t.sayAndWaitReply({ text: "/shop buy tea", user_id: BOB })).text).toContain(
      "权限不足",
    );
    await root("/perm role create member");
    await root("/perm role create vip member");
    expect((await root("/perm role grant member shop.*")).text).toContain(
      "已授予角色 member 权限 shop.*",
    );
    await root(`/perm add ${BOB} vip`);
    expect((await t.sayAndWaitReply({ text: "/shop buy tea", user_id: BOB })).text).toContain(
      "bought tea",
    );
    expect((await root(`/perm show ${BOB}`)).text).toContain("vip");
    await root("/perm role ban vip shop.buy");
    expect((await t.sayAndWaitReply({ text: "/shop buy tea", user_id: BOB })).text).toContain(
      "权限不足",
    );
  });
});
