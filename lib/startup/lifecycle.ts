// The process's life: serving, then draining once a stop signal came
// (shutdown.ts). Work that must finish before the process exits (a request
// under way, a webhook delivery being processed, a pipeline step, a retry
// pass) is tracked here, so the shutdown waits for exactly that.
//
// On globalThis: Next loads this module once per bundle (instrumentation, each
// route), and they must all see one state.
type Lifecycle = { draining: boolean; work: Set<Promise<unknown>> };
const holder = globalThis as typeof globalThis & { __conduitLifecycle?: Lifecycle };
const state = (holder.__conduitLifecycle ??= { draining: false, work: new Set() });

export function isDraining(): boolean {
  return state.draining;
}

export function startDraining(): void {
  state.draining = true;
}

/** Runs `work` as part of what a shutdown waits for; resolves or rejects as it does. */
export function trackWork<T>(work: Promise<T>): Promise<T> {
  state.work.add(work);
  const forget = () => state.work.delete(work);
  work.then(forget, forget);
  return work;
}

/** Waits until no tracked work is left (work may start more work) or the deadline passes; true if none is left. */
export async function workFinished(deadline: number): Promise<boolean> {
  while (state.work.size > 0) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...state.work]),
      new Promise((resolve) => (timer = setTimeout(resolve, left))),
    ]);
    clearTimeout(timer);
  }
  return true;
}

export function workInFlight(): number {
  return state.work.size;
}
