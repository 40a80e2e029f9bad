import { describe, expect, it } from "vitest";
import { ACTION_SPECS, type ActionParamSpec } from "../../src/protocol/action-specs.generated.js";
import {
  ACTION_METHODS,
  type ActionName,
  EVENT_KEYS,
  eventKeysOf,
  ONEBOT_ACTIONS,
  SEGMENT_TYPES,
} from "../../src/protocol/index.js";
import {
  type SharedParam,
  sharedActions,
  sharedEvents,
  sharedSegmentTypes,
} from "./shared-data.js";

const actions = sharedActions();
const events = sharedEvents();

function specOf(action: string) {
  const spec = (ACTION_SPECS as Readonly<Record<string, (typeof ACTION_SPECS)[ActionName]>>)[
    action
  ];
  if (!spec) throw new Error(`ACTION_SPECS has no entry for "${action}"`);
  return spec;
}

function compareParams(
  action: string,
  shared: SharedParam[],
  spec: readonly ActionParamSpec[],
): void {
  expect(
    spec.map((p) => p.name),
    `param names of ${action}`,
  ).toEqual(shared.map((p) => p.name));
  shared.forEach((param, index) => {
    const got = spec[index]!;
    const where = `${action}.${param.name}`;
    expect(got.required, `${where} required`).toBe(param.required);
    expect(got.type, `${where} wire type`).toBe(param.wire_type ?? param.type);
    expect(got.default, `${where} default`).toEqual(param.default);
    expect(got.enum, `${where} enum`).toEqual(param.enum);
    if (param.fields) compareParams(where, param.fields, got.fields ?? []);
  });
}

describe("actions: generated tables cover actions.json", () => {
  it("lists exactly the 177 action names", () => {
    const names = actions.map((a) => a.action).sort();
    expect(names).toHaveLength(177);
    expect([...ONEBOT_ACTIONS].sort()).toEqual(names);
    expect(Object.keys(ACTION_SPECS).sort()).toEqual(names);
  });

  it("carries every parameter with its required flag, wire type, default and enum", () => {
    for (const action of actions)
      compareParams(action.action, action.params, specOf(action.action).params);
  });

  it("carries origin and aliases", () => {
    for (const action of actions) {
      const spec = specOf(action.action);
      expect(spec.origin, action.action).toBe(action.origin);
      expect(spec.aliases, action.action).toEqual(action.aliases);
      expect(spec.suffixAliases, action.action).toEqual(action.suffix_aliases);
    }
  });

  it("gives every action a method except the prefixed twin of an unprefixed action", () => {
    const reachable = new Set<string>(Object.values(ACTION_METHODS));
    const missing = actions.map((a) => a.action).filter((name) => !reachable.has(name));
    expect(missing).toEqual([".ocr_image"]);
    expect(ACTION_METHODS.ocrImage).toBe("ocr_image");
    expect(ACTION_METHODS.sendGroupMsg).toBe("send_group_msg");
    expect(ACTION_METHODS.handleQuickOperation).toBe(".handle_quick_operation");
    expect(ACTION_METHODS.getGroupNotice).toBe("_get_group_notice");
    expect(ACTION_METHODS.arkShareGroup).toBe("ArkShareGroup");
    for (const [method, action] of Object.entries(ACTION_METHODS)) {
      expect(method, action).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(specOf(action).method).toBe(method);
    }
  });
});

describe("events: EVENT_KEYS and eventKeysOf cover events.json", () => {
  it("has a key for every post_type and detail type", () => {
    for (const event of events) {
      const detail =
        event.message_type ?? event.notice_type ?? event.request_type ?? event.meta_event_type;
      expect(EVENT_KEYS, event.name).toContain(event.post_type);
      expect(EVENT_KEYS, event.name).toContain(`${event.post_type}.${detail}`);
    }
  });

  it("has a sub_type key for every detail whose sub_type takes two or more values", () => {
    const subs = new Map<string, Set<string>>();
    for (const event of events) {
      const detail =
        event.message_type ?? event.notice_type ?? event.request_type ?? event.meta_event_type;
      const key = `${event.post_type}.${detail}`;
      const set = subs.get(key) ?? new Set<string>();
      for (const sub of [
        ...event.sub_types,
        ...(event.declared_but_never_emitted_sub_types ?? []),
      ]) {
        set.add(sub);
      }
      subs.set(key, set);
    }
    for (const [key, set] of subs) {
      for (const sub of set) {
        if (set.size >= 2) expect(EVENT_KEYS, key).toContain(`${key}.${sub}`);
        else expect(EVENT_KEYS, key).not.toContain(`${key}.${sub}`);
      }
    }
  });

  it("maps every example payload to its most specific key, most general first", () => {
    const known = new Set<string>(EVENT_KEYS);
    for (const event of events) {
      const keys = eventKeysOf(event.example);
      const detail =
        event.message_type ?? event.notice_type ?? event.request_type ?? event.meta_event_type;
      const base = `${event.post_type}.${detail}`;
      const sub = event.example.sub_type;
      const deepest =
        typeof sub === "string" && known.has(`${base}.${sub}`) ? `${base}.${sub}` : base;
      expect(keys, event.name).toEqual(
        [event.post_type, base, deepest].filter((k, i, all) => all.indexOf(k) === i),
      );
      for (const key of keys) expect(known.has(key), key).toBe(true);
    }
  });

  it("lists each example field in events.json's field list (data sanity)", () => {
    for (const event of events) {
      const fields = new Set(event.fields.map((f) => f.name));
      for (const key of Object.keys(event.example))
        expect(fields.has(key), `${event.name}.${key}`).toBe(true);
    }
  });

  it("has no duplicate keys", () => {
    expect(new Set(EVENT_KEYS).size).toBe(EVENT_KEYS.length);
  });
});

describe("segments", () => {
  it("SEGMENT_TYPES lists the 26 types of segments.json", () => {
    const shared = sharedSegmentTypes();
    expect(shared).toHaveLength(26);
    expect([...SEGMENT_TYPES].sort()).toEqual([...shared].sort());
  });
});
