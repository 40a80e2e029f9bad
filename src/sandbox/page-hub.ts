/**
 * The sandbox's switchboard between the fake NapCat and the open pages: it
 * watches the fake (events, the bot's calls), keeps a short history for pages
 * that connect later, pushes updates to every page, and runs the pages' commands.
 *
 * @module
 */
import { parseCqString } from "../testing/fake-napcat/cq.js";
import type { FakeEventPayload } from "../testing/fake-napcat/events.js";
import type {
  InProcessFakeNapCat as FakeNapCat,
  RecordedCall,
} from "../testing/fake-napcat/types.js";
import {
  CommandError,
  type HistoryItem,
  type PageCommand,
  type PagePush,
  parseCommand,
  type ViewApiCall,
} from "./protocol.js";
import { joinGroup, leaveGroup, pickOutsider, pokeBot, recallMessage } from "./scenarios.js";
import { chatKey, chatOfMessage, outgoingImageSources, ViewBuilder } from "./view.js";

/** Something a push can be sent to (a page's WebSocket). */
export interface PageClient {
  send(text: string): void;
}

const HISTORY_LIMIT = 500;
const CALLS_LIMIT = 300;
const SEND_ACTIONS = new Set(["send_msg", "send_group_msg", "send_private_msg"]);

function trim<T>(list: T[], limit: number): void {
  if (list.length > limit) list.splice(0, list.length - limit);
}

/** Connects pages to one fake NapCat. Call `dispose()` to stop watching it. */
export class PageHub {
  readonly #fake: FakeNapCat;
  readonly #view: ViewBuilder;
  readonly #clients = new Set<PageClient>();
  readonly #history: HistoryItem[] = [];
  readonly #calls: ViewApiCall[] = [];
  /** Image sources of the bot's pending sends, per chat: the fake's stored copy drops base64 data. */
  readonly #pendingImages = new Map<string, string[][]>();
  readonly #disposers: Array<() => void> = [];
  #callSeq = 0;
  #stateQueued = false;

  constructor(fake: FakeNapCat) {
    this.#fake = fake;
    this.#view = new ViewBuilder(fake.world);
    this.#disposers.push(fake.onCall((call) => this.#onCall(call)));
    this.#disposers.push(fake.onEvent((event) => this.#onEvent(event)));
  }

  /** The API calls logged so far (oldest first). */
  get calls(): readonly ViewApiCall[] {
    return this.#calls;
  }

  /** Adds a page; it gets a `hello` with the state, history and call log. Returns a remover. */
  attach(client: PageClient): () => void {
    this.#clients.add(client);
    this.#sendTo(client, {
      type: "hello",
      state: this.#view.state(),
      history: this.#history,
      calls: this.#calls,
    });
    return () => this.#clients.delete(client);
  }

  /** Runs one frame from `client` and answers with an `ack`. Never throws. */
  async handleFrame(client: PageClient, text: string): Promise<void> {
    let command: PageCommand;
    try {
      command = parseCommand(text);
    } catch (error) {
      const id = error instanceof CommandError ? error.id : undefined;
      this.#sendTo(client, { type: "ack", id, ok: false, error: (error as Error).message });
      return;
    }
    try {
      const result = await this.#run(command, client);
      this.#sendTo(client, { type: "ack", id: command.id, ok: true, result });
      this.#queueState();
    } catch (error) {
      this.#sendTo(client, {
        type: "ack",
        id: command.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  async #run(command: PageCommand, client: PageClient): Promise<unknown> {
    const fake = this.#fake;
    switch (command.op) {
      case "state":
        this.#sendTo(client, { type: "state", state: this.#view.state() });
        return null;
      case "say": {
        const payload =
          command.chat.type === "group"
            ? await fake.say({
                text: command.text,
                group_id: command.chat.id,
                user_id: command.user_id,
              })
            : await fake.say({ text: command.text, user_id: command.chat.id, private: true });
        return { message_id: payload.message_id };
      }
      case "poke":
        pokeBot(fake, command.chat, command.user_id);
        return null;
      case "join":
        return { user_id: joinGroup(fake, command.group_id, command.user_id, command.nickname) };
      case "leave":
        leaveGroup(fake, command.group_id, command.user_id);
        return null;
      case "recall":
        return {
          message_id: recallMessage(fake, command.chat, command.user_id, command.message_id),
        };
      case "friend_request": {
        const user = command.user_id ?? pickOutsider(fake.world, undefined, true).user_id;
        const event = await fake.requestFriend({
          user_id: user,
          ...optional(command.nickname, command.comment),
        });
        return { flag: event.flag };
      }
      case "group_request": {
        const user = command.user_id ?? pickOutsider(fake.world, command.group_id, false).user_id;
        const event = await fake.requestGroupJoin({
          group_id: command.group_id,
          user_id: user,
          ...optional(command.nickname, command.comment),
        });
        return { flag: event.flag };
      }
    }
  }

  #onCall(call: RecordedCall): void {
    const entry = this.#view.call(++this.#callSeq, call.action, call.params);
    this.#calls.push(entry);
    trim(this.#calls, CALLS_LIMIT);
    this.#broadcast({ type: "api", call: entry });
    const action = call.action.replace(/_(async|rate_limited)$/, "");
    if (SEND_ACTIONS.has(action)) {
      const images = outgoingImageSources(call.params.message, parseCqString);
      const chat = chatOfCall(action, call.params);
      if (images.length > 0 && chat !== undefined) {
        const queue = this.#pendingImages.get(chat) ?? [];
        queue.push(images);
        this.#pendingImages.set(chat, queue);
      }
    }
  }

  #onEvent(event: FakeEventPayload): void {
    if (event.post_type === "meta_event") return;
    if (event.post_type === "message_sent" || event.post_type === "message") {
      const chat = chatOfMessage(event);
      const hasImage =
        Array.isArray(event.message) &&
        event.message.some((s) => (s as { type?: unknown }).type === "image");
      const images =
        event.post_type === "message_sent" && chat && hasImage
          ? this.#pendingImages.get(chatKey(chat))?.shift()
          : undefined;
      const message = this.#view.message(event, images);
      if (message) this.#record({ kind: "message", message }, { type: "message", message });
      return;
    }
    const notice = this.#view.notice(event);
    if (!notice) return;
    if (event.notice_type === "group_recall" || event.notice_type === "friend_recall") {
      const id = Number(event.message_id);
      for (const item of this.#history)
        if (item.kind === "message" && item.message.message_id === id) item.message.recalled = true;
      this.#broadcast({ type: "recall", message_id: id });
    }
    this.#record({ kind: "notice", notice }, { type: "notice", notice });
    this.#queueState();
  }

  #record(item: HistoryItem, push: PagePush): void {
    this.#history.push(item);
    trim(this.#history, HISTORY_LIMIT);
    this.#broadcast(push);
  }

  /** One `state` push after a burst of changes. */
  #queueState(): void {
    if (this.#stateQueued) return;
    this.#stateQueued = true;
    setImmediate(() => {
      this.#stateQueued = false;
      if (this.#clients.size > 0) this.#broadcast({ type: "state", state: this.#view.state() });
    });
  }

  #broadcast(push: PagePush): void {
    if (this.#clients.size === 0) return;
    const text = JSON.stringify(push);
    for (const client of this.#clients) client.send(text);
  }

  #sendTo(client: PageClient, push: PagePush): void {
    client.send(JSON.stringify(push));
  }

  /** Stops watching the fake and forgets the pages. */
  dispose(): void {
    for (const dispose of this.#disposers.splice(0)) dispose();
    this.#clients.clear();
  }
}

function optional(
  nickname: string | undefined,
  comment: string | undefined,
): { nickname?: string; comment?: string } {
  const out: { nickname?: string; comment?: string } = {};
  if (nickname !== undefined) out.nickname = nickname;
  if (comment !== undefined) out.comment = comment;
  return out;
}

/** The chat key a send action targets, from its params. */
function chatOfCall(action: string, params: Readonly<Record<string, unknown>>): string | undefined {
  const type =
    action === "send_group_msg"
      ? "group"
      : action === "send_private_msg"
        ? "private"
        : (params.message_type ?? (params.group_id !== undefined ? "group" : "private"));
  const id = Number(type === "group" ? params.group_id : params.user_id);
  if (!Number.isSafeInteger(id) || (type !== "group" && type !== "private")) return undefined;
  return chatKey({ type, id });
}
