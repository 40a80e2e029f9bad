/**
 * `ncatbot/testing`: tools to test bots and plugins without QQ.
 *
 * @module
 */
export * from "./fake-napcat/index.js";
