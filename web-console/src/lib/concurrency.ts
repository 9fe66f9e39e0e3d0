/**
 * Runs `work` for every item with at most `limit` calls under way at once, in the items' order, and resolves
 * when all have settled. A rejection is the worker's business (it is caught and ignored here): one refused
 * request must not stop the other 999. `stopped` is asked before each start, so a caller can stop sending.
 */
export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<unknown>,
  stopped: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stopped()) {
      const item = items[next++];
      try {
        await work(item);
      } catch {
        /* the worker records its own failures */
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}
