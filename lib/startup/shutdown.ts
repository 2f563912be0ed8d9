// Graceful shutdown on SIGTERM or SIGINT, in every way the app runs (our Node
// server, `next start` with NEXT_MANUAL_SIG_HANDLE=true, the Docker image):
// 1. drain: new streams get 503 with Retry-After, /api/health answers 503 so a
//    load balancer stops routing here, the pipeline and the delivery retries
//    take on nothing new;
// 2. every open stream gets a retry hint and closes: clients reconnect with
//    Last-Event-ID, elsewhere or to this server restarted, and replay from the
//    event log what they missed, so nothing is lost;
// 3. webhook deliveries being processed and pipeline steps under way finish
//    (up to SHUTDOWN_TIMEOUT_MS; beyond it, a failed delivery is retried and a
//    task's lease runs out, so another instance picks up what was cut short);
// 4. the event bus says a last word (other instances read what just
//    committed) and closes, then the database; the process exits.
import { getEnv } from "../config/env";
import { closeDatabase } from "../db/prisma";
import { stopDeliveryRetries } from "../github/retry-deliveries";
import { log } from "../observability/log";
import { stopPipeline } from "../pipeline/pipeline-worker";
import { stopEventBus } from "../realtime/bus/event-bus";
import { runningHub } from "../realtime/hub";
import { isDraining, startDraining, workFinished, workInFlight } from "./lifecycle";

export type ShutdownResult = { finished: boolean; streamsClosed: number; unfinished: number };

export async function shutDown(timeoutMs = getEnv().SHUTDOWN_TIMEOUT_MS): Promise<ShutdownResult> {
  const deadline = Date.now() + timeoutMs;
  startDraining();
  stopPipeline();
  stopDeliveryRetries();
  const hub = await runningHub()?.catch(() => undefined);
  const streamsClosed = hub?.closeAll() ?? 0;
  log.info({ streamsClosed, workInFlight: workInFlight() }, "shutting down: streams closed, finishing work in flight");
  const finished = await workFinished(deadline);
  const unfinished = workInFlight();
  if (!finished) log.warn({ unfinished, timeoutMs }, "shutdown timeout: leaving work unfinished (deliveries are retried, task leases run out)");
  await stopEventBus().catch((error: unknown) => log.warn({ err: error }, "event bus did not close cleanly"));
  await closeDatabase().catch((error: unknown) => log.warn({ err: error }, "database did not close cleanly"));
  return { finished, streamsClosed, unfinished };
}

/** Installs the stop-signal handlers once per process: drain, then exit (1 if work was left unfinished). */
export function exitGracefullyOnSignals(): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      if (isDraining()) return;
      log.info({ signal }, "stop signal received");
      shutDown().then(
        (result) => {
          log.info(result, "shutdown complete");
          process.exit(result.finished ? 0 : 1);
        },
        (error: unknown) => {
          log.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
    });
  }
}
