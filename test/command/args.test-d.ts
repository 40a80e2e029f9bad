/** Type tests: the argument object is inferred from the declaration. */
import type {
  ArgsOf,
  BotClient,
  GroupMessageEvent,
  ImageReceiveData,
  MessageArray,
  PrivateMessageEvent,
} from "ncatbot";
import { describe, expectTypeOf, it } from "vitest";

declare const bot: BotClient;

describe("ArgsOf", () => {
  it("reads required, optional, defaulted, typed parameters", () => {
    expectTypeOf<ArgsOf<"echo <text:rest>">>().toEqualTypeOf<{ text: string }>();
    expectTypeOf<ArgsOf<"ban <user:at> [seconds:int=600]">>().toEqualTypeOf<{
      user: number;
      seconds: number;
    }>();
    expectTypeOf<ArgsOf<"roll [sides:int]">>().toEqualTypeOf<{ sides: number | undefined }>();
    expectTypeOf<ArgsOf<"say <word> [other=hi]">>().toEqualTypeOf<{
      word: string;
      other: string;
    }>();
    expectTypeOf<ArgsOf<"f <ok:bool> <x:number> <m:message>">>().toEqualTypeOf<{
      ok: boolean;
      x: number;
      m: MessageArray;
    }>();
    expectTypeOf<ArgsOf<"admin reload <plugin:string>">>().toEqualTypeOf<{ plugin: string }>();
    expectTypeOf<ArgsOf<"ping">>().toEqualTypeOf<{}>();
  });

  it("reads flags and options", () => {
    expectTypeOf<
      ArgsOf<"greet [who:string] [-v|--verbose] [--count:int=3] [--name:string] [-q]">
    >().toEqualTypeOf<{
      who: string | undefined;
      verbose: boolean;
      count: number;
      name: string | undefined;
      q: boolean;
    }>();
  });

  it("segment types give that segment", () => {
    type A = ArgsOf<"pic <img:image>">;
    expectTypeOf<A["img"]["type"]>().toEqualTypeOf<"image">();
    expectTypeOf<A["img"]["data"]>().toEqualTypeOf<ImageReceiveData>();
  });
});

describe("bot.command", () => {
  it("hands the handler the inferred arguments and the event narrowed by scope", () => {
    bot.command("ban <user:at> [seconds:int=600]", { scope: "group" }, (e, args) => {
      expectTypeOf(args).toEqualTypeOf<{ user: number; seconds: number }>();
      expectTypeOf(e).toExtend<GroupMessageEvent>();
      expectTypeOf(e.group_id).toBeNumber();
    });
    bot.command("dm", { scope: "private" }, (e) => {
      expectTypeOf(e).toExtend<PrivateMessageEvent>();
    });
    bot.command("echo <text:rest>", (e, { text }) => {
      expectTypeOf(text).toBeString();
      expectTypeOf(e).toExtend<GroupMessageEvent | PrivateMessageEvent>();
      expectTypeOf(e.prompt).toBeFunction();
    });
    bot.commandGroup("admin").command("reload <plugin:string>", (_e, { plugin }) => {
      expectTypeOf(plugin).toBeString();
    });
    const dispose = bot.command("x", () => {});
    expectTypeOf(dispose).toEqualTypeOf<() => void>();
  });

  it("rejects using an argument the declaration does not have", () => {
    bot.command("echo <text:rest>", (_e, args) => {
      // @ts-expect-error `count` is not declared
      args.count;
    });
  });

  it("prompt resolves to the same event type or undefined", async () => {
    bot.command("ask", { scope: "group" }, async (e) => {
      const answer = await e.prompt("?", { timeout: 1000 });
      expectTypeOf(answer).toExtend<GroupMessageEvent | undefined>();
    });
  });
});
