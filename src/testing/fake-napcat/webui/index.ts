/**
 * The fake NapCat WebUI (login API) for `ncatbot napcat login` tests.
 *
 * @module
 */
export {
  type FakeQuickLoginAccount,
  type FakeWebUI,
  type FakeWebUIOptions,
  startFakeWebUI,
  webUIPasswordHash,
} from "./fake-webui.js";
