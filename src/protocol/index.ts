/**
 * The OneBot 11 / NapCat wire protocol as types and name lists. Data only: no runtime logic.
 *
 * @module
 */
export * from "./actions.generated.js";
export * from "./events.js";
export * from "./segments.js";
