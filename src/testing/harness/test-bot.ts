/**
 * `createTestBot()`: a BotClient connected over a real WebSocket (127.0.0.1) to a
 * fake NapCat, with helpers to play a user and assert on what the bot did.
 * Framework-agnostic: works with vitest, jest and node:test alike.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BotClient, type BotClientOptions } from "../../client/index.js";
import type { BotPlugins } from "../../client/plugins.js";
import "../../plugin/index.js"; // installs bot.plugins
import type { PluginClass } from "../../plugin/index.js";
import {
  type FakeMessagePayload,
  type FakeNapCat,
  type FakeNapCatOptions,
  type RecordedCall,
  type SayOptions,
  startFakeNapCat,
  startFakeNapCatInProcess,
} from "../fake-napcat/index.js";
import { CallAssertionError, CallExpectation } from "./expect-call.js";
import { ManualClock } from "./manual-clock.js";
import { show } from "./match.js";
import {
  type ChatTarget,
  isSendCall,
  quotedIdOf,
  type ReplyCall,
  repliesTo,
  toReplyCall,
} from "./replies.js";

/**
 * The fake NapCat a {@link TestBot} is connected to: the handle `startFakeNapCat()`
 * returns (or `startFakeNapCatInProcess()` with `inProcess: true`). Its `calls`
 * are always up to date, even right after a `xxxSync` call.
 */
export type TestFake = FakeNapCat;

/** Options of {@link createTestBot}: the fake NapCat's options plus these. */
export interface TestBotOptions extends FakeNapCatOptions {
  /** More BotClient options (`wsUri` and `wsToken` are set by the harness). */
  bot?: Omit<BotClientOptions, "wsUri" | "wsToken">;
  /** Register handlers here; runs before the bot starts. */
  setup?: (bot: BotClient) => unknown;
  /** Show the bot's log (level `debug`). Default: silent. */
  log?: boolean;
  /**
   * Run the fake NapCat in the test's own thread. Default `false`: it runs in its
   * own thread, so the bot's `xxxSync` calls (which block the test's thread) are
   * answered. Only set this for tests that never make a Sync call.
   */
  inProcess?: boolean;
  /** Default timeout of `sayAndWaitReply` and `waitForReplies`, in ms. Default 5000. */
  timeoutMs?: number;
  /**
   * Plugins to load: classes / `definePlugin(...)` results, or folder paths (a plugin
   * folder, loaded as the bot loads `pluginsDir`). No plugins folder is read otherwise.
   */
  plugins?: ReadonlyArray<PluginClass | string>;
  /** Where plugin data goes. Default: a fresh temporary folder, removed by `stop()`. */
  dataDir?: string;
  /**
   * Drive scheduled tasks with a manual clock (`t.advance("30s")`, `t.clock.jump("5h")`)
   * instead of real time. Default false.
   */
  fakeTimers?: boolean;
}

/** What a user says: literal text, or the fake's `say` options (`group_id`, `user_id`, `private`...). */
export type SayInput = string | SayOptions;

/** What `sayAndWaitReply` resolves to: the bot's reply, and the message it answers. */
export interface SaidReply extends ReplyCall {
  /** The message event the user's words became (its `message_id`, `raw_message`...). */
  said: FakeMessagePayload;
}

/** Options of the waiting helpers. */
export interface WaitOptions {
  /** Give up after this many ms (default: the TestBot's `timeoutMs`, 5000). */
  timeoutMs?: number;
}

/** A bot under test, connected to a fake NapCat. Call `stop()` when done. */
export interface TestBot {
  /** The BotClient, started and connected. */
  readonly bot: BotClient;
  /** The fake NapCat it is connected to. */
  readonly fake: TestFake;
  /** Every action call the fake received (since the last `clearCalls()`), in order. */
  readonly calls: readonly RecordedCall[];
  /** A user speaks (a group message by default; `{ private: true }` for a private one). Resolves to the event sent to the bot. */
  say(input?: SayInput): Promise<FakeMessagePayload>;
  /**
   * A user speaks, then waits for the bot's next message to that same chat (group,
   * or the user in private); resolves to it, with its text extracted. A message that
   * quotes a different message is not taken as the answer.
   * Rejects after the timeout, listing what the bot did call.
   */
  sayAndWaitReply(input: SayInput, options?: WaitOptions): Promise<SaidReply>;
  /** Every message the bot sent (`send_*msg` calls) so far, in order. */
  replies(): ReplyCall[];
  /** Waits until the bot has sent at least `n` messages; resolves to all of them. */
  waitForReplies(n: number, options?: WaitOptions): Promise<ReplyCall[]>;
  /**
   * Pushes an event through the fake to the bot, over the wire: an `events.xxx()`
   * factory result, a protocol `EventPayload` or any object with a string
   * `post_type` (see `FakeNapCat.emit`). Resolves once it is handed to the fake.
   */
  emit(event: object): Promise<void>;
  /**
   * Fluent assertions on the calls to `action`: filters `.withParams({...})`,
   * `.withText("...")`; assertions `.called()`, `.once()`, `.times(n)`, `.not()`,
   * `.toContainText("...")`. A chain with no assertion makes `stop()` fail.
   */
  expectCall(action: string): CallExpectation;
  /** Forgets the calls recorded so far. */
  clearCalls(): void;
  /** `bot.plugins`: load, unload, reload, list, switches, the event bus. */
  readonly plugins: BotPlugins;
  /** The manual clock of scheduled tasks, with `fakeTimers: true`. */
  readonly clock: ManualClock | undefined;
  /**
   * With `fakeTimers: true`: moves the clock forward (ms or `"30s"`, `"2h"`), running
   * the scheduled tasks that fall due, in order.
   */
  advance(by: number | string): Promise<void>;
  /** Stops the bot, then the fake; nothing is left running. */
  stop(): Promise<void>;
}

function sayOptions(input: SayInput | undefined): SayOptions {
  return typeof input === "string" ? { text: input } : (input ?? {});
}

function describeTarget(target: ChatTarget): string {
  return target.chat === "group" ? `group ${target.id}` : `user ${target.id} (private)`;
}

function targetOf(payload: FakeMessagePayload): ChatTarget {
  return payload.message_type === "group" && payload.group_id !== undefined
    ? { chat: "group", id: payload.group_id }
    : { chat: "private", id: payload.user_id };
}

/**
 * Starts a fake NapCat and a BotClient connected to it (forward WebSocket, with a
 * token, quiet logger), runs `setup(bot)` to register handlers, then starts the bot.
 *
 * @example
 * ```ts
 * import { createTestBot } from "ncatbot/testing";
 * const t = await createTestBot({
 *   setup: (bot) => bot.onGroupMessage((msg) => {
 *     if (msg.raw_message === "ping") msg.replySync("pong");
 *   }),
 * });
 * const reply = await t.sayAndWaitReply("ping");
 * // reply.text === " pong" (in a group the reply quotes and @s the speaker: the space follows the @)
 * await t.stop();
 * ```
 */
export async function createTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const {
    bot: botOptions,
    setup,
    log,
    inProcess,
    timeoutMs,
    plugins,
    dataDir,
    fakeTimers,
    ...fakeOptions
  } = options;
  const clock = fakeTimers ? new ManualClock() : undefined;
  const tempData = dataDir === undefined && botOptions?.dataDir === undefined;
  const dataFolder =
    dataDir ?? botOptions?.dataDir ?? mkdtempSync(join(tmpdir(), "ncatbot-test-data-"));
  const pluginClasses = (plugins ?? []).filter((p): p is PluginClass => typeof p !== "string");
  const pluginFolders = (plugins ?? []).filter((p): p is string => typeof p === "string");
  const token = fakeOptions.token ?? `test-${randomUUID()}`;
  const defaultTimeout = timeoutMs ?? 5000;
  const fake: TestFake = await (inProcess ? startFakeNapCatInProcess : startFakeNapCat)({
    ...fakeOptions,
    token,
  });
  let started: BotClient | undefined;
  try {
    started = new BotClient(
      {
        configFile: false,
        logLevel: log ? "debug" : "silent",
        reconnect: false,
        pluginsDir: false,
        ...botOptions,
        dataDir: dataFolder,
        plugins: [...(botOptions?.plugins ?? []), ...pluginClasses],
        wsUri: fake.wsUrl,
        wsToken: token,
      },
      { env: {}, ...(clock ? { clock } : {}) },
    );
    await setup?.(started);
    await started.start();
    for (const folder of pluginFolders) await started.plugins.loadFolder(folder);
  } catch (error) {
    await started?.stop().catch(() => {});
    await fake.stop();
    if (tempData) rmSync(dataFolder, { recursive: true, force: true });
    throw error;
  }
  const bot = started;

  const unasserted = new Set<CallExpectation>();
  const replies = () => fake.calls.filter(isSendCall).map(toReplyCall);

  const testBot: TestBot = {
    bot,
    fake,
    get calls() {
      return fake.calls;
    },
    say: (input) => fake.say(sayOptions(input)),
    async sayAndWaitReply(input, waitOptions = {}) {
      const limit = waitOptions.timeoutMs ?? defaultTimeout;
      const before = new Set(fake.calls);
      const payload = await fake.say(sayOptions(input));
      const target = targetOf(payload);
      const saidId = String(payload.message_id);
      const matches = (call: RecordedCall) => {
        if (before.has(call) || !isSendCall(call)) return false;
        const reply = toReplyCall(call);
        const quoted = quotedIdOf(reply);
        return repliesTo(reply, target) && (quoted === undefined || quoted === saidId);
      };
      try {
        return { ...toReplyCall(await fake.waitForCall(matches, limit)), said: payload };
      } catch {
        const since = fake.calls.filter((c) => !before.has(c));
        const listed = since.length
          ? since.map((c) => `  ${c.action} ${show(c.params, 200)}`).join("\n")
          : "  none";
        throw new Error(
          `sayAndWaitReply(${show(input ?? "")}): the bot sent no message to ${describeTarget(target)} within ${limit} ms.\n` +
            `Calls since the message (${since.length}):\n${listed}\n` +
            "Check that a handler is registered in setup() for this chat and that it sends to the same group/user.",
        );
      }
    },
    replies,
    waitForReplies(n, waitOptions = {}) {
      const limit = waitOptions.timeoutMs ?? defaultTimeout;
      const now = replies();
      if (now.length >= n) return Promise.resolve(now);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          dispose();
          const got = replies();
          reject(
            new Error(
              `waitForReplies(${n}): the bot sent ${got.length} message(s) within ${limit} ms` +
                (got.length ? `: ${got.map((r) => show(r.text, 60)).join(", ")}` : ""),
            ),
          );
        }, limit);
        const dispose = fake.onCall(() => {
          const all = replies();
          if (all.length < n) return;
          clearTimeout(timer);
          dispose();
          resolve(all);
        });
      });
    },
    emit: async (event) => fake.emit(event),
    expectCall(action) {
      const expectation = new CallExpectation(
        action,
        () => fake.calls,
        (e) => unasserted.delete(e),
      );
      unasserted.add(expectation);
      return expectation;
    },
    clearCalls: () => fake.clearCalls(),
    get plugins() {
      return bot.plugins;
    },
    clock,
    async advance(by) {
      if (!clock) throw new Error("advance() needs createTestBot({ fakeTimers: true })");
      await clock.advance(by);
    },
    async stop() {
      let failure: unknown;
      try {
        await bot.stop();
      } catch (error) {
        failure = error;
      }
      await fake.stop();
      if (tempData) rmSync(dataFolder, { recursive: true, force: true });
      if (failure !== undefined) throw failure;
      if (unasserted.size > 0) {
        const chains = [...unasserted].map((e) => `  ${e.describe()}`).join("\n");
        unasserted.clear();
        throw new CallAssertionError(
          `expectCall chain(s) never asserted anything:\n${chains}\n` +
            "End each chain with .called(), .once(), .times(n), .not() or .toContainText(text).",
        );
      }
    },
  };
  return testBot;
}
