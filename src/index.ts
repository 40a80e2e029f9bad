/**
 * NcatBot for TypeScript: a typed, fast QQ bot framework for NapCat (OneBot 11).
 *
 * @module
 */
export * from "./errors.js";
export * from "./protocol/index.js";
