/**
 * System actions: get_status, get_version_info, can_send_image/record,
 * get_cookies, get_credentials, get_csrf_token, clean_cache, set_restart,
 * get_image / get_record / get_file (for files the fake has seen), the guild
 * actions that NapCat answers with `null`, and a few constant answers.
 *
 * @module
 */
import { failed } from "../errors.js";
import { optString, reqString } from "../params.js";
import type { World } from "../world.js";
import type { ActionHandler, ActionTable } from "./context.js";

const FAKE_BKN = "1234567890";

function cookies(world: World, domain: string): string {
  return `uin=o${world.selfId}; skey=@FakeSkey; p_uin=o${world.selfId}; p_skey=FakePSkey_${domain}`;
}

function fileLookup(kind: string | undefined): ActionHandler {
  return (p, ctx) => {
    const key = optString(p, "file") ?? optString(p, "file_id");
    if (key === undefined) throw failed('pass "file" or "file_id" from a received segment');
    for (const msg of ctx.world.messages.values()) {
      for (const seg of msg.segments) {
        if (kind !== undefined && seg.type !== kind) continue;
        if (seg.data.file === key || seg.data.file_id === key) {
          const name = String(seg.data.file);
          const url = typeof seg.data.url === "string" ? seg.data.url : "";
          return {
            file: `/tmp/napcat/fake/${name}`,
            url,
            file_size: String(seg.data.file_size ?? "0"),
            file_name: name,
          };
        }
      }
    }
    throw failed(
      `file ${key} not found: only files from messages the fake has seen can be fetched`,
    );
  };
}

/** System actions by wire name. */
export const systemActions: ActionTable = {
  get_status: () => ({ online: true, good: true, stat: {} }),
  get_version_info: () => ({
    app_name: "NapCat.Onebot",
    protocol_version: "v11",
    app_version: "4.18.19",
  }),
  can_send_image: () => ({ yes: true }),
  can_send_record: () => ({ yes: true }),
  clean_cache: () => null,
  set_restart: () => null,
  get_cookies: (p, ctx) => ({ cookies: cookies(ctx.world, reqString(p, "domain")), bkn: FAKE_BKN }),
  get_credentials: (p, ctx) => ({
    cookies: cookies(ctx.world, reqString(p, "domain")),
    token: Number(FAKE_BKN),
  }),
  get_csrf_token: () => ({ token: Number(FAKE_BKN) }),
  get_image: fileLookup("image"),
  get_record: (p, ctx) => {
    reqString(p, "out_format");
    return fileLookup("record")(p, ctx);
  },
  get_file: fileLookup(undefined),
  get_guild_service_profile: () => null,
  get_guild_list: () => null,
  get_online_clients: () => [],
  check_url_safely: (p) => {
    reqString(p, "url");
    return { level: 1 };
  },
  get_robot_uin_range: () => [{ minUin: "3328144510", maxUin: "3328144510" }],
  nc_get_packet_status: () => null,
};
