/**
 * The built-in commands: `/help [command]` for everyone, and `/perm ...` for root
 * (give and take roles, grant, revoke, ban and unban permission paths, per user
 * and per role).
 *
 * @module
 */
import type { Disposer } from "../handle/scope.js";
import { CommandGroup, rootInherited } from "./group.js";
import { renderCommandHelp, renderHelp } from "./help.js";
import type { Permissions } from "./rbac.js";
import type { CommandRouter, MessageEvent } from "./router.js";
import type { CommandGroupHandle } from "./types.js";

type Reply = (e: MessageEvent, text: string) => Promise<unknown>;

const reply: Reply = (e, text) => e.reply(text);

/** Registers `/help`. */
export function registerHelp(router: CommandRouter): Disposer {
  return router.register(
    "help [command:rest]",
    { description: "查看命令列表或某个命令的用法", aliases: ["帮助"] },
    ((e: MessageEvent, { command }: { command: string | undefined }) =>
      reply(e, command ? renderCommandHelp(router, e, command) : renderHelp(router, e))) as (
      event: never,
      args: never,
    ) => unknown,
  );
}

/** The arguments the `/perm` declarations produce (each command uses some of them). */
interface PermArgs {
  user: number;
  role: string;
  path: string;
  name: string;
  parent: string | undefined;
}

function done(changed: boolean, yes: string, no: string): string {
  return changed ? yes : no;
}

/**
 * Registers `/perm` sub-commands on `group` whose `run` returns the reply text; a
 * thrown error becomes a one-line "失败：…" reply.
 */
function answering(group: CommandGroupHandle) {
  return (spec: string, description: string, run: (a: PermArgs) => string) =>
    group.command(spec, { description }, ((e: MessageEvent, a: PermArgs) => {
      let text: string;
      try {
        text = run(a);
      } catch (error) {
        text = `失败：${error instanceof Error ? error.message : String(error)}`;
      }
      return reply(e, text);
    }) as never);
}

/** Registers the root-only `/perm` group. */
export function registerPermCommands(router: CommandRouter, perms: () => Permissions): Disposer {
  const perm = new CommandGroup(router, rootInherited(), "perm", {
    description: "权限管理（仅 root）",
    permission: "root",
  });
  const on = answering(perm);
  on("add <user:at> <role:string>", "给用户一个角色", ({ user, role }) =>
    done(perms().addRole(user, role), `已给 ${user} 角色 ${role}`, `${user} 已有角色 ${role}`),
  );
  on("remove <user:at> <role:string>", "收回用户的角色", ({ user, role }) =>
    done(
      perms().removeRole(user, role),
      `已收回 ${user} 的角色 ${role}`,
      `${user} 没有角色 ${role}`,
    ),
  );
  on("grant <user:at> <path:string>", "授予用户权限（可用通配符 * 与 **）", ({ user, path }) =>
    done(perms().grant(user, path), `已授予 ${user} 权限 ${path}`, `${user} 已有权限 ${path}`),
  );
  on("revoke <user:at> <path:string>", "撤销用户的授权", ({ user, path }) =>
    done(perms().revoke(user, path), `已撤销 ${user} 的权限 ${path}`, `${user} 没有授权 ${path}`),
  );
  on("ban <user:at> <path:string>", "禁止用户使用（优先于授权）", ({ user, path }) =>
    done(perms().ban(user, path), `已禁止 ${user} 使用 ${path}`, `${user} 已被禁止 ${path}`),
  );
  on("unban <user:at> <path:string>", "解除禁止", ({ user, path }) =>
    done(
      perms().unban(user, path),
      `已解除 ${user} 对 ${path} 的禁止`,
      `${user} 没有被禁止 ${path}`,
    ),
  );
  on("show <user:at>", "查看用户的角色与权限", ({ user }) => {
    const p = perms();
    const data = p.snapshot().users[String(user)];
    const roles = [...p.rolesOf(user)].join("、");
    return [
      `${user} 的角色：${roles}`,
      `授权：${data?.grants.join(" ") || "无"}`,
      `禁止：${data?.bans.join(" ") || "无"}`,
    ].join("\n");
  });
  const role = perm.commandGroup("role", { description: "角色管理" });
  const onRole = answering(role);
  onRole(
    "create <name:string> [parent:string]",
    "新建角色（可继承另一个角色）",
    ({ name, parent }) => {
      perms().defineRole(name, parent ? { inherits: [parent] } : {});
      return parent ? `已创建角色 ${name}（继承 ${parent}）` : `已创建角色 ${name}`;
    },
  );
  onRole("grant <role:string> <path:string>", "授予角色权限", ({ role: r, path }) =>
    done(perms().grantRole(r, path), `已授予角色 ${r} 权限 ${path}`, `角色 ${r} 已有权限 ${path}`),
  );
  onRole("revoke <role:string> <path:string>", "撤销角色的授权", ({ role: r, path }) =>
    done(
      perms().revokeRole(r, path),
      `已撤销角色 ${r} 的权限 ${path}`,
      `角色 ${r} 没有授权 ${path}`,
    ),
  );
  onRole("ban <role:string> <path:string>", "禁止角色使用", ({ role: r, path }) =>
    done(perms().banRole(r, path), `已禁止角色 ${r} 使用 ${path}`, `角色 ${r} 已被禁止 ${path}`),
  );
  onRole("unban <role:string> <path:string>", "解除角色的禁止", ({ role: r, path }) =>
    done(
      perms().unbanRole(r, path),
      `已解除角色 ${r} 对 ${path} 的禁止`,
      `角色 ${r} 没有被禁止 ${path}`,
    ),
  );
  return () => perm.dispose();
}
