/**
 * The failure a fake NapCat action handler throws; the router turns it into a
 * OneBot response envelope with `status: "failed"`.
 *
 * @module
 */

/** OneBot retcodes the fake uses, as NapCat documents them. */
export const RETCODE = {
  /** Bad parameters or unparsable JSON. */
  badRequest: 1400,
  /** Bad access token. */
  forbidden: 1403,
  /** Unknown (or not implemented) action. */
  notFound: 1404,
  /** The handler failed (NapCat's generic error). */
  handlerError: 1200,
} as const;

/**
 * An action failure with the retcode to answer. Thrown by handlers of the fake
 * NapCat; anything else a handler throws answers retcode 1200.
 */
export class FakeActionError extends Error {
  override name = "FakeActionError";
  /** OneBot `retcode` of the failed response. */
  readonly retcode: number;

  constructor(retcode: number, message: string) {
    super(message);
    this.retcode = retcode;
  }
}

/** Shorthand for a 1400 (bad parameter) failure. */
export function badParam(message: string): FakeActionError {
  return new FakeActionError(RETCODE.badRequest, message);
}

/** Shorthand for a 1200 (handler error) failure, e.g. "group not found". */
export function failed(message: string): FakeActionError {
  return new FakeActionError(RETCODE.handlerError, message);
}
