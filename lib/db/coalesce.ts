// Natural batching: while one call of `work` is in flight, new items queue up, and the next call
// takes them all (up to `maxWeight`). Under load, many concurrent requests share one database round
// trip or one transaction; when idle, an item is handled at once, with no timer adding latency.
export type Settled<T> = { value: T } | { error: unknown };

interface Pending<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export function coalesce<I, O>(
  work: (items: I[]) => Promise<Settled<O>[]>,
  { weight = () => 1, maxWeight = Infinity }: { weight?: (item: I) => number; maxWeight?: number } = {},
): (item: I) => Promise<O> {
  const queue: Pending<I, O>[] = [];
  let running = false;

  function takeGroup(): Pending<I, O>[] {
    const group = [queue.shift()!];
    let total = weight(group[0].item);
    while (queue.length && total + weight(queue[0].item) <= maxWeight) {
      total += weight(queue[0].item);
      group.push(queue.shift()!);
    }
    return group;
  }

  async function drain(): Promise<void> {
    running = true;
    while (queue.length) {
      const group = takeGroup();
      try {
        const outcomes = await work(group.map((pending) => pending.item));
        outcomes.forEach((outcome, i) => ("error" in outcome ? group[i].reject(outcome.error) : group[i].resolve(outcome.value)));
      } catch (error) {
        for (const pending of group) pending.reject(error);
      }
    }
    running = false;
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!running) void drain();
    });
}
