/**
 * `ncatbot/testing`: tools to test bots and plugins without QQ.
 *
 * @module
 */

export * from "./events/index.js";
export * from "./fake-napcat/index.js";
export * from "./harness/index.js";
