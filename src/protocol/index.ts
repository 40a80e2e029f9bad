/**
 * The OneBot 11 / NapCat wire protocol as types and name lists. Data only, plus one pure
 * helper (`eventKeysOf`). The runtime param specs live in `./action-specs.generated.js`
 * (import it by path; it is large and only validators need it).
 *
 * @module
 */
export * from "./actions.generated.js";
export * from "./events.js";
export * from "./segments.js";
