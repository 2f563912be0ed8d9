// Visits a map's values a slice at a time, continuing where the last call
// stopped, so that `slices` calls visit each value about once. The hub checks
// its connections for heartbeats and lifetimes this way rather than all in one
// tick: streams opened together (a benchmark's clients, a wave of reconnects
// after a deploy) fall due together, and 1,000 heartbeats in one tick are 1,000
// socket writes (~45 µs each on a small VM) that hold up every request queued
// behind them. Visited in slices, their heartbeats leave spread over a cycle.
export class RollingSweep<T> {
  private cursor: Iterator<T> | undefined;

  constructor(
    private readonly items: Map<unknown, T>,
    private readonly slices: number,
  ) {}

  /** Visits the next 1/slices of the values (at least one when there are any). A Map's iterator sees deletions and additions made meanwhile. */
  next(visit: (item: T) => void): void {
    for (let left = Math.ceil(this.items.size / this.slices); left > 0; left--) {
      let step = this.cursor?.next();
      if (!step || step.done) {
        this.cursor = this.items.values();
        step = this.cursor.next();
        if (step.done) return;
      }
      visit(step.value);
    }
  }
}
