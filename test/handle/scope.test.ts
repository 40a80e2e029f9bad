/** Scope: collects disposers, nests, disposes children first and newest first, once. */
import { Scope } from "ncatbot";
import { describe, expect, it } from "vitest";

describe("Scope", () => {
  it("disposes children, then its own disposers, newest first; each once", async () => {
    const order: string[] = [];
    const root = new Scope("root");
    root.add(() => void order.push("root 1"));
    const child = root.child("child");
    child.add(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push("child async");
    });
    child.add(() => void order.push("child 2"));
    root.add(() => void order.push("root 2"));
    await Promise.all([root.dispose(), root.dispose()]);
    expect(order).toEqual(["child 2", "child async", "root 2", "root 1"]);
    expect(root.disposed && child.disposed).toBe(true);
    await root.dispose();
    expect(order).toHaveLength(4);
  });

  it("the returned disposer runs one now and forgets it", async () => {
    const scope = new Scope("s");
    let n = 0;
    const d = scope.add(() => void n++);
    d();
    d();
    await scope.dispose();
    expect(n).toBe(1);
  });

  it("a disposer added after dispose runs at once; a failing one is reported and the rest still run", async () => {
    const errors: unknown[] = [];
    const scope = new Scope("s", { onError: (e) => void errors.push(e) });
    let ran = 0;
    scope.add(() => void ran++);
    scope.add(() => {
      throw new Error("bad");
    });
    await scope.dispose();
    expect(ran).toBe(1);
    expect(errors).toHaveLength(1);
    scope.add(() => void ran++);
    expect(ran).toBe(2);
    expect(scope.child("late").disposed).toBe(true);
  });
});
