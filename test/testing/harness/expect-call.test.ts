/** Call assertions: what passes, what fails, and that failures read well. */
import { describe, expect, it } from "vitest";
import {
  CallAssertionError,
  expectCallIn,
  partialMatch,
  type RecordedCall,
  textOf,
} from "../../../src/testing/index.js";

const calls: RecordedCall[] = [
  { action: "get_login_info", params: {}, transport: "ws" },
  {
    action: "send_group_msg",
    params: { group_id: 736000003, message: [{ type: "text", data: { text: "ping" } }] },
    transport: "ws",
  },
  {
    action: "send_group_msg_async",
    params: { group_id: "736000007", message: "[CQ:at,qq=1] pong &#91;1&#93;" },
    transport: "ws",
  },
];

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CallAssertionError);
    return (error as Error).message;
  }
  throw new Error("expected the assertion to fail");
}

describe("expectCallIn", () => {
  it("passes on matching calls; _async aliases count; ids match across number/string", () => {
    expectCallIn(calls, "send_group_msg").times(2);
    expectCallIn(calls, "send_group_msg").withParams({ group_id: 736000007 }).once();
    expectCallIn(calls, "send_group_msg").toContainText("pong [1]").once();
    expectCallIn(calls, "set_group_kick").not();
    expectCallIn(calls, "send_group_msg").withParams({ group_id: 1 }).not();
    expect(expectCallIn(calls, "get_login_info").called()).toHaveLength(1);
  });

  it("a params mismatch names the path, the expected and the actual value", () => {
    const message = failure(() =>
      expectCallIn(calls, "send_group_msg").withParams({ group_id: 1, message: "x" }).called(),
    );
    expect(message).toContain(
      'expectCall("send_group_msg").withParams({"group_id":1,"message":"x"}): expected at least 1 matching call, found 0.',
    );
    expect(message).toContain("Calls to send_group_msg (2):");
    expect(message).toContain("params.group_id: expected 1, got 736000003");
    expect(message).toContain('params.message: expected "x", got [');
    expect(message).toContain(
      "All calls (3): get_login_info, send_group_msg, send_group_msg_async",
    );
  });

  it("text, count, absence and never-called failures explain themselves", () => {
    expect(failure(() => expectCallIn(calls, "send_group_msg").toContainText("hello"))).toContain(
      'text: expected "…hello…", got "ping"',
    );
    expect(failure(() => expectCallIn(calls, "send_group_msg").times(3))).toContain(
      "expected exactly 3 matching calls, found 2",
    );
    expect(failure(() => expectCallIn(calls, "send_group_msg").not())).toContain(
      "expected no matching call, found 2",
    );
    expect(failure(() => expectCallIn(calls, "delete_msg").once())).toContain(
      "No call to delete_msg was made.",
    );
  });

  it("reads a live list", () => {
    const live: RecordedCall[] = [];
    const expectation = expectCallIn(() => live, "delete_msg");
    expectation.not();
    live.push({ action: "delete_msg", params: { message_id: 5 }, transport: "ws" });
    expectation.withParams({ message_id: "5" }).once();
  });
});

describe("partialMatch and textOf", () => {
  it("partial objects, exact array lengths, missing keys", () => {
    expect(partialMatch({ a: { b: 1 } }, { a: { b: 1, c: 2 }, d: 3 })).toEqual([]);
    expect(partialMatch([1, 2], [1])).toEqual([
      { path: "params.length", expected: 2, actual: 1, missing: false },
    ]);
    expect(partialMatch({ x: 1 }, {})).toEqual([
      { path: "params.x", expected: 1, actual: undefined, missing: true },
    ]);
    expect(partialMatch({ id: "12" }, { id: 12 })).toEqual([]);
    expect(partialMatch({ id: "1x" }, { id: 1 })).toHaveLength(1);
  });

  it("extracts text from CQ strings, one segment and segment arrays", () => {
    expect(textOf("[CQ:reply,id=1]hi &amp; bye")).toBe("hi & bye");
    expect(textOf("[CQ:x] literal", true)).toBe("[CQ:x] literal");
    expect(textOf({ type: "text", data: { text: "one" } })).toBe("one");
    expect(
      textOf([
        { type: "at", data: { qq: 1 } },
        { type: "text", data: { text: " two" } },
      ]),
    ).toBe(" two");
    expect(textOf(undefined)).toBe("");
  });
});
