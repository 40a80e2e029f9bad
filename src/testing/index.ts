/**
 * `ncatbot/testing`: tools to test bots and plugins without QQ.
 *
 * @module
 */

export * from "./events/index.js";
export * from "./fake-napcat/index.js";
export * from "./harness/index.js";
// The sandbox (fake NapCat + chat page) with your own bot: `startSandbox({ setup })`.
export { type Sandbox, type SandboxOptions, startSandbox } from "./sandbox.js";
