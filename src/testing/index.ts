/**
 * The testing tools: event factories, the fake NapCat and the test-bot harness. The
 * `ncatbot/testing` entry (src/testing-entry.ts) re-exports them with the sandbox's `startSandbox`.
 *
 * @module
 */

export * from "./events/index.js";
export * from "./fake-napcat/index.js";
export * from "./harness/index.js";
