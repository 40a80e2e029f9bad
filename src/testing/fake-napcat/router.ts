/**
 * Routes one action request the way NapCat does: `<name>_async` and
 * `<name>_rate_limited` are plain aliases, unknown names answer 1404, params are
 * validated against `ACTION_SPECS` (1400), handler failures answer their retcode
 * (1200 by default). Produces the OneBot response envelope.
 *
 * @module
 */
import { ACTION_SPECS, type ActionSpec } from "../../protocol/action-specs.generated.js";
import type { ActionContext, ActionTable } from "./actions/context.js";
import { FakeActionError, RETCODE } from "./errors.js";
import type { Params } from "./params.js";
import { validateParams } from "./validate.js";

/** The OneBot response envelope: `{status, retcode, data, message, wording, echo}`. */
export interface ActionResponse {
  status: "ok" | "failed";
  retcode: number;
  data: unknown;
  message: string;
  wording: string;
  echo?: unknown;
}

const SPECS: Readonly<Record<string, ActionSpec | undefined>> = ACTION_SPECS;

/** A success envelope. */
export function okResponse(data: unknown, echo: unknown): ActionResponse {
  const res: ActionResponse = {
    status: "ok",
    retcode: 0,
    data: data ?? null,
    message: "",
    wording: "",
  };
  if (echo !== undefined) res.echo = echo;
  return res;
}

/** A failure envelope (`wording` repeats the message, as NapCat does). */
export function failedResponse(retcode: number, message: string, echo: unknown): ActionResponse {
  const res: ActionResponse = { status: "failed", retcode, data: null, message, wording: message };
  if (echo !== undefined) res.echo = echo;
  return res;
}

/** Strips NapCat's `_async` / `_rate_limited` suffix when the bare name is an action. */
export function canonicalAction(action: string, table: ActionTable): string {
  if (action in table || SPECS[action]) return action;
  for (const suffix of ["_async", "_rate_limited"]) {
    if (action.endsWith(suffix)) {
      const base = action.slice(0, -suffix.length);
      if (base in table || SPECS[base]) return base;
    }
  }
  return action;
}

/** Runs `action` against `table` and returns the response `data`, or throws `FakeActionError`. */
export async function runAction(
  table: ActionTable,
  action: string,
  params: Params,
  ctx: ActionContext,
): Promise<unknown> {
  const name = canonicalAction(action, table);
  const handler = Object.hasOwn(table, name) ? table[name] : undefined;
  const spec = SPECS[name];
  if (!handler) {
    const why = spec
      ? `the fake NapCat does not implement "${name}" yet (real NapCat has it)`
      : `NapCat has no action "${name}": check the name`;
    throw new FakeActionError(RETCODE.notFound, `不支持的Api ${name}: ${why}`);
  }
  if (spec?.schemaValidated) {
    const problem = validateParams(name, spec.params, params);
    if (problem) throw new FakeActionError(RETCODE.badRequest, problem);
  }
  return await handler(params, ctx);
}

/** Runs an action and wraps the outcome in a response envelope; never throws. */
export async function respond(
  table: ActionTable,
  action: string,
  params: Params,
  echo: unknown,
  ctx: ActionContext,
): Promise<ActionResponse> {
  try {
    return okResponse(await runAction(table, action, params, ctx), echo);
  } catch (error: unknown) {
    if (error instanceof FakeActionError) return failedResponse(error.retcode, error.message, echo);
    const message = error instanceof Error ? error.message : String(error);
    return failedResponse(RETCODE.handlerError, message, echo);
  }
}

/** A parsed request frame, or the failure to answer for it. */
export type ParsedRequest =
  | { ok: true; action: string; params: Params; echo: unknown }
  | { ok: false; response: ActionResponse };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Parses a WebSocket request frame `{action, params, echo}` (1400 on bad JSON or shape). */
export function parseRequestFrame(text: string): ParsedRequest {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return {
      ok: false,
      response: failedResponse(
        RETCODE.badRequest,
        "json解析失败: send one JSON object {action, params, echo}",
        undefined,
      ),
    };
  }
  if (!isRecord(frame)) {
    return {
      ok: false,
      response: failedResponse(
        RETCODE.badRequest,
        "request must be a JSON object {action, params, echo}",
        undefined,
      ),
    };
  }
  const echo = frame.echo;
  if (typeof frame.action !== "string" || frame.action === "") {
    return {
      ok: false,
      response: failedResponse(
        RETCODE.badRequest,
        'request needs "action": the NapCat action name',
        echo,
      ),
    };
  }
  const params = frame.params ?? {};
  if (!isRecord(params)) {
    return {
      ok: false,
      response: failedResponse(RETCODE.badRequest, '"params" must be a JSON object', echo),
    };
  }
  return { ok: true, action: frame.action, params, echo };
}
