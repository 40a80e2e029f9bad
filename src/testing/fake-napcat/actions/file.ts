/**
 * Group and private files: upload_group_file (emits group_upload),
 * upload_private_file, get_group_root_files, get_group_files_by_folder,
 * create_group_file_folder, delete_group_file, delete_group_folder,
 * get_group_file_url, get_private_file_url, get_group_file_system_info,
 * rename_group_file, move_group_file, trans_group_file.
 *
 * @module
 */
import { failed } from "../errors.js";
import { noticeEvent } from "../events.js";
import { numberOr, optString, type Params, reqNumber, reqString } from "../params.js";
import type { FakeGroup, FakeGroupFile } from "../world-types.js";
import { type ActionHandler, type ActionTable, NT_OK } from "./context.js";

function fileItem(g: FakeGroup, f: FakeGroupFile): Record<string, unknown> {
  return {
    group_id: g.group_id,
    file_id: f.file_id,
    file_name: f.file_name,
    busid: 102,
    size: f.size,
    file_size: f.size,
    upload_time: f.upload_time,
    dead_time: 0,
    modify_time: f.upload_time,
    download_times: 0,
    uploader: f.uploader,
    uploader_name: f.uploader_name,
  };
}

function listing(g: FakeGroup, folderId: string, count: number): Record<string, unknown> {
  const files = g.files
    .filter((f) => f.folder_id === folderId)
    .slice(0, count)
    .map((f) => fileItem(g, f));
  const folders =
    folderId === "/"
      ? g.folders.map((d) => ({
          group_id: g.group_id,
          folder_id: d.folder_id,
          folder: d.folder_id,
          folder_name: d.folder_name,
          create_time: d.create_time,
          creator: d.creator,
          creator_name: d.creator_name,
          total_file_count: g.files.filter((f) => f.folder_id === d.folder_id).length,
        }))
      : [];
  return { files, folders };
}

function folderOf(p: Params, g: FakeGroup): string {
  const id = optString(p, "folder_id") ?? optString(p, "folder");
  if (id === undefined || id === "" || id === "/") return "/";
  if (!g.folders.some((d) => d.folder_id === id))
    throw failed(`folder ${id} not found in group ${g.group_id}`);
  return id;
}

function requireFile(g: FakeGroup, fileId: string): FakeGroupFile {
  const file = g.files.find((f) => f.file_id === fileId);
  if (!file) throw failed(`file ${fileId} not found in group ${g.group_id}`);
  return file;
}

const uploadGroupFile: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  const g = world.requireGroup(reqNumber(p, "group_id"));
  reqString(p, "file");
  const name = reqString(p, "name");
  const file: FakeGroupFile = {
    file_id: `/${world.ids.nextHex()}`,
    file_name: name,
    folder_id: folderOf(p, g),
    size: 0,
    upload_time: world.now(),
    uploader: world.selfId,
    uploader_name: world.nickname,
  };
  g.files.push(file);
  ctx.emit(
    noticeEvent(world, "group_upload", {
      group_id: g.group_id,
      user_id: world.selfId,
      file: { id: file.file_id, name, size: file.size, busid: 102 },
    }),
  );
  return { file_id: file.file_id };
};

const createFolder: ActionHandler = (p, ctx) => {
  const { world } = ctx;
  const g = world.requireGroup(reqNumber(p, "group_id"));
  const name = optString(p, "folder_name") ?? optString(p, "name");
  if (!name) throw failed('pass "folder_name" (or "name") for the new folder');
  const folderId = `/${world.ids.nextHex()}`;
  g.folders.push({
    folder_id: folderId,
    folder_name: name,
    create_time: world.now(),
    creator: world.selfId,
    creator_name: world.nickname,
  });
  return {
    result: { retCode: 0, retMsg: "ok", clientWording: "" },
    groupItem: {
      peerId: String(g.group_id),
      type: 2,
      folderInfo: {
        folderId,
        parentFolderId: "/",
        folderName: name,
        createTime: world.now(),
        modifyTime: world.now(),
        createUin: String(world.selfId),
        creatorName: world.nickname,
        totalFileCount: 0,
      },
    },
  };
};

const deleteFolder: ActionHandler = (p, ctx) => {
  const g = ctx.world.requireGroup(reqNumber(p, "group_id"));
  const id = folderOf(p, g);
  if (id === "/") throw failed("the root folder cannot be deleted: pass folder_id");
  g.folders = g.folders.filter((d) => d.folder_id !== id);
  g.files = g.files.filter((f) => f.folder_id !== id);
  return NT_OK;
};

const withFile =
  (fn: (g: FakeGroup, f: FakeGroupFile, p: Params) => unknown): ActionHandler =>
  (p, ctx) => {
    const g = ctx.world.requireGroup(reqNumber(p, "group_id"));
    return fn(g, requireFile(g, reqString(p, "file_id")), p);
  };

/** File actions by wire name. */
export const fileActions: ActionTable = {
  upload_group_file: uploadGroupFile,
  upload_private_file: (p, ctx) => {
    reqNumber(p, "user_id");
    reqString(p, "file");
    reqString(p, "name");
    return { file_id: `/${ctx.world.ids.nextHex()}` };
  },
  get_group_root_files: (p, ctx) => {
    const g = ctx.world.requireGroup(reqNumber(p, "group_id"));
    return listing(g, "/", numberOr(p, "file_count", 50));
  },
  get_group_files_by_folder: (p, ctx) => {
    const g = ctx.world.requireGroup(reqNumber(p, "group_id"));
    return listing(g, folderOf(p, g), numberOr(p, "file_count", 50));
  },
  create_group_file_folder: createFolder,
  delete_group_folder: deleteFolder,
  delete_group_file: withFile((g, f) => {
    g.files = g.files.filter((x) => x !== f);
    return NT_OK;
  }),
  get_group_file_url: withFile((g, f) => ({
    url: `https://fake-napcat.invalid/group/${g.group_id}/file${f.file_id}?fname=`,
  })),
  get_private_file_url: (p) => ({
    url: `https://fake-napcat.invalid/private/file/${reqString(p, "file_id")}`,
  }),
  get_group_file_system_info: (p, ctx) => {
    const g = ctx.world.requireGroup(reqNumber(p, "group_id"));
    return {
      file_count: g.files.length,
      limit_count: 10000,
      used_space: g.files.reduce((n, f) => n + f.size, 0),
      total_space: 10 * 1024 ** 3,
    };
  },
  rename_group_file: withFile((_g, f, p) => {
    f.file_name = reqString(p, "new_name");
    return { ok: true };
  }),
  move_group_file: withFile((g, f, p) => {
    const target = reqString(p, "target_parent_directory");
    if (target !== "/" && !g.folders.some((d) => d.folder_id === target))
      throw failed(`folder ${target} not found`);
    f.folder_id = target;
    return { ok: true };
  }),
  trans_group_file: withFile(() => ({ ok: true })),
};
