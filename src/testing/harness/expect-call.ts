/**
 * `expectCall(action)`: framework-agnostic fluent assertions on the calls the fake
 * NapCat received. Filters (`withParams`, `withText`) narrow the selection;
 * assertions (`called`, `once`, `times`, `not`, `toContainText`) check it and throw
 * an `Error` with a readable account of what was actually called.
 *
 * @module
 */
import { canonicalActionName, type RecordedCall } from "../fake-napcat/index.js";
import { type Mismatch, partialMatch, show, showMismatches, textOf } from "./match.js";

/** The error thrown by a failed call assertion. Its message lists the calls actually made. */
export class CallAssertionError extends Error {
  override name = "CallAssertionError";
}

type Filter =
  | { kind: "params"; params: Readonly<Record<string, unknown>> }
  | { kind: "text"; text: string };

function callText(call: RecordedCall): string {
  const p = call.params;
  return textOf(p.message ?? p.messages, p.auto_escape === true || p.auto_escape === "true");
}

function filterMismatches(filter: Filter, call: RecordedCall): Mismatch[] {
  if (filter.kind === "params") return partialMatch(filter.params, call.params);
  const text = callText(call);
  return text.includes(filter.text)
    ? []
    : [{ path: "text", expected: `…${filter.text}…`, actual: text, missing: false }];
}

/** Fluent assertions over the recorded calls of one action. Create with `testBot.expectCall(action)`. */
export class CallExpectation {
  readonly #action: string;
  readonly #source: () => readonly RecordedCall[];
  readonly #filters: Filter[] = [];
  readonly #onAsserted: (expectation: CallExpectation) => void;

  /** @internal Use `testBot.expectCall(action)` or {@link expectCallIn}. */
  constructor(
    action: string,
    source: () => readonly RecordedCall[],
    onAsserted: (expectation: CallExpectation) => void = () => {},
  ) {
    this.#action = canonicalActionName(action);
    this.#source = source;
    this.#onAsserted = onAsserted;
  }

  /** Only calls whose params partially deep-match `params` (extra keys are fine; `1` matches `"1"`). */
  withParams(params: Readonly<Record<string, unknown>>): this {
    this.#filters.push({ kind: "params", params });
    return this;
  }

  /** Only calls whose message text contains `text`. */
  withText(text: string): this {
    this.#filters.push({ kind: "text", text });
    return this;
  }

  /** The calls of this action that pass every filter, in order. Asserts nothing. */
  get matches(): RecordedCall[] {
    return this.#ofAction().filter((call) =>
      this.#filters.every((f) => filterMismatches(f, call).length === 0),
    );
  }

  /** Asserts at least one matching call; returns them. */
  called(): RecordedCall[] {
    const matches = this.#check((n) => n >= 1, "at least 1 matching call");
    return matches;
  }

  /** Asserts exactly one matching call; returns it. */
  once(): RecordedCall {
    const [call] = this.#check((n) => n === 1, "exactly 1 matching call");
    return call as RecordedCall;
  }

  /** Asserts exactly `n` matching calls. */
  times(n: number): this {
    this.#check((count) => count === n, `exactly ${n} matching call${n === 1 ? "" : "s"}`);
    return this;
  }

  /** Asserts that NO call matches (with the filters given so far). */
  not(): this {
    this.#check((n) => n === 0, "no matching call");
    return this;
  }

  /** Narrows to calls whose text contains `text` and asserts there is at least one. */
  toContainText(text: string): this {
    this.withText(text);
    this.#check((n) => n >= 1, "at least 1 matching call");
    return this;
  }

  /** The chain as code, for messages: `expectCall("x").withParams({...})`. */
  describe(): string {
    const steps = this.#filters
      .map((f) =>
        f.kind === "params" ? `.withParams(${show(f.params)})` : `.withText(${show(f.text)})`,
      )
      .join("");
    return `expectCall(${JSON.stringify(this.#action)})${steps}`;
  }

  #ofAction(all: readonly RecordedCall[] = this.#source()): RecordedCall[] {
    return all.filter((c) => canonicalActionName(c.action) === this.#action);
  }

  #check(ok: (count: number) => boolean, wanted: string): RecordedCall[] {
    this.#onAsserted(this);
    // One snapshot for the check and its explanation, so both see the same calls.
    const all = [...this.#source()];
    const matches = this.#ofAction(all).filter((call) =>
      this.#filters.every((f) => filterMismatches(f, call).length === 0),
    );
    if (!ok(matches.length)) throw new CallAssertionError(this.#explain(wanted, matches, all));
    return matches;
  }

  #explain(wanted: string, matches: readonly RecordedCall[], all: readonly RecordedCall[]): string {
    const indexOf = (call: RecordedCall) => all.indexOf(call) + 1;
    const lines = [`${this.describe()}: expected ${wanted}, found ${matches.length}.`];
    const ofAction = this.#ofAction(all);
    if (ofAction.length === 0) {
      lines.push(`No call to ${this.#action} was made.`);
    } else {
      lines.push(`Calls to ${this.#action} (${ofAction.length}):`);
      for (const call of ofAction.slice(0, 10)) {
        const diffs = this.#filters.flatMap((f) => filterMismatches(f, call));
        const mark = diffs.length === 0 ? "matches" : "differs";
        lines.push(`  #${indexOf(call)} ${call.action} ${show(call.params, 300)} (${mark})`);
        if (diffs.length > 0) lines.push(showMismatches(diffs));
      }
      if (ofAction.length > 10) lines.push(`  … and ${ofAction.length - 10} more`);
    }
    const names = all.map((c) => c.action);
    lines.push(
      `All calls (${all.length}): ${names.length ? names.slice(0, 40).join(", ") : "none"}${names.length > 40 ? ", …" : ""}`,
    );
    return lines.join("\n");
  }
}

/**
 * `expectCall` over any call list (a fake's `calls`, or your own recording), for
 * use without a TestBot.
 *
 * @example
 * ```ts
 * expectCallIn(fake.calls, "send_group_msg").withParams({ group_id: 736000003 }).toContainText("pong");
 * ```
 */
export function expectCallIn(
  calls: readonly RecordedCall[] | (() => readonly RecordedCall[]),
  action: string,
): CallExpectation {
  return new CallExpectation(action, typeof calls === "function" ? calls : () => calls);
}
