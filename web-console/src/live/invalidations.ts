import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * A query is invalidated at most once per window. A bulk action over 1,000 instances brings thousands of job
 * and lifecycle events within seconds; invalidating the instance list on each would start a fetch of the whole
 * list each time, cancelling the one before (an aborted HTTP/1.1 request also costs its connection), so the
 * list would never arrive and the browser would run out of connections for the bulk requests themselves.
 */
export const INVALIDATE_EVERY_MS = 500;

/**
 * The first invalidation of a key goes through at once (a single action refreshes without delay); the ones
 * that follow within the window are merged into one at its end, so the last change is always fetched.
 */
export class InvalidationThrottle {
  private readonly lastAt = new Map<string, number>();
  private readonly waiting = new Map<string, QueryKey>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly client: QueryClient,
    private readonly windowMs = INVALIDATE_EVERY_MS,
  ) {}

  invalidate(queryKey: QueryKey): void {
    const id = JSON.stringify(queryKey);
    const last = this.lastAt.get(id);
    if (!this.waiting.has(id) && (last === undefined || Date.now() - last >= this.windowMs)) {
      this.send(id, queryKey);
      return;
    }
    this.waiting.set(id, queryKey);
    this.timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  private flush(): void {
    this.timer = null;
    const due = [...this.waiting];
    this.waiting.clear();
    // Forget keys not asked for in a while: the map would otherwise keep one entry per instance ever seen.
    const now = Date.now();
    for (const [id, at] of this.lastAt) if (now - at >= this.windowMs) this.lastAt.delete(id);
    for (const [id, queryKey] of due) this.send(id, queryKey);
  }

  private send(id: string, queryKey: QueryKey): void {
    this.lastAt.set(id, Date.now());
    void this.client.invalidateQueries({ queryKey });
  }
}

const throttles = new WeakMap<QueryClient, InvalidationThrottle>();

/** Invalidates through the client's throttle (one per client, so tests with fresh clients stay apart). */
export function invalidateSoon(client: QueryClient, queryKey: QueryKey): void {
  let throttle = throttles.get(client);
  if (!throttle) throttles.set(client, (throttle = new InvalidationThrottle(client)));
  throttle.invalidate(queryKey);
}
