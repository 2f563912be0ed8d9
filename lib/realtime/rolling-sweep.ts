// Visits every value of a map once per cycle, a batch per tick, continuing
// where the last tick stopped. The hub checks its connections' heartbeats and
// lifetimes this way rather than all in one tick: streams opened together (a
// benchmark's clients, a wave of reconnects after a deploy) fall due together,
// and 1,000 heartbeats in one tick are 1,000 socket writes (~45 µs each on a
// small VM) that hold up every request queued behind them. Ticks come only as
// often as the batches need: an instance with a few streams wakes once per
// cycle, as it did when every connection was checked at once.
/** Values visited per tick, up to MAX_TICKS_PER_CYCLE ticks a cycle. */
export const SWEEP_BATCH = 50;
const MAX_TICKS_PER_CYCLE = 20; // beyond 1,000 values, batches grow instead

export class RollingSweep<T> {
  private cursor: Iterator<T> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly items: Map<unknown, T>,
    private readonly cycleMs: number,
    private readonly visit: (item: T) => void,
  ) {
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    const ticks = Math.min(MAX_TICKS_PER_CYCLE, Math.max(1, Math.ceil(this.items.size / SWEEP_BATCH)));
    this.timer = setTimeout(() => {
      this.next(Math.ceil(this.items.size / ticks));
      this.schedule();
    }, this.cycleMs / ticks);
    this.timer.unref();
  }

  /** Visits the next `count` values; a Map's iterator sees deletions and additions made meanwhile. */
  private next(count: number): void {
    for (let left = count; left > 0; left--) {
      let step = this.cursor?.next();
      if (!step || step.done) {
        this.cursor = this.items.values();
        step = this.cursor.next();
        if (step.done) return;
      }
      this.visit(step.value);
    }
  }
}
