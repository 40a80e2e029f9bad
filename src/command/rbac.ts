/**
 * Role-based permissions: `root` (the config's `root` QQ numbers) > `admin` > `user`,
 * custom roles with inheritance, dotted permission paths with wildcards (`*` one
 * level, `**` any depth), grants and bans per user and per role (a ban beats a
 * grant). Pure: the data goes through an {@link RbacStore} (a JSON file by default,
 * see rbac-file.ts).
 *
 * @module
 */
import { NcatBotError } from "../errors.js";

/** Grants and bans of one user or role. */
export interface RbacEntry {
  grants: string[];
  bans: string[];
}

/** A role: its grants and bans, and the roles whose permissions it inherits. */
export interface RbacRole extends RbacEntry {
  inherits: string[];
}

/** A user: roles given to them, and their own grants and bans. */
export interface RbacUser extends RbacEntry {
  roles: string[];
}

/** Everything stored (data/rbac.json). */
export interface RbacData {
  version: 1;
  roles: Record<string, RbacRole>;
  users: Record<string, RbacUser>;
}

/** Where permissions are kept. `save` must be atomic (no half-written file). */
export interface RbacStore {
  load(): RbacData | undefined;
  save(data: RbacData): void;
}

/** Keeps permissions in memory only (tests, throwaway bots). */
export class MemoryRbacStore implements RbacStore {
  #data: RbacData | undefined;
  load(): RbacData | undefined {
    return this.#data && structuredClone(this.#data);
  }
  save(data: RbacData): void {
    this.#data = structuredClone(data);
  }
}

/** The built-in roles, most powerful first. */
export const BUILTIN_ROLES = ["root", "admin", "user"] as const;

const BUILTIN_INHERITS: Readonly<Record<string, readonly string[]>> = {
  root: ["admin"],
  admin: ["user"],
  user: [],
};

const PATH = /^[^\s]+$/u;

/**
 * Whether `pattern` covers `path`: segments split on `.`, `*` matches one
 * segment, `**` any number (also none).
 *
 * @example
 * ```ts
 * matchPermission("greeter.*", "greeter.hello"); // true
 * matchPermission("**", "anything.at.all");        // true
 * ```
 */
export function matchPermission(pattern: string, path: string): boolean {
  return matchParts(pattern.split("."), 0, path.split("."), 0);
}

function matchParts(p: readonly string[], i: number, s: readonly string[], j: number): boolean {
  while (i < p.length) {
    const part = p[i] as string;
    if (part === "**") {
      if (i === p.length - 1) return true;
      for (let k = j; k <= s.length; k++) if (matchParts(p, i + 1, s, k)) return true;
      return false;
    }
    if (j >= s.length) return false;
    if (part !== "*" && part !== s[j]) return false;
    i++;
    j++;
  }
  return j === s.length;
}

function emptyData(): RbacData {
  return { version: 1, roles: {}, users: {} };
}

function checkPath(path: string): void {
  if (!PATH.test(path)) {
    throw new NcatBotError(
      `"${path}" is not a permission path (dotted words, e.g. greeter.hello).`,
    );
  }
}

function pushUnique(list: string[], value: string): boolean {
  if (list.includes(value)) return false;
  list.push(value);
  return true;
}

function removeFrom(list: string[], value: string): boolean {
  const at = list.indexOf(value);
  if (at < 0) return false;
  list.splice(at, 1);
  return true;
}

/** A user id as stored (QQ numbers as decimal strings). */
export type UserId = number | string;

/**
 * The permission system. Every change is saved through the store at once.
 *
 * @example
 * ```ts
 * bot.permissions.addRole(1983000004, "admin");
 * bot.permissions.ban(1983000004, "greeter.*"); // a ban beats any grant
 * bot.permissions.check(1983000004, "greeter.hello"); // false
 * ```
 */
export class Permissions {
  readonly #roots: ReadonlySet<string>;
  readonly #store: RbacStore;
  #data: RbacData;

  constructor(options: { root?: readonly UserId[]; store?: RbacStore } = {}) {
    this.#roots = new Set((options.root ?? []).map(String));
    this.#store = options.store ?? new MemoryRbacStore();
    this.#data = this.#store.load() ?? emptyData();
  }

  /** The stored data (a copy). */
  snapshot(): RbacData {
    return structuredClone(this.#data);
  }

  /** Whether `user` is one of the config's `root` accounts. */
  isRoot(user: UserId): boolean {
    return this.#roots.has(String(user));
  }

  /** Whether `name` is a built-in or defined role. */
  hasRoleNamed(name: string): boolean {
    return name in BUILTIN_INHERITS || name in this.#data.roles;
  }

  /** Defines (or redefines the parents of) a custom role. */
  defineRole(name: string, options: { inherits?: readonly string[] } = {}): void {
    if (name === "root") throw new NcatBotError(`"root" comes from the config's root setting.`);
    if (!/^[\p{L}\p{N}_-]+$/u.test(name)) throw new NcatBotError(`"${name}" is not a role name.`);
    for (const parent of options.inherits ?? []) {
      if (!this.hasRoleNamed(parent)) throw new NcatBotError(`Unknown role "${parent}".`);
    }
    const role = this.#role(name, true);
    role.inherits = [...(options.inherits ?? role.inherits)];
    this.#save();
  }

  /** The roles `user` has, inherited ones included (`user` always; `root` for root accounts). */
  rolesOf(user: UserId): Set<string> {
    const direct = ["user", ...(this.#data.users[String(user)]?.roles ?? [])];
    if (this.isRoot(user)) direct.push("root");
    const out = new Set<string>();
    const visit = (role: string) => {
      if (out.has(role)) return;
      out.add(role);
      for (const parent of BUILTIN_INHERITS[role] ?? []) visit(parent);
      for (const parent of this.#data.roles[role]?.inherits ?? []) visit(parent);
    };
    for (const role of direct) visit(role);
    return out;
  }

  /** Whether `user` has `role` (directly, by inheritance, or as root). */
  hasRole(user: UserId, role: string): boolean {
    return this.rolesOf(user).has(role);
  }

  /** Gives `user` a role. Returns false if they already had it. */
  addRole(user: UserId, role: string): boolean {
    if (role === "root") throw new NcatBotError(`"root" comes from the config's root setting.`);
    if (!this.hasRoleNamed(role)) throw new NcatBotError(`Unknown role "${role}".`);
    return this.#change(pushUnique(this.#user(user).roles, role));
  }

  /** Takes a role from `user`. Returns false if they did not have it. */
  removeRole(user: UserId, role: string): boolean {
    return this.#change(removeFrom(this.#user(user).roles, role));
  }

  /** Allows `user` what `path` (a pattern) covers. */
  grant(user: UserId, path: string): boolean {
    return this.#edit(this.#user(user), "grants", path, true);
  }

  /** Takes back a grant given with {@link Permissions.grant}. */
  revoke(user: UserId, path: string): boolean {
    return this.#edit(this.#user(user), "grants", path, false);
  }

  /** Forbids `user` what `path` covers, whatever they are granted. */
  ban(user: UserId, path: string): boolean {
    return this.#edit(this.#user(user), "bans", path, true);
  }

  /** Lifts a ban set with {@link Permissions.ban}. */
  unban(user: UserId, path: string): boolean {
    return this.#edit(this.#user(user), "bans", path, false);
  }

  /** Allows every member of `role` (and of roles inheriting it) what `path` covers. */
  grantRole(role: string, path: string): boolean {
    return this.#edit(this.#roleFor(role), "grants", path, true);
  }

  /** Takes back a role grant. */
  revokeRole(role: string, path: string): boolean {
    return this.#edit(this.#roleFor(role), "grants", path, false);
  }

  /** Forbids every member of `role` what `path` covers. */
  banRole(role: string, path: string): boolean {
    return this.#edit(this.#roleFor(role), "bans", path, true);
  }

  /** Lifts a role ban. */
  unbanRole(role: string, path: string): boolean {
    return this.#edit(this.#roleFor(role), "bans", path, false);
  }

  /**
   * The one edit behind grant / revoke / ban / unban (of users and roles): adds
   * `path` (checked as a pattern) to the entry's list or takes it out, and saves
   * when that changed anything.
   */
  #edit(entry: RbacEntry, list: "grants" | "bans", path: string, add: boolean): boolean {
    if (!add) return this.#change(removeFrom(entry[list], path));
    checkPath(path);
    return this.#change(pushUnique(entry[list], path));
  }

  /** Whether a ban of `user` or of one of their roles covers `path` (never for root). */
  isBanned(user: UserId, path: string): boolean {
    if (this.isRoot(user)) return false;
    return this.#entries(user).some((e) => e.bans.some((b) => matchPermission(b, path)));
  }

  /** Whether a grant of `user` or of one of their roles covers `path` (always for root). */
  isGranted(user: UserId, path: string): boolean {
    if (this.isRoot(user)) return true;
    return this.#entries(user).some((e) => e.grants.some((g) => matchPermission(g, path)));
  }

  /** Granted and not banned: whether `user` may do what `path` names. */
  check(user: UserId, path: string): boolean {
    return this.isGranted(user, path) && !this.isBanned(user, path);
  }

  /**
   * What a command asks: not banned from `path`, and, when `need` is given, has
   * that role or a grant covering `path` (`need` a role), or a grant covering
   * `need` (`need` a permission path).
   */
  allows(user: UserId, path: string, need: string | undefined): boolean {
    if (this.isRoot(user)) return true;
    if (this.isBanned(user, path)) return false;
    if (need === undefined) return true;
    if (this.hasRoleNamed(need)) return this.hasRole(user, need) || this.isGranted(user, path);
    return this.isGranted(user, need) && !this.isBanned(user, need);
  }

  #entries(user: UserId): RbacEntry[] {
    const out: RbacEntry[] = [];
    const own = this.#data.users[String(user)];
    if (own) out.push(own);
    for (const role of this.rolesOf(user)) {
      const entry = this.#data.roles[role];
      if (entry) out.push(entry);
    }
    return out;
  }

  #user(user: UserId): RbacUser {
    const key = String(user);
    if (!/^\d+$/.test(key)) throw new NcatBotError(`"${key}" is not a QQ number.`);
    let entry = this.#data.users[key];
    if (!entry) {
      entry = { roles: [], grants: [], bans: [] };
      this.#data.users[key] = entry;
    }
    return entry;
  }

  #roleFor(role: string): RbacRole {
    if (!this.hasRoleNamed(role)) throw new NcatBotError(`Unknown role "${role}".`);
    return this.#role(role, true);
  }

  #role(name: string, create: boolean): RbacRole {
    let role = this.#data.roles[name];
    if (!role && create) {
      role = { inherits: [], grants: [], bans: [] };
      this.#data.roles[name] = role;
    }
    return role as RbacRole;
  }

  #change(changed: boolean): boolean {
    if (changed) this.#save();
    return changed;
  }

  #save(): void {
    this.#store.save(this.#data);
  }
}
