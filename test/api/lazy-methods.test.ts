import { describe, expect, it } from "vitest";
import { buildMethodsOnFirstAccess, type Method } from "../../src/api/lazy-methods.js";

class Base {
  inherited(): string {
    return "base";
  }
}

function lazyClass() {
  class Lazy extends Base {
    constructor(readonly tag: string) {
      super();
    }
  }
  const built: string[] = [];
  buildMethodsOnFirstAccess(Lazy.prototype, (name): Method | undefined => {
    if (!name.startsWith("say")) return undefined;
    built.push(name);
    return function (this: { tag: string }) {
      return `${this.tag}:${name}`;
    };
  });
  return { Lazy, built };
}

describe("buildMethodsOnFirstAccess", () => {
  it("builds a method once, on its first read, and then serves it from the prototype", () => {
    const { Lazy, built } = lazyClass();
    const a = new Lazy("a") as Base & { tag: string } & Record<string, () => string>;
    const b = new Lazy("b") as Base & { tag: string } & Record<string, () => string>;
    expect(built).toEqual([]);
    expect(Object.getOwnPropertyNames(Lazy.prototype)).toEqual(["constructor"]);
    expect(a.sayHi?.()).toBe("a:sayHi");
    expect(b.sayHi?.()).toBe("b:sayHi");
    expect(a.sayHi).toBe(b.sayHi);
    expect(a.sayHi?.name).toBe("sayHi");
    expect(built).toEqual(["sayHi"]);
    const descriptor = Object.getOwnPropertyDescriptor(Lazy.prototype, "sayHi");
    expect(descriptor).toMatchObject({ writable: true, configurable: true, enumerable: false });
    expect(Object.keys(a)).toEqual(["tag"]);
  });

  it("`in` builds the method too; unknown names, symbols and the old parent resolve as before", () => {
    const { Lazy, built } = lazyClass();
    const a = new Lazy("a") as Base & { tag: string } & Record<string | symbol, unknown>;
    expect("sayBye" in a).toBe(true);
    expect(built).toEqual(["sayBye"]);
    expect("other" in a).toBe(false);
    expect(a.other).toBeUndefined();
    expect(a[Symbol.iterator]).toBeUndefined();
    expect(a.inherited).toBe(Base.prototype.inherited);
    expect((a as unknown as Base).inherited()).toBe("base");
    expect(a).toBeInstanceOf(Base);
    expect(a.hasOwnProperty).toBe(Object.prototype.hasOwnProperty);
    expect(built).toEqual(["sayBye"]);
  });

  it("instance fields assigned after construction stay own properties", () => {
    const { Lazy } = lazyClass();
    const a = new Lazy("a") as Base & { tag: string } & Record<string, unknown>;
    a.extra = 1;
    expect(Object.hasOwn(a, "extra")).toBe(true);
    expect(Object.hasOwn(Lazy.prototype, "extra")).toBe(false);
  });
});
