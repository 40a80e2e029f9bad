/**
 * Filters: small predicates on an event, composable with `and` / `or` / `not`,
 * used by commands (`filter:` option) and by plain message handlers
 * (`bot.onGroupMessage(handler, { filter: groupAdmin })`). Pure: they read the
 * event's wire fields only (`message_type`, `sender.role`, `user_id`, `self_id`).
 *
 * @module
 */

/** The wire fields the built-in filters read; every event object carries them. */
export interface FilterSubject {
  readonly post_type?: unknown;
  readonly message_type?: unknown;
  readonly user_id?: unknown;
  readonly self_id?: unknown;
  readonly group_id?: unknown;
  readonly operator_id?: unknown;
  readonly sender?: { readonly role?: unknown } | undefined;
}

/** A predicate on an event: true lets the event through. */
export type Filter<E = FilterSubject> = (event: E) => boolean;

/** A built-in filter: reads only the wire fields every event object carries. */
export type BuiltinFilter = Filter<FilterSubject>;

type SubjectOf<F> = F extends (event: infer E) => boolean ? E : never;
type Intersect<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;
/** The event type a list of filters can all be given. */
export type SubjectOfAll<Fs extends readonly unknown[]> = Intersect<SubjectOf<Fs[number]>>;

/** Messages in a group (`message_type: "group"`). */
export const groupOnly: BuiltinFilter = (e) => e.message_type === "group";

/** Private messages (`message_type: "private"`). */
export const privateOnly: BuiltinFilter = (e) => e.message_type === "private";

/** The sender is a group admin or the group owner (`sender.role`). */
export const groupAdmin: BuiltinFilter = (e) =>
  e.message_type === "group" && (e.sender?.role === "admin" || e.sender?.role === "owner");

/** The sender is the group owner (`sender.role === "owner"`). */
export const groupOwner: BuiltinFilter = (e) =>
  e.message_type === "group" && e.sender?.role === "owner";

/**
 * Not caused by the bot itself: drops the bot's own messages (`message_sent`, or a
 * message whose `user_id` is the bot) and notices it triggered (a poke it sent:
 * NcatBot issue #283, where the bot poked itself into a loop).
 */
export const nonSelf: BuiltinFilter = (e) => {
  if (e.post_type === "message_sent") return false;
  const self = e.self_id;
  if (self === undefined || self === null) return true;
  const me = String(self);
  if (e.user_id !== undefined && String(e.user_id) === me) return false;
  if (e.operator_id !== undefined && String(e.operator_id) === me) return false;
  return true;
};

/** From one of these users. */
export function fromUsers(...ids: ReadonlyArray<number | string>): BuiltinFilter {
  const set = new Set(ids.map(String));
  return (e) => e.user_id !== undefined && set.has(String(e.user_id));
}

/** In one of these groups. */
export function inGroups(...ids: ReadonlyArray<number | string>): BuiltinFilter {
  const set = new Set(ids.map(String));
  return (e) => e.group_id !== undefined && set.has(String(e.group_id));
}

/** A custom predicate, typed by the event it will see (identity; reads well in `and(...)`). */
export function custom<E>(predicate: (event: E) => boolean): Filter<E> {
  return predicate;
}

/** Every filter passes (none given: passes). */
export function and<const Fs extends ReadonlyArray<Filter<never>>>(
  ...filters: Fs
): Filter<SubjectOfAll<Fs>> {
  return (e) => {
    for (const f of filters) if (!(f as Filter<unknown>)(e)) return false;
    return true;
  };
}

/** At least one filter passes (none given: fails). */
export function or<const Fs extends ReadonlyArray<Filter<never>>>(
  ...filters: Fs
): Filter<SubjectOfAll<Fs>> {
  return (e) => {
    for (const f of filters) if ((f as Filter<unknown>)(e)) return true;
    return false;
  };
}

/** The filter fails. */
export function not<E>(filter: Filter<E>): Filter<E> {
  return (e) => !filter(e);
}

/**
 * Every filter in one object, for `import { filters as F } from "ncatbot"`.
 *
 * @example
 * ```ts
 * bot.onGroupMessage((e) => e.reply("管理员你好"), { filter: F.and(F.groupAdmin, F.nonSelf) });
 * ```
 */
export const filters = {
  groupOnly,
  privateOnly,
  groupAdmin,
  groupOwner,
  nonSelf,
  fromUsers,
  inGroups,
  custom,
  and,
  or,
  not,
} as const;
