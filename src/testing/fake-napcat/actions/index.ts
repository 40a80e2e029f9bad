/**
 * Every action the fake NapCat implements, by wire name. Actions missing here
 * answer retcode 1404 (never a faked success).
 *
 * @module
 */
import type { ActionTable } from "./context.js";
import { essenceActions } from "./essence.js";
import { fileActions } from "./file.js";
import { groupActions } from "./group.js";
import { infoActions } from "./info.js";
import { messageActions } from "./message.js";
import { requestActions } from "./request.js";
import { sendActions } from "./send.js";
import { settingsActions } from "./settings.js";
import { systemActions } from "./system.js";

/** All implemented handlers. */
export const FAKE_ACTIONS: ActionTable = {
  ...sendActions,
  ...messageActions,
  ...groupActions,
  ...infoActions,
  ...requestActions,
  ...fileActions,
  ...essenceActions,
  ...systemActions,
  ...settingsActions,
};
