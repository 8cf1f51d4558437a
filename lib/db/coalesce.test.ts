import { describe, expect, it } from "vitest";
import { coalesce, type Settled } from "./coalesce";

// A work function whose calls finish only when the test says so, recording what each call received.
function controlledWork<I>() {
  const calls: I[][] = [];
  const finish: (() => void)[] = [];
  const work = (items: I[]) =>
    new Promise<Settled<string>[]>((resolve) => {
      calls.push(items);
      finish.push(() => resolve(items.map((item) => ({ value: `done ${String(item)}` }))));
    });
  return { work, calls, finishNext: () => finish.shift()!() };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("coalesce", () => {
  it("handles an item at once when nothing is in flight", async () => {
    const { work, calls, finishNext } = controlledWork<number>();
    const submit = coalesce(work);
    const result = submit(1);
    await tick();
    expect(calls).toEqual([[1]]);
    finishNext();
    await expect(result).resolves.toBe("done 1");
  });

  it("groups the items that arrive while a call is in flight into the next call, in arrival order", async () => {
    const { work, calls, finishNext } = controlledWork<number>();
    const submit = coalesce(work);
    const results = [1, 2, 3, 4].map(submit);
    await tick();
    expect(calls).toEqual([[1]]);
    finishNext();
    await tick();
    expect(calls).toEqual([[1], [2, 3, 4]]);
    finishNext();
    await expect(Promise.all(results)).resolves.toEqual(["done 1", "done 2", "done 3", "done 4"]);
  });

  it("keeps a group within maxWeight, and still takes an item heavier than the limit on its own", async () => {
    const { work, calls, finishNext } = controlledWork<number>();
    const submit = coalesce(work, { weight: (n) => n, maxWeight: 10 });
    const results = [1, 6, 4, 3, 12, 2].map(submit);
    for (let i = 0; i < 5; i++) {
      await tick();
      finishNext();
    }
    await Promise.all(results);
    expect(calls).toEqual([[1], [6, 4], [3], [12], [2]]);
  });

  it("settles each item with its own outcome", async () => {
    const submit = coalesce(async (items: number[]) => items.map((n): Settled<number> => (n % 2 ? { value: n * 10 } : { error: new Error(`even ${n}`) })));
    const outcomes = await Promise.allSettled([1, 2, 3].map(submit));
    expect(outcomes).toEqual([
      { status: "fulfilled", value: 10 },
      { status: "rejected", reason: new Error("even 2") },
      { status: "fulfilled", value: 30 },
    ]);
  });

  it("rejects every item of a group whose work throws, and goes on with the next group", async () => {
    let call = 0;
    const submit = coalesce(async (items: string[]) => {
      call += 1;
      if (call === 2) throw new Error("database gone");
      await tick();
      return items.map((item): Settled<string> => ({ value: item }));
    });
    const first = submit("a");
    const failed = [submit("b"), submit("c")];
    await expect(first).resolves.toBe("a");
    await expect(Promise.allSettled(failed)).resolves.toEqual([
      { status: "rejected", reason: new Error("database gone") },
      { status: "rejected", reason: new Error("database gone") },
    ]);
    await expect(submit("d")).resolves.toBe("d");
  });
});
